package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The approved results of a job exported to the team's bucket (in the S3 emulator), named by a template, with
 * manifest.csv; the export runs in the background and its progress is polled.
 */
class ExportEndToEndTest {
    static final String BUCKET = "team-exports";

    @Test
    void approvedResultsAreCopiedToThePrefixNamedByTheTemplateWithAManifest() throws Exception {
        Http api = IntegrationsStack.as("export-" + System.nanoTime());
        S3Client s3 = IntegrationsStack.get().aws().s3();
        if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET)))
            s3.createBucket(b -> b.bucket(BUCKET));
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) files.put("shoe" + i + ".png", Flows.png(40 + i, 30));
        List<String> images = Flows.upload(api, files, "image/png");
        for (String id : images) Flows.awaitImage(api, id, "READY"::equals);
        String jobId = Flows.submit(api, Flows.upscaleJob(images, 2));
        Flows.awaitJob(api, jobId, "SUCCEEDED"::equals);
        JsonNode tasks = api.get("/jobs/" + jobId + "/tasks").json().get("tasks");
        for (int i = 0; i < 2; i++)
            assertThat(api.post(
                                    "/jobs/" + jobId + "/tasks/"
                                            + tasks.get(i).get("taskId").asText() + "/review",
                                    "{\"decision\":\"approve\"}")
                            .status())
                    .isEqualTo(200);

        String prefix = "spring-" + System.nanoTime() + "/";
        Http.Reply started = api.post(
                "/jobs/" + jobId + "/export",
                "{\"destination\":\"s3://" + BUCKET + "/" + prefix
                        + "\",\"only\":\"approved\",\"outputName\":\"{n}-{name}_x2.{ext}\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().get("total").asInt()).isEqualTo(2);
        String path =
                "/jobs/" + jobId + "/exports/" + started.json().get("exportId").asText();
        JsonNode done =
                Flows.await(api, path, json -> !json.get("status").asText().equals("RUNNING"), Duration.ofSeconds(60));
        assertThat(done.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.get("done").asInt()).isEqualTo(2);
        assertThat(done.get("failed")).isEmpty();

        List<String> keys = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .sorted()
                .toList();
        assertThat(keys).containsExactly(prefix + "1-shoe0_x2.png", prefix + "2-shoe1_x2.png", prefix + "manifest.csv");
        String manifest = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(prefix + "manifest.csv"))
                .asString(StandardCharsets.UTF_8);
        assertThat(manifest).contains("1-shoe0_x2.png", "2-shoe1_x2.png", "approve");
        assertThat(manifest.lines()).hasSize(4); // header and every task, the unapproved one without a file
        byte[] copied = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(prefix + "1-shoe0_x2.png"))
                .asByteArray();
        assertThat(copied)
                .isEqualTo(Http.download(tasks.get(0).get("output").get("url").asText()));
    }

    @Test
    void withoutATemplateTheJobsOwnNamesMakeOneFolderPerSku() throws Exception {
        Http api = IntegrationsStack.as("export-sku-" + System.nanoTime());
        S3Client s3 = IntegrationsStack.get().aws().s3();
        if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET)))
            s3.createBucket(b -> b.bucket(BUCKET));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("sku-1-front.png", Flows.png(40, 30));
        files.put("sku-2-back.png", Flows.png(41, 30));
        String uploadJson = files.entrySet().stream()
                .map(file -> "{\"name\":\"" + file.getKey() + "\",\"contentType\":\"image/png\",\"size\":"
                        + file.getValue().length + "}")
                .collect(java.util.stream.Collectors.joining(
                        ",", "{\"project\":\"spring\",\"namePattern\":\"{sku}-{role}.png\",\"files\":[", "]}"));
        Http.Reply uploads = api.post("/uploads", uploadJson);
        assertThat(uploads.status()).as(uploads.body()).isEqualTo(201);
        List<byte[]> bodies = List.copyOf(files.values());
        List<String> images = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            JsonNode upload = uploads.json().get("uploads").get(i);
            Map<String, String> headers = new LinkedHashMap<>();
            upload.get("headers")
                    .fields()
                    .forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
            assertThat(Http.put(upload.get("url").asText(), headers, bodies.get(i)))
                    .isEqualTo(200);
            images.add(upload.get("imageId").asText());
        }
        for (String id : images) Flows.awaitImage(api, id, "READY"::equals);
        String job = Flows.upscaleJob(images, 2);
        String jobId =
                Flows.submit(api, job.substring(0, job.length() - 1) + ",\"outputName\":\"{sku}/{sku}_{role}.{ext}\"}");
        Flows.awaitJob(api, jobId, "SUCCEEDED"::equals);

        String prefix = "sku-" + System.nanoTime() + "/";
        Http.Reply started =
                api.post("/jobs/" + jobId + "/export", "{\"destination\":\"s3://" + BUCKET + "/" + prefix + "\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode done = Flows.await(
                api,
                "/jobs/" + jobId + "/exports/" + started.json().get("exportId").asText(),
                json -> !json.get("status").asText().equals("RUNNING"),
                Duration.ofSeconds(60));
        assertThat(done.get("status").asText()).isEqualTo("SUCCEEDED");
        List<String> keys = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .filter(key -> !key.endsWith("/")) // S3Proxy's file store lists its folders too; S3 does not
                .sorted()
                .toList();
        assertThat(keys)
                .containsExactly(
                        prefix + "manifest.csv", prefix + "sku-1/sku-1_front.png", prefix + "sku-2/sku-2_back.png");
    }

    @Test
    void badExportsAreRefusedNamingTheFieldAndAnotherUsersJobIsNotFound() throws Exception {
        Http api = IntegrationsStack.as("export-bad-" + System.nanoTime());
        List<String> images = Flows.upload(api, Map.of("one.png", Flows.png(20, 20)), "image/png");
        Flows.awaitImage(api, images.get(0), "READY"::equals);
        String jobId = Flows.submit(api, Flows.upscaleJob(images, 2));
        Flows.awaitJob(api, jobId, "SUCCEEDED"::equals);
        String export = "/jobs/" + jobId + "/export";
        assertThat(api.post(export, "{\"destination\":\"s3://not-granted/x/\"}").problemField())
                .isEqualTo("destination");
        assertThat(api.post(export, "{\"destination\":\"/tmp/x\"}").problemField())
                .isEqualTo("destination");
        assertThat(api.post(export, "{\"destination\":\"s3://" + BUCKET + "/x/\",\"only\":\"best\"}")
                        .problemField())
                .isEqualTo("only");
        assertThat(api.post(export, "{\"destination\":\"s3://" + BUCKET + "/x/\",\"outputName\":\"{nope}.png\"}")
                        .problemField())
                .isEqualTo("outputName");
        assertThat(api.post(export, "{\"destination\":\"s3://" + BUCKET + "/x/\",\"only\":\"approved\"}")
                        .status())
                .isEqualTo(409);
        Http other = IntegrationsStack.as("export-other-" + System.nanoTime());
        assertThat(other.post(export, "{\"destination\":\"s3://" + BUCKET + "/x/\"}")
                        .status())
                .isEqualTo(404);
        assertThat(other.get("/jobs/" + jobId + "/exports/exp_01KBF3Z6W8S4ABCDEFGHJKMNPQ")
                        .status())
                .isEqualTo(404);
    }
}
