package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The new-user flow through the local runner's port, exactly as a person would do it: a token from
 * POST /local/token, three presigned PUTs, READY, an upscale ×2 job on `local`, SUCCEEDED, three results of twice
 * the size downloaded and decoded.
 */
class NewUserFlowTest {

    @Test
    void uploadThreeImagesUpscaleThemAndDownloadTheResults() throws Exception {
        Http anonymous = RealStack.anonymous();
        Http.Reply tokenReply = anonymous.post("/local/token", "{\"user\":\"newcomer\"}");
        assertThat(tokenReply.status()).isEqualTo(200);
        Http api = anonymous.as(tokenReply.json().get("token").asText());

        Map<String, byte[]> files = new LinkedHashMap<>();
        int[][] sizes = {{64, 48}, {100, 80}, {33, 21}};
        for (int[] size : sizes) files.put("sku-" + size[0] + ".png", Flows.png(size[0], size[1]));
        List<String> imageIds = Flows.upload(api, files, "image/png");
        for (String imageId : imageIds) {
            JsonNode image = Flows.awaitImage(api, imageId, status -> !status.equals("PENDING"));
            assertThat(image.get("status").asText()).isEqualTo("READY");
            assertThat(image.get("url").asText()).startsWith("http");
            // A JPEG preview for lists and grids, made when the upload was checked.
            BufferedImage preview = ImageIO.read(new ByteArrayInputStream(
                    Http.download(image.get("thumbnailUrl").asText())));
            assertThat(preview.getWidth()).isEqualTo(image.get("width").asInt());
        }

        String jobId = Flows.submit(api, Flows.upscaleJob(imageIds, 2));
        JsonNode job = Flows.awaitJob(api, jobId, status -> !status.equals("QUEUED") && !status.equals("RUNNING"));
        assertThat(job.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.get("counts").get("succeeded").asInt()).isEqualTo(3);
        assertThat(job.get("completedAt").isNull()).isFalse();

        // Polling with the ETag answers 304 while nothing changes.
        Http.Reply current = api.get("/jobs/" + jobId);
        assertThat(current.etag()).isNotBlank();
        assertThat(api.get("/jobs/" + jobId, Map.of("If-None-Match", current.etag()))
                        .status())
                .isEqualTo(304);

        JsonNode tasks = api.get("/jobs/" + jobId + "/tasks").json().get("tasks");
        assertThat(tasks).hasSize(3);
        Map<String, int[]> expected = new HashMap<>();
        for (int i = 0; i < 3; i++) expected.put(imageIds.get(i), sizes[i]);
        List<String> seen = new ArrayList<>();
        for (JsonNode task : tasks) {
            assertThat(task.get("status").asText()).isEqualTo("SUCCEEDED");
            int[] size = expected.get(task.get("imageId").asText());
            BufferedImage result = ImageIO.read(new ByteArrayInputStream(
                    Http.download(task.get("output").get("url").asText())));
            assertThat(result.getWidth()).isEqualTo(size[0] * 2);
            assertThat(result.getHeight()).isEqualTo(size[1] * 2);
            assertThat(task.get("output").get("width").asInt()).isEqualTo(size[0] * 2);
            assertThat(Http.download(task.get("output").get("thumbnailUrl").asText()))
                    .startsWith((byte) 0xFF, (byte) 0xD8); // JPEG
            assertThat(task.get("input").get("thumbnailUrl").asText()).startsWith("http");
            assertThat(task.get("customId").asText())
                    .isEqualTo("c-" + task.get("imageId").asText());
            seen.add(task.get("imageId").asText());
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(imageIds);
    }
}
