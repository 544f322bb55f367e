package io.atelier.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** One function, one event file, one answer: what {@code make invoke} does. */
class InvokeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void httpEventFileIsReadIntoTheHandlersInputType() throws Exception {
        InvokeResult result = TestStack.get().invoke("EchoFunction", TestStack.resource("events/http-get.json"));
        assertThat(result.failed()).isFalse();
        assertThat(result.response()).isInstanceOf(APIGatewayV2HTTPResponse.class);
        JsonNode response = JSON.readTree(result.json());
        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        JsonNode event = JSON.readTree(response.get("body").asText()).get("event");
        assertThat(event.at("/pathParameters/id").asText()).isEqualTo("42");
        assertThat(event.at("/requestContext/authorizer/jwt/claims/sub").asText())
                .isEqualTo("alice");
    }

    @Test
    void sqsEventFileGivesTheBatchResponse() throws Exception {
        InvokeResult result = TestStack.get().invoke("WorkerFunction", TestStack.resource("events/sqs.json"));
        assertThat(result.response()).isInstanceOf(SQSBatchResponse.class);
        assertThat(JSON.readTree(result.json())
                        .at("/batchItemFailures/0/itemIdentifier")
                        .asText())
                .isEqualTo("m-bad");
    }

    @Test
    void failuresAreReportedLikeLambdaErrors() throws Exception {
        InvokeResult thrown = TestStack.get().invoke("EchoFunction", TestStack.resource("events/http-boom.json"));
        assertThat(thrown.failed()).isTrue();
        assertThat(JSON.readTree(thrown.json()).get("errorMessage").asText()).isEqualTo("boom");
        assertThat(JSON.readTree(thrown.json()).get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");

        InvokeResult missing = TestStack.get().invoke("MissingFunction", TestStack.resource("events/sqs.json"));
        assertThat(missing.failed()).isTrue();
        assertThat(JSON.readTree(missing.json()).get("errorType").asText())
                .isEqualTo("java.lang.ClassNotFoundException");
    }
}
