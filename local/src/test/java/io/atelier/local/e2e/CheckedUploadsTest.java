package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the API serves has been checked: incomplete files are refused, and checked bytes cannot be replaced. */
class CheckedUploadsTest {
    private static Http api;

    @BeforeAll
    static void signIn() throws Exception {
        api = RealStack.as("checker-" + System.nanoTime());
    }

    @Test
    void aTruncatedUploadIsRejectedAsIncomplete() throws Exception {
        byte[] png = Flows.png(1200, 900);
        byte[] cut = Arrays.copyOf(png, png.length / 4);
        String imageId = Flows.upload(api, Map.of("cut.png", cut), "image/png").get(0);
        JsonNode image = Flows.awaitImage(api, imageId, status -> !status.equals("PENDING"));
        assertThat(image.get("status").asText()).isEqualTo("REJECTED");
        assertThat(image.get("reason").asText()).startsWith("The file is incomplete");
    }

    @Test
    void aPresignedPutReplayedAfterTheCheckNeverReplacesCheckedBytes() throws Exception {
        byte[] png = Flows.png(300, 200);
        Flows.Upload upload =
                Flows.requestUploads(api, Map.of("photo.png", png), "image/png").get(0);
        assertThat(upload.headers()).containsEntry("If-None-Match", "*");
        assertThat(Http.put(upload.url(), upload.headers(), png)).isEqualTo(200);
        JsonNode ready = Flows.awaitImage(api, upload.imageId(), status -> !status.equals("PENDING"));
        assertThat(ready.get("status").asText()).isEqualTo("READY");

        // Same size, so the signed Content-Length still matches: only the conditional write (or the re-check) stops it.
        byte[] html = Arrays.copyOf("<html><script>alert(1)</script>".getBytes(StandardCharsets.US_ASCII), png.length);
        int replay = Http.put(upload.url(), upload.headers(), html);
        if (replay == 412) {
            JsonNode image = api.get("/images/" + upload.imageId()).json();
            assertThat(image.get("status").asText()).isEqualTo("READY");
            assertThat(Http.download(image.get("url").asText())).isEqualTo(png);
        } else {
            // A store that ignores If-None-Match: the new bytes are noticed, the image is revoked and nothing is
            // served.
            JsonNode image = Flows.awaitImage(api, upload.imageId(), status -> status.equals("REJECTED"));
            assertThat(image.get("reason").asText()).contains("replaced after it was checked");
            assertThat(image.get("url").isNull()).isTrue();
        }
    }
}
