package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.cutout.ProductScenes;
import io.atelier.imaging.ImageCodec;
import io.atelier.imaging.ImageFormat;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Amazon main image" over ten product photos, end to end: upload, preset job, cut-out, frame, checks, manifest columns. */
class MarketplacePresetTest {

    @Test
    void amazonMainImageOverTenProductPhotos() throws Exception {
        Http api = RealStack.as("presets-" + System.nanoTime());
        JsonNode presets = api.get("/presets").json().get("presets");
        JsonNode amazon = null;
        for (JsonNode preset : presets) if (preset.get("name").asText().equals("amazon-main")) amazon = preset;
        assertThat(amazon).isNotNull();
        assertThat(amazon.get("rules").get("background").asText()).isEqualTo("#ffffff");
        assertThat(amazon.get("rules").get("minFill").asDouble()).isEqualTo(0.85);
        assertThat(amazon.get("rules").get("minLongSide").asInt()).isEqualTo(1600);

        Map<String, byte[]> files = new LinkedHashMap<>();
        List<ProductScenes.Scene> scenes = ProductScenes.all(640, 480);
        for (ProductScenes.Scene scene : scenes)
            files.put(scene.name() + ".jpg", ImageCodec.encode(scene.photo().toBufferedImage(), ImageFormat.JPEG, 92));
        List<String> imageIds = Flows.upload(api, files, "image/jpeg");
        for (String id : imageIds) Flows.awaitImage(api, id, "READY"::equals);

        StringBuilder items = new StringBuilder();
        for (String id : imageIds)
            items.append(items.isEmpty() ? "" : ",")
                    .append("{\"imageId\":\"")
                    .append(id)
                    .append("\"}");
        String jobId = Flows.submit(api, "{\"preset\":\"amazon-main\",\"items\":[" + items + "]}");
        JsonNode job = api.get("/jobs/" + jobId).json();
        assertThat(job.get("steps").findValuesAsText("operation")).containsExactly("remove-background", "frame");
        JsonNode done = Flows.await(
                api,
                "/jobs/" + jobId,
                json -> List.of("SUCCEEDED", "PARTIAL", "FAILED")
                        .contains(json.get("status").asText()),
                Duration.ofMinutes(5));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");

        JsonNode tasks = api.get("/jobs/" + jobId + "/tasks?limit=50").json().get("tasks");
        assertThat(tasks).hasSize(10);
        for (JsonNode task : tasks) {
            assertThat(task.get("output").get("contentType").asText()).isEqualTo("image/jpeg");
            assertThat(task.get("output").get("width").asInt()).isEqualTo(2000);
            assertThat(task.get("output").get("height").asInt()).isEqualTo(2000);
            JsonNode checks = task.get("checks");
            assertThat(checks.findValuesAsText("rule"))
                    .contains("background", "minFill", "longSide", "aspect", "format", "bytes", "colourSpace");
            for (JsonNode check : checks)
                assertThat(check.get("passed").asBoolean())
                        .as(task.get("taskId") + " " + check)
                        .isTrue();
        }
        assertThat(api.get("/jobs/" + jobId + "/tasks?checks=failed").json().get("tasks"))
                .isEmpty();
        assertThat(api.get("/jobs/" + jobId + "/tasks?checks=maybe").status()).isEqualTo(400);
    }

    @Test
    void unknownPresetsAndChecksAreNamedFieldErrors() throws Exception {
        Http api = RealStack.as("presets-bad-" + System.nanoTime());
        Http.Reply preset = api.post("/jobs", "{\"preset\":\"amazon-deluxe\",\"items\":[{\"imageId\":\"img_x\"}]}");
        assertThat(preset.status()).isEqualTo(400);
        assertThat(preset.json().get("errors").findValuesAsText("field")).contains("preset");
        Http.Reply checks = api.post(
                "/jobs", "{\"operation\":\"convert\",\"checks\":\"nope\",\"items\":[{\"imageId\":\"img_x\"}]}");
        assertThat(checks.status()).isEqualTo(400);
        assertThat(checks.json().get("errors").findValuesAsText("field")).contains("checks");
    }
}
