package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Presets of one's own over HTTP: a job's settings saved under a name (checked as a submission is), changed, run on
 * whole SKUs, on chosen images with an override and from a manifest; another user's preset is a 404 and cannot run.
 */
class PresetsApiTest {

    @Test
    void aSavedPresetRunsOnSkusImagesAndManifestsAndStaysItsOwners() throws Exception {
        Http owner = RealStack.as("presets-" + System.nanoTime());
        Http stranger = RealStack.as("stranger-" + System.nanoTime());
        ProjectsApiTest.uploadTwelveBySku(owner);
        String settings =
                "{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2},\"outputName\":\"{sku}/{sku}_{role}.{ext}\"}";
        Http.Reply created = owner.post("/job-presets", "{\"name\":\"Catalogue x2\",\"settings\":" + settings + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("presetId").asText();
        assertThat(id).startsWith("jps_");
        assertThat(created.json().get("settings").get("params").get("factor").asInt())
                .isEqualTo(2);

        assertThat(
                        field(
                                owner.post(
                                        "/job-presets",
                                        "{\"name\":\"bad\",\"settings\":{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":99}}}")))
                .isEqualTo("settings.params.factor");
        assertThat(field(owner.post(
                        "/job-presets", "{\"name\":\"bad\",\"settings\":{\"operation\":\"upscale\",\"items\":[]}}")))
                .isEqualTo("settings.items");
        assertThat(field(owner.post("/job-presets", "{\"settings\":" + settings + "}")))
                .isEqualTo("name");
        assertThat(field(owner.post("/job-presets", "{\"name\":\"x\",\"settings\":[]}")))
                .isEqualTo("settings");
        assertThat(
                        field(
                                owner.post(
                                        "/job-presets",
                                        "{\"name\":\"x\",\"settings\":{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2},\"outputName\":\"{colour}\"}}")))
                .isEqualTo("settings.outputName");

        Http.Reply renamed = owner.send(
                "PUT", "/job-presets/" + id, "{\"name\":\"Catalogue ×2\",\"settings\":" + settings + "}", Map.of());
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(owner.get("/job-presets").json().get("presets"))
                .extracting(p -> p.get("name").asText())
                .containsExactly("Catalogue ×2");

        // On two whole SKUs: their six images, named per SKU.
        String skuJob = Flows.submit(
                owner, "{\"jobPreset\":\"" + id + "\",\"project\":\"spring\",\"skus\":[\"sku-101\",\"sku-103\"]}");
        JsonNode done = Flows.awaitJob(owner, skuJob, "SUCCEEDED"::equals);
        assertThat(done.get("name").asText()).isEqualTo("Catalogue ×2");
        assertThat(done.get("counts").get("total").asInt()).isEqualTo(6);
        List<String> names = new ArrayList<>();
        owner.get("/jobs/" + skuJob + "/tasks")
                .json()
                .get("tasks")
                .forEach(task -> names.add(task.get("output").get("name").asText()));
        assertThat(names).hasSize(6).allMatch(name -> name.startsWith("sku-101/") || name.startsWith("sku-103/"));

        // On chosen images, with the request's own parameters over the preset's; and from a manifest.
        String imageId = owner.get("/images?project=spring&sku=sku-102")
                .json()
                .get("images")
                .get(0)
                .get("imageId")
                .asText();
        String override = Flows.submit(
                owner,
                "{\"jobPreset\":\"" + id + "\",\"params\":{\"factor\":4},\"items\":[{\"imageId\":\"" + imageId
                        + "\"}]}");
        JsonNode overridden = owner.get("/jobs/" + override).json();
        assertThat(overridden.get("params").get("factor").asInt()).isEqualTo(4);
        assertThat(overridden.get("operation").asText()).isEqualTo("upscale");
        String manifest = Flows.submit(
                owner,
                "{\"jobPreset\":\"" + id
                        + "\",\"name\":\"from rows\",\"manifest\":{\"format\":\"csv\",\"text\":\"image\\nsku-104-main.png\\n\"}}");
        assertThat(owner.get("/jobs/" + manifest).json().get("name").asText()).isEqualTo("from rows");

        assertThat(field(owner.post(
                        "/jobs", "{\"jobPreset\":\"" + id + "\",\"project\":\"spring\",\"skus\":[\"sku-999\"]}")))
                .isEqualTo("skus[0]");
        assertThat(field(owner.post(
                        "/jobs", "{\"jobPreset\":\"jps_nope\",\"items\":[{\"imageId\":\"" + imageId + "\"}]}")))
                .isEqualTo("jobPreset");

        for (Http.Reply foreign : new Http.Reply[] {
            stranger.get("/job-presets/" + id),
            stranger.send("PUT", "/job-presets/" + id, "{\"name\":\"mine\",\"settings\":" + settings + "}", Map.of()),
            stranger.delete("/job-presets/" + id)
        }) {
            assertThat(foreign.status()).isEqualTo(404);
            assertThat(foreign.isProblem()).isTrue();
        }
        assertThat(stranger.get("/job-presets").json().get("presets")).isEmpty();
        assertThat(field(stranger.post(
                        "/jobs", "{\"jobPreset\":\"" + id + "\",\"items\":[{\"imageId\":\"" + imageId + "\"}]}")))
                .isEqualTo("jobPreset");

        assertThat(owner.delete("/job-presets/" + id).status()).isEqualTo(204);
        assertThat(owner.get("/job-presets/" + id).status()).isEqualTo(404);
    }

    private static String field(Http.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.isProblem()).isTrue();
        return reply.json().get("errors").get(0).get("field").asText();
    }
}
