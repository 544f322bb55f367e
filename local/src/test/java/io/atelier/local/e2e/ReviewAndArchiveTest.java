package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.local.AtelierLocal;
import io.atelier.store.BlobStore;
import io.atelier.store.s3.S3BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Review marks and "Download all" through the local runner: a real upscale job on `local`, the zip fetched with its
 * presigned URL and opened, every entry compared with the result object it came from; and the S3 adapter's streaming
 * upload against the S3 emulator, part by part.
 */
class ReviewAndArchiveTest {
    private static final int MiB = 1 << 20;

    @Test
    void reviewMarksASucceededResultWithoutTouchingTheJob() throws Exception {
        Http api = RealStack.as("reviewer-" + System.nanoTime());
        List<String> imageIds = Flows.upload(api, Map.of("r.png", Flows.png(40, 30)), "image/png");
        Flows.awaitImage(api, imageIds.get(0), "READY"::equals);
        String jobId = Flows.submit(api, Flows.upscaleJob(imageIds, 2));
        Flows.awaitJob(api, jobId, "SUCCEEDED"::equals);
        Http.Reply before = api.get("/jobs/" + jobId);
        JsonNode task = api.get("/jobs/" + jobId + "/tasks").json().get("tasks").get(0);
        assertThat(task.has("review")).isTrue();
        assertThat(task.get("review").isNull()).isTrue();
        String path = "/jobs/" + jobId + "/tasks/" + task.get("taskId").asText() + "/review";

        Http.Reply approved = api.post(path, "{\"decision\":\"approve\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("taskId").asText())
                .isEqualTo(task.get("taskId").asText());
        assertThat(approved.json().get("review").get("decision").asText()).isEqualTo("approve");
        assertThat(Instant.parse(approved.json().get("review").get("at").asText()))
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(api.get("/jobs/" + jobId + "/tasks")
                        .json()
                        .get("tasks")
                        .get(0)
                        .get("review")
                        .get("decision")
                        .asText())
                .isEqualTo("approve");
        assertThat(api.post(path, "{\"decision\":\"reject\"}")
                        .json()
                        .get("review")
                        .get("decision")
                        .asText())
                .isEqualTo("reject");
        assertThat(api.post(path, "{\"decision\":null}").json().get("review").isNull())
                .isTrue();
        // Not a state change: the job (and so its ETag) is exactly as it was.
        assertThat(api.get("/jobs/" + jobId, Map.of("If-None-Match", before.etag()))
                        .status())
                .isEqualTo(304);

        for (String body : new String[] {"{\"decision\":\"maybe\"}", "{}", ""}) {
            Http.Reply bad = api.send("POST", path, body.isEmpty() ? null : body, Map.of());
            assertThat(bad.status()).as(body).isEqualTo(400);
            assertThat(bad.isProblem()).isTrue();
            assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("decision");
        }
        Http.Reply foreign = RealStack.as("someone-else").post(path, "{\"decision\":\"approve\"}");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.isProblem()).isTrue();
        assertThat(api.post("/jobs/" + jobId + "/tasks/tsk_unknown/review", "{\"decision\":\"approve\"}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void downloadAllZipsEveryResultNamedAfterItsOriginalWithAManifest() throws Exception {
        Http api = RealStack.as("archiver-" + System.nanoTime());
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("front.png", Flows.png(64, 48));
        files.put("back.png", Flows.png(50, 40));
        List<Flows.Upload> uploads = Flows.requestUploads(api, files, "image/png");
        // A third upload with the first one's name: its result must not overwrite the first in the zip.
        uploads = new ArrayList<>(uploads);
        uploads.addAll(Flows.requestUploads(api, Map.of("front.png", Flows.png(30, 20)), "image/png"));
        List<byte[]> bodies = List.of(files.get("front.png"), files.get("back.png"), Flows.png(30, 20));
        for (int i = 0; i < 3; i++)
            assertThat(Http.put(uploads.get(i).url(), uploads.get(i).headers(), bodies.get(i)))
                    .isEqualTo(200);
        List<String> imageIds = uploads.stream().map(Flows.Upload::imageId).toList();
        for (String id : imageIds) Flows.awaitImage(api, id, "READY"::equals);
        String jobId = Flows.submit(api, Flows.upscaleJob(imageIds, 2));
        Flows.awaitJob(api, jobId, "SUCCEEDED"::equals);
        JsonNode tasks = api.get("/jobs/" + jobId + "/tasks").json().get("tasks");

        Http.Reply none = api.post("/jobs/" + jobId + "/archive", "{\"only\":\"approved\"}");
        assertThat(none.status()).as(none.body()).isEqualTo(409);
        assertThat(none.json().get("detail").asText()).contains("no approved results");

        Http.Reply created = api.post("/jobs/" + jobId + "/archive", "");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode archive = created.json();
        assertThat(archive.get("name").asText()).isEqualTo("e2e.zip");
        assertThat(archive.get("count").asInt()).isEqualTo(3);
        assertThat(Instant.parse(archive.get("expiresAt").asText())).isAfter(Instant.now());
        byte[] zip = Http.download(archive.get("url").asText());
        assertThat((long) zip.length).isEqualTo(archive.get("size").asLong());

        Map<String, byte[]> entries = unzip(zip);
        assertThat(entries.keySet()).containsExactly("front.png", "back.png", "front (2).png", "manifest.csv");
        String[] names = {"front.png", "back.png", "front (2).png"};
        String[] originals = {"front.png", "back.png", "front.png"};
        for (int i = 0; i < 3; i++) {
            JsonNode task = taskFor(tasks, imageIds.get(i));
            assertThat(entries.get(names[i]))
                    .as(names[i])
                    .isEqualTo(Http.download(task.get("output").get("url").asText()));
        }
        String manifest = new String(entries.get("manifest.csv"), StandardCharsets.UTF_8);
        String[] lines = manifest.split("\r\n");
        assertThat(manifest).endsWith("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0])
                .isEqualTo(
                        "task,customId,original name,status,provider,model,width,height,size,file,review,error,checks,failed checks");
        for (int i = 0; i < 3; i++) {
            JsonNode task = taskFor(tasks, imageIds.get(i));
            JsonNode output = task.get("output");
            assertThat(lines[i + 1])
                    .isEqualTo(String.join(
                            ",",
                            task.get("taskId").asText(),
                            "c-" + imageIds.get(i),
                            originals[i],
                            "SUCCEEDED",
                            "local",
                            "",
                            output.get("width").asText(),
                            output.get("height").asText(),
                            output.get("size").asText(),
                            names[i],
                            "",
                            "",
                            "",
                            ""));
        }

        String second = taskFor(tasks, imageIds.get(1)).get("taskId").asText();
        assertThat(api.post("/jobs/" + jobId + "/tasks/" + second + "/review", "{\"decision\":\"approve\"}")
                        .status())
                .isEqualTo(200);
        JsonNode approved = api.post("/jobs/" + jobId + "/archive", "{\"only\":\"approved\"}")
                .json();
        assertThat(approved.get("name").asText()).isEqualTo("e2e (approved).zip");
        assertThat(approved.get("count").asInt()).isEqualTo(1);
        assertThat(unzip(Http.download(approved.get("url").asText())).keySet())
                .containsExactly("back.png", "manifest.csv");

        assertThat(api.post("/jobs/" + jobId + "/archive", "{\"only\":\"everything\"}")
                        .json()
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asText())
                .isEqualTo("only");
        Http.Reply foreign = RealStack.as("someone-else").post("/jobs/" + jobId + "/archive", "");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.isProblem()).isTrue();
    }

    /**
     * The S3 adapter's streaming upload against the S3 emulator: an object several parts long goes out as several
     * parts (5 MiB each, the last smaller) and arrives whole; an upload closed without completing leaves nothing.
     */
    @Test
    void streamingUploadsGoToS3InParts() throws Exception {
        AtelierLocal local = RealStack.get();
        String bucket = local.bucketName("MediaBucket");
        try (S3Presigner presigner = local.aws().presigner()) {
            S3BlobStore blobs = new S3BlobStore(local.aws().s3(), presigner, bucket, 5 * MiB);
            byte[] bytes = new byte[17 * MiB + 123];
            new Random(7).nextBytes(bytes);
            String key = "archives/it/streaming-" + System.nanoTime() + ".bin";
            long size;
            int parts;
            try (BlobStore.StreamingUpload upload = blobs.startUpload(key, "application/octet-stream")) {
                OutputStream out = upload.stream();
                for (int offset = 0; offset < bytes.length; offset += 100_000)
                    out.write(bytes, offset, Math.min(100_000, bytes.length - offset));
                size = upload.complete();
                parts = upload.parts();
            }
            assertThat(size).isEqualTo(bytes.length);
            assertThat(parts).isEqualTo(4);
            assertThat(local.aws()
                            .s3()
                            .getObjectAsBytes(b -> b.bucket(bucket).key(key))
                            .asByteArray())
                    .isEqualTo(bytes);

            // Exactly two parts' worth: no empty third part.
            String exact = key + ".exact";
            try (BlobStore.StreamingUpload upload = blobs.startUpload(exact, "application/octet-stream")) {
                upload.stream().write(bytes, 0, 10 * MiB);
                assertThat(upload.complete()).isEqualTo(10L * MiB);
                assertThat(upload.parts()).isEqualTo(2);
            }
            assertThat(local.aws()
                            .s3()
                            .headObject(b -> b.bucket(bucket).key(exact))
                            .contentLength())
                    .isEqualTo(10L * MiB);

            String abandoned = key + ".abandoned";
            try (BlobStore.StreamingUpload upload = blobs.startUpload(abandoned, "application/octet-stream")) {
                upload.stream().write(bytes, 0, 11 * MiB); // two parts sent, then the writer gives up
            }
            assertThat(local.aws()
                            .s3()
                            .listMultipartUploads(b -> b.bucket(bucket).prefix(abandoned))
                            .uploads())
                    .isEmpty();
            try {
                local.aws().s3().headObject(b -> b.bucket(bucket).key(abandoned));
                throw new AssertionError("an abandoned upload left an object");
            } catch (NoSuchKeyException expected) {
                // nothing there
            } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
                assertThat(e.statusCode()).isEqualTo(404);
            }
        }
    }

    private static JsonNode taskFor(JsonNode tasks, String imageId) {
        for (JsonNode task : tasks) if (task.get("imageId").asText().equals(imageId)) return task;
        throw new AssertionError("no task for " + imageId);
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) entries.put(entry.getName(), in.readAllBytes());
        }
        return entries;
    }
}
