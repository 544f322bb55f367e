package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A manifest uploaded like an image (POST /uploads, presigned PUT, checked when its bytes land) and named by id in
 * POST /jobs; its preview (GET /manifests/{id}); the dry run's per-row problems; the name pattern's dry run; another
 * user's manifest is a 404.
 */
class ManifestUploadApiTest {
    private static final String JOB = "{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2},"
            + "\"outputName\":\"{sku}/{customId}.{ext}\",\"manifest\":{\"id\":\"%s\"}%s}";
    private static Http owner;
    private static Http stranger;

    @BeforeAll
    static void ownerUploadsTwoImages() throws Exception {
        owner = RealStack.as("manifests-" + System.nanoTime());
        stranger = RealStack.as("stranger-" + System.nanoTime());
        byte[] png = Flows.png(32, 32);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("shoe-front.png", png);
        files.put("shoe-back.png", png);
        for (String id : Flows.upload(owner, files, "image/png")) Flows.awaitImage(owner, id, "READY"::equals);
    }

    /** POST /uploads for one manifest, its PUT, and the check's outcome. */
    static JsonNode uploadManifest(Http api, String name, String contentType, byte[] bytes) throws Exception {
        Http.Reply reply = api.post(
                "/uploads",
                "{\"files\":[{\"name\":\"" + name + "\",\"contentType\":\"" + contentType + "\",\"size\":"
                        + bytes.length + "}]}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode ticket = reply.json().get("uploads").get(0);
        assertThat(ticket.has("imageId")).isFalse();
        Map<String, String> headers = new LinkedHashMap<>();
        ticket.get("headers")
                .fields()
                .forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        assertThat(Http.put(ticket.get("url").asText(), headers, bytes)).isEqualTo(200);
        return Flows.await(
                api,
                "/manifests/" + ticket.get("manifestId").asText(),
                json -> !json.get("status").asText().equals("PENDING"),
                Duration.ofSeconds(30));
    }

    @Test
    void anUploadedManifestIsPreviewedAndRunsByItsId() throws Exception {
        String csv = "image,sku,customId,param.factor\nshoe-front.png,shoe,front,4\nshoe-back.png,shoe,back,\n";
        JsonNode manifest = uploadManifest(owner, "shoes.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(manifest.get("status").asText()).isEqualTo("READY");
        assertThat(manifest.get("rowCount").asInt()).isEqualTo(2);
        JsonNode first = manifest.get("rows").get(0);
        assertThat(first.get("row").asInt()).isEqualTo(2);
        assertThat(first.get("image").asText()).isEqualTo("shoe-front.png");
        assertThat(first.get("params").get("factor").asInt()).isEqualTo(4);
        String id = manifest.get("manifestId").asText();

        Http.Reply dry = owner.post("/jobs", JOB.formatted(id, ",\"dryRun\":true"));
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().get("tasks").asInt()).isEqualTo(2);

        String jobId = Flows.submit(owner, JOB.formatted(id, ""));
        JsonNode job = Flows.awaitJob(owner, jobId, "SUCCEEDED"::equals);
        assertThat(job.get("outputName").asText()).isEqualTo("{sku}/{customId}.{ext}");
        JsonNode tasks = owner.get("/jobs/" + jobId + "/tasks").json().get("tasks");
        assertThat(List.of(
                        tasks.get(0).get("output").get("name").asText(),
                        tasks.get(1).get("output").get("name").asText()))
                .containsExactlyInAnyOrder("shoe/front.png", "shoe/back.png");

        Http.Reply theirs = stranger.get("/manifests/" + id);
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(theirs.isProblem()).isTrue();
        Http.Reply theirJob = stranger.post("/jobs", JOB.formatted(id, ""));
        assertThat(theirJob.status()).isEqualTo(404);
        assertThat(theirJob.isProblem()).isTrue();
        assertThat(stranger.post("/jobs", JOB.formatted(id, ",\"dryRun\":true")).status())
                .isEqualTo(404);
    }

    @Test
    void theDryRunNamesEachBadRowAndColumnAndNothingStarts() throws Exception {
        String csv = "image,customId,prompt\nshoe-front.png,a,\nghost.png,b,\nshoe-back.png,c,=HYPERLINK(\"x\")\n";
        JsonNode manifest = uploadManifest(owner, "bad.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(manifest.get("status").asText()).isEqualTo("READY");
        assertThat(manifest.get("rows")).hasSize(3);
        int jobsBefore = owner.get("/jobs").json().get("jobs").size();
        for (String extra : List.of(",\"dryRun\":true", "")) {
            Http.Reply reply =
                    owner.post("/jobs", JOB.formatted(manifest.get("manifestId").asText(), extra));
            assertThat(reply.status()).as(reply.body()).isEqualTo(400);
            assertThat(reply.isProblem()).isTrue();
            assertThat(reply.json().get("errors"))
                    .extracting(error -> error.get("field").asText())
                    .containsExactly("row 3, image", "row 4, prompt");
        }
        assertThat(owner.get("/jobs").json().get("jobs")).hasSize(jobsBefore);
    }

    @Test
    void oversizedOrTooLongManifestsAreRefusedNamingTheFieldOrTheManifest() throws Exception {
        Http.Reply big = owner.post(
                "/uploads",
                "{\"files\":[{\"name\":\"big.csv\",\"contentType\":\"text/csv\",\"size\":" + (20 << 20) + "}]}");
        assertThat(big.status()).isEqualTo(400);
        assertThat(big.json().get("errors").get(0).get("field").asText()).isEqualTo("files[0].size");

        StringBuilder rows = new StringBuilder("image\n");
        for (int i = 0; i < 100_000; i++) rows.append("shoe-front.png\n");
        JsonNode tooLong =
                uploadManifest(owner, "long.csv", "text/csv", rows.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(tooLong.get("status").asText()).isEqualTo("REJECTED");
        assertThat(tooLong.get("reason").asText()).contains("100000 rows");
        Http.Reply job =
                owner.post("/jobs", JOB.formatted(tooLong.get("manifestId").asText(), ""));
        assertThat(job.status()).isEqualTo(400);
        assertThat(job.json().get("errors").get(0).get("field").asText()).isEqualTo("manifest.id");

        JsonNode jsonl = uploadManifest(
                owner,
                "rows.jsonl",
                "application/x-ndjson",
                "{\"image\":\"shoe-front.png\",\"customId\":\"j\"}\n".getBytes(StandardCharsets.UTF_8));
        assertThat(jsonl.get("status").asText()).isEqualTo("READY");
        assertThat(jsonl.get("format").asText()).isEqualTo("jsonl");
        assertThat(owner.get("/manifests/man_00000000000000000000000000").status())
                .isEqualTo(404);
    }

    @Test
    void theNamePatternsDryRunAnswersEachFilesSkuAndRoleAndCreatesNothing() {
        Http.Reply reply = owner.post(
                "/uploads",
                "{\"dryRun\":true,\"project\":\"spring\",\"namePattern\":\"{sku}_{n}.jpg\",\"files\":["
                        + "{\"name\":\"sku-7_1.jpg\",\"contentType\":\"image/jpeg\",\"size\":10},"
                        + "{\"name\":\"sku-7_3.jpg\",\"contentType\":\"image/jpeg\",\"size\":10},"
                        + "{\"name\":\"other.jpg\",\"contentType\":\"image/jpeg\",\"size\":10}]}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode files = reply.json().get("files");
        assertThat(files.get(0).get("sku").asText()).isEqualTo("sku-7");
        assertThat(files.get(0).get("role").asText()).isEqualTo("main");
        assertThat(files.get(1).get("role").asText()).isEqualTo("extra-2");
        assertThat(files.get(2).get("errors").get(0).get("field").asText()).isEqualTo("files[2].name");
        assertThat(owner.get("/images?project=spring").json().get("images")).isEmpty();
    }
}
