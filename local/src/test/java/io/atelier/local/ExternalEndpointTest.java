package io.atelier.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * {@code --endpoint URL}: no emulators of its own, the template's resources created there unless they exist, and
 * functions pointed at that one endpoint. The "external stack" is the shared test stack behind a routing proxy.
 */
class ExternalEndpointTest {

    @Test
    void usesTheExternalStackAndKeepsExistingResources() throws Exception {
        AtelierLocal emulated = TestStack.get();
        try (RoutingProxy proxy = new RoutingProxy(emulated.endpoints());
                AtelierLocal external = AtelierLocal.start(LocalOptions.defaults()
                        .withTemplate(TestStack.resource("test-template.yaml"))
                        .withEndpoint(proxy.endpoint())
                        .withServe(false))) {
            assertThat(external.endpoints().external()).isTrue();
            assertThat(external.s3Endpoint()).isEqualTo(proxy.endpoint());
            assertThat(external.dynamoEndpoint()).isEqualTo(proxy.endpoint());
            // The queues already existed there: same URLs as the emulated stack's.
            assertThat(external.queueUrl("TasksQueue")).isEqualTo(emulated.queueUrl("TasksQueue"));
            assertThat(external.functionEnvironment())
                    .containsEntry("AWS_ENDPOINT_URL", proxy.endpoint().toString())
                    .containsEntry("AWS_ENDPOINT_URL_S3", proxy.endpoint().toString());

            InvokeResult result = external.invoke("EchoFunction", TestStack.resource("events/http-get.json"));
            JsonNode env = new ObjectMapper()
                    .readTree(new ObjectMapper()
                            .readTree(result.json())
                            .get("body")
                            .asText())
                    .get("env");
            assertThat(env.get("AWS_ENDPOINT_URL_S3").asText())
                    .isEqualTo(proxy.endpoint().toString());
            assertThat(env.get("TABLE_NAME").asText()).isEqualTo("atelier-test");
        }
        // The emulated stack is untouched, and its functions still see their own endpoints.
        assertThat(emulated.functionEnvironment().get("AWS_ENDPOINT_URL_S3"))
                .isEqualTo(emulated.s3Endpoint().toString());
        emulated.aws().s3().headBucket(b -> b.bucket(emulated.bucketName("MediaBucket")));
    }
}
