package io.atelier.entrypoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.atelier.json.Json;
import org.junit.jupiter.api.Test;

/** {@code GET /openapi.json} needs no caller and answers the document packed into the jar. */
class OpenApiRouteTest {

    @Test
    void servesTheOpenApiDocumentWithoutACaller() throws Exception {
        // The route touches no port: a handler without any answers it.
        StatusHandler handler = new StatusHandler(null, null, null, null, null);
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRouteKey("GET /openapi.json")
                .build();

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        var document = Json.tree(response.getBody());
        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.path("paths").has("/jobs/{jobId}")).isTrue();
        assertThat(document.path("components").path("schemas").has("Problem")).isTrue();
    }
}
