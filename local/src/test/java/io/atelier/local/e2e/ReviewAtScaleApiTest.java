package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Review at scale over HTTP: 12 results of 4 SKUs approved and rejected by filter in a few calls, the job's review
 * progress following every mark, two rejected results re-run with other parameters as a new attempt (the earlier one
 * kept), and the approved set downloaded with one folder per SKU. Another user reaches none of it.
 */
class ReviewAtScaleApiTest {

    @Test
    void approveRejectByFilterRerunTheRejectedAndDownloadTheApprovedPerSku() throws Exception {
        Http owner = RealStack.as("reviewer-" + System.nanoTime());
        Http stranger = RealStack.as("stranger-" + System.nanoTime());
        ProjectsApiTest.uploadTwelveBySku(owner);
        List<JsonNode> images = new ArrayList<>();
        owner.get("/images?project=spring&limit=100").json().get("images").forEach(images::add);
        String jobId = Flows.submit(owner, OutputNamesApiTest.job(images, "{sku}/{sku}_{role}.{ext}", ""));
        JsonNode job = Flows.awaitJob(owner, jobId, "SUCCEEDED"::equals);
        assertThat(progress(job)).containsExactly(0, 0, 12);
        String path = "/jobs/" + jobId + "/review";

        JsonNode sku101 = ok(owner.post(path, "{\"decision\":\"approve\",\"filter\":{\"sku\":\"sku-101\"}}"));
        assertThat(sku101.get("matched").asInt()).isEqualTo(3);
        assertThat(sku101.get("changed").asInt()).isEqualTo(3);
        assertThat(progress(sku101.get("job"))).containsExactly(3, 0, 9);

        List<String> sku102 = new ArrayList<>();
        for (JsonNode task : owner.get("/jobs/" + jobId + "/tasks").json().get("tasks"))
            if (task.get("sku").asText().equals("sku-102")
                    && !task.get("role").asText().equals("main"))
                sku102.add(task.get("taskId").asText());
        assertThat(sku102).hasSize(2);
        JsonNode rejected = ok(owner.post(
                path, "{\"decision\":\"reject\",\"filter\":{\"taskIds\":[\"" + String.join("\",\"", sku102) + "\"]}}"));
        assertThat(progress(rejected.get("job"))).containsExactly(3, 2, 7);
        JsonNode rest = ok(owner.post(
                path, "{\"decision\":\"approve\",\"filter\":{\"review\":\"unreviewed\",\"checks\":\"passed\"}}"));
        assertThat(rest.get("matched").asInt()).isEqualTo(7);
        assertThat(progress(rest.get("job"))).containsExactly(10, 2, 0);
        assertThat(ok(owner.post(path, "{\"decision\":\"approve\",\"filter\":{\"sku\":\"sku-101\"}}"))
                        .get("changed")
                        .asInt())
                .as("already approved")
                .isZero();

        assertThat(field(owner.post(path, "{\"decision\":\"approve\",\"filter\":{\"colour\":\"red\"}}")))
                .isEqualTo("filter.colour");
        assertThat(field(owner.post(path, "{\"decision\":\"approve\",\"filter\":{\"checks\":\"maybe\"}}")))
                .isEqualTo("filter.checks");
        assertThat(field(owner.post(path, "{\"decision\":\"approve\",\"filter\":{\"taskIds\":[]}}")))
                .isEqualTo("filter.taskIds");
        assertThat(field(owner.post(path, "{\"filter\":{}}"))).isEqualTo("decision");
        assertThat(field(owner.post(path, "{\"decision\":\"approve\",\"filter\":[1]}")))
                .isEqualTo("filter");
        Http.Reply foreign = stranger.post(path, "{\"decision\":\"reject\"}");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.isProblem()).isTrue();
        assertThat(progress(owner.get("/jobs/" + jobId).json()))
                .as("the stranger changed nothing")
                .containsExactly(10, 2, 0);

        String rerun = "/jobs/" + jobId + "/rerun";
        assertThat(field(owner.post(rerun, "{\"params\":{\"factor\":99}}"))).isEqualTo("params.factor");
        assertThat(field(owner.post(rerun, "{\"params\":[1]}"))).isEqualTo("params");
        String approvedTask =
                owner.get("/jobs/" + jobId + "/tasks").json().get("tasks").findValuesAsText("taskId").stream()
                        .filter(id -> !sku102.contains(id))
                        .findFirst()
                        .orElseThrow();
        assertThat(field(owner.post(rerun, "{\"taskIds\":[\"" + approvedTask + "\"]}")))
                .isEqualTo("taskIds[0]");
        assertThat(stranger.post(rerun, "{\"params\":{\"factor\":4}}").status()).isEqualTo(404);

        Http.Reply again = owner.post(rerun, "{\"params\":{\"factor\":4}}");
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        assertThat(again.json().get("counts").get("succeeded").asInt()).isEqualTo(10);
        assertThat(progress(again.json())).containsExactly(10, 0, 0);
        Flows.awaitJob(owner, jobId, "SUCCEEDED"::equals);
        assertThat(owner.post(rerun, "").status())
                .as("nothing rejected any more")
                .isEqualTo(409);
        for (JsonNode task : owner.get("/jobs/" + jobId + "/tasks").json().get("tasks")) {
            if (!sku102.contains(task.get("taskId").asText())) {
                assertThat(task.get("attempt").asInt()).isEqualTo(1);
                assertThat(task.get("previousAttempts")).isEmpty();
                continue;
            }
            assertThat(task.get("attempt").asInt()).isEqualTo(2);
            assertThat(task.get("params").get("factor").asInt()).isEqualTo(4);
            assertThat(task.get("output").get("width").asInt()).isEqualTo(64 * 4);
            JsonNode first = task.get("previousAttempts").get(0);
            assertThat(first.get("attempt").asInt()).isEqualTo(1);
            assertThat(first.get("review").asText()).isEqualTo("reject");
            assertThat(first.get("output").get("width").asInt()).isEqualTo(64 * 2);
            assertThat(Http.download(first.get("output").get("url").asText()))
                    .as("the earlier result is kept")
                    .isNotEqualTo(Http.download(task.get("output").get("url").asText()));
            assertThat(task.get("output").get("name").asText()).startsWith("sku-102/sku-102_");
        }
        assertThat(progress(owner.get("/jobs/" + jobId).json())).containsExactly(10, 0, 2);
        ok(owner.post(path, "{\"decision\":\"approve\",\"filter\":{\"review\":\"unreviewed\"}}"));

        JsonNode archive = owner.post("/jobs/" + jobId + "/archive", "{\"only\":\"approved\"}")
                .json();
        assertThat(archive.get("count").asInt()).isEqualTo(12);
        Map<String, byte[]> zip =
                OutputNamesApiTest.unzip(Http.download(archive.get("url").asText()));
        assertThat(zip).hasSize(13).containsKey("manifest.csv");
        assertThat(zip.keySet().stream()
                        .filter(name -> !name.equals("manifest.csv"))
                        .map(name -> name.substring(0, name.indexOf('/')))
                        .distinct())
                .containsExactlyInAnyOrder("sku-101", "sku-102", "sku-103", "sku-104");
    }

    private static List<Integer> progress(JsonNode job) {
        JsonNode review = job.get("review");
        return List.of(
                review.get("approved").asInt(),
                review.get("rejected").asInt(),
                review.get("unreviewed").asInt());
    }

    private static JsonNode ok(Http.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static String field(Http.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.isProblem()).isTrue();
        return reply.json().get("errors").get(0).get("field").asText();
    }
}
