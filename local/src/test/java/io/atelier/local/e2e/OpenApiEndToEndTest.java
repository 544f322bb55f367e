package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.local.contract.OpenApiContract;
import org.junit.jupiter.api.Test;

/** The contract is served by the API itself, without a token, and is the document the tests check answers against. */
class OpenApiEndToEndTest {

    @Test
    void getOpenApiJsonServesTheDocumentWithoutAToken() throws Exception {
        Http.Reply reply = RealStack.anonymous().get("/openapi.json");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(reply.json()).isEqualTo(OpenApiContract.get().document());
    }
}
