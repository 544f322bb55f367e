package io.atelier.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.local.template.FunctionSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Handlers are found and called by name the way the Lambda Java runtime finds and calls them. */
class LocalFunctionTest {

    private static LocalFunction function(String handler, String method) {
        return function(handler, method, Map.of());
    }

    private static LocalFunction function(String handler, String method, Map<String, String> environment) {
        return new LocalFunction(
                new FunctionSpec(
                        "Fn",
                        "atelier-Fn",
                        handler,
                        method,
                        3,
                        128,
                        Map.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of()),
                "arn:aws:lambda:us-east-1:000000000000:function:atelier-Fn",
                LocalFunctionTest.class.getClassLoader(),
                environment);
    }

    @Test
    void aHandlerWithAnEnvironmentConstructorGetsTheFunctionsOwnMap() throws Exception {
        LocalFunction echo =
                function("io.atelier.local.testfn.EchoHandler", "handleRequest", Map.of("TABLE_NAME", "mine"));
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRawPath("/echo")
                .withRouteKey("GET /echo")
                .build();
        APIGatewayV2HTTPResponse response = echo.invoke(event, APIGatewayV2HTTPResponse.class);
        assertThat(new ObjectMapper()
                        .readTree(response.getBody())
                        .at("/env/TABLE_NAME")
                        .asText())
                .isEqualTo("mine");
        assertThat(System.getProperty("TABLE_NAME")).isNull();
    }

    private static SQSEvent sqsEvent(String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m1");
        message.setBody(body);
        message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    @Test
    void requestHandlerGetsItsDeclaredInputType() {
        LocalFunction echo = function("io.atelier.local.testfn.EchoHandler", "handleRequest");
        assertThat(echo.inputType()).isEqualTo(APIGatewayV2HTTPEvent.class);
    }

    @Test
    void handleRequestInheritedFromAPackagePrivateBaseIsFound() {
        LocalFunction inherited = function("io.atelier.local.testfn.InheritedHandler", "handleRequest");
        assertThat(inherited.inputType()).isEqualTo(SQSEvent.class);
        SQSBatchResponse response = inherited.invoke(sqsEvent("x"), SQSBatchResponse.class);
        assertThat(response.getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("inherited:1");
    }

    @Test
    void plainMethodsAndJsonConversionWork() {
        LocalFunction sqs = function("io.atelier.local.testfn.SqsHandler", "handleRequest");
        // An event given as JSON is read into the handler's type, as Lambda would.
        SQSBatchResponse response = sqs.invoke(new RawJson("""
                {"Records":[{"messageId":"m9","body":"always-fail:json","attributes":{"ApproximateReceiveCount":"1"}}]}
                """.getBytes()), SQSBatchResponse.class);
        assertThat(response.getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m9");
    }

    @Test
    void missingClassesAndMethodsAreInitErrors() {
        assertThatThrownBy(() -> function("io.atelier.Nope", "handleRequest").invoke(sqsEvent("x")))
                .isInstanceOf(FunctionException.class)
                .hasMessageContaining("not on the classpath");
        assertThatThrownBy(() ->
                        function("io.atelier.local.testfn.SqsHandler", "nope").invoke(sqsEvent("x")))
                .isInstanceOf(FunctionException.class)
                .hasMessageContaining("no public method nope");
    }
}
