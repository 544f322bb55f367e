package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.local.AtelierLocal;
import io.atelier.local.LocalOptions;
import io.atelier.local.MotoServer;
import io.atelier.local.TestStack;
import io.atelier.local.events.DeliveryHook;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The local runner's --endpoint mode against an AWS emulator nobody here wrote: moto's server, started on a free
 * port, serves S3, SQS and DynamoDB for the project's own template.yaml. The new-user flow, isolation and cancel
 * pass against it as they do on the embedded emulators. Upload checks work the same way in both modes: the runner
 * lists the bucket (moto cannot call a function in this JVM), so no bucket notification is configured.
 */
class MotoEndpointTest {
    private static MotoServer moto;
    private static AtelierLocal local;

    @BeforeAll
    static void startRunnerOnMoto() throws Exception {
        moto = MotoServer.start();
        local = AtelierLocal.start(LocalOptions.defaults()
                .withPort(0)
                .withEndpoint(moto.endpoint())
                .withTemplate(Path.of("..", "template.yaml"))
                .withWebDir(Path.of("..", "web")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (local != null) local.close();
        if (moto != null) moto.close();
    }

    private static Http as(String user) {
        return new Http(local.apiUrl(), local.token(user));
    }

    @Test
    void everyServiceIsMotos() {
        assertThat(local.endpoints().external()).isTrue();
        assertThat(List.of(local.s3Endpoint(), local.sqsEndpoint(), local.dynamoEndpoint()))
                .containsOnly(moto.endpoint());
        assertThat(local.functionEnvironment())
                .containsEntry("AWS_ENDPOINT_URL", moto.endpoint().toString());
        // The queues the template declares, at moto's URLs, in the local stack's account.
        assertThat(local.queueUrl("TasksQueue")).startsWith(moto.endpoint() + "/000000000000/");
    }

    @Test
    void newUserUploadsChecksUpscalesAndDownloads() throws Exception {
        Http anonymous = new Http(local.apiUrl(), null);
        Http.Reply tokenReply = anonymous.post("/local/token", "{\"user\":\"moto-newcomer\"}");
        assertThat(tokenReply.status()).isEqualTo(200);
        Http api = anonymous.as(tokenReply.json().get("token").asText());

        Map<String, byte[]> files = new LinkedHashMap<>();
        int[][] sizes = {{64, 48}, {100, 80}, {33, 21}};
        for (int[] size : sizes) files.put("sku-" + size[0] + ".png", Flows.png(size[0], size[1]));
        List<Flows.Upload> uploads = Flows.requestUploads(api, files, "image/png");
        List<byte[]> bodies = List.copyOf(files.values());
        for (int i = 0; i < uploads.size(); i++) {
            // Presigned for moto's S3, with the signed conditional write.
            assertThat(uploads.get(i).url()).startsWith(moto.endpoint().toString());
            assertThat(uploads.get(i).headers()).containsEntry("If-None-Match", "*");
            assertThat(Http.put(uploads.get(i).url(), uploads.get(i).headers(), bodies.get(i)))
                    .isEqualTo(200);
        }
        List<String> imageIds = uploads.stream().map(Flows.Upload::imageId).toList();
        for (String imageId : imageIds) {
            JsonNode image = Flows.awaitImage(api, imageId, status -> !status.equals("PENDING"));
            assertThat(image.get("status").asText()).as(image.toString()).isEqualTo("READY");
            BufferedImage preview = ImageIO.read(new ByteArrayInputStream(
                    Http.download(image.get("thumbnailUrl").asText())));
            assertThat(preview.getWidth()).isEqualTo(image.get("width").asInt());
        }
        // The bytes are in moto's bucket, read back with the runner's own client.
        List<String> keys = local
                .aws()
                .s3()
                .listObjectsV2Paginator(
                        b -> b.bucket(local.bucketName("MediaBucket")).prefix("uploads/"))
                .contents()
                .stream()
                .map(S3Object::key)
                .toList();
        assertThat(imageIds)
                .allSatisfy(
                        id -> assertThat(keys).anySatisfy(key -> assertThat(key).contains(id)));

        String jobId = Flows.submit(api, Flows.upscaleJob(imageIds, 2));
        JsonNode job = Flows.awaitJob(api, jobId, status -> !status.equals("QUEUED") && !status.equals("RUNNING"));
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("counts").get("succeeded").asInt()).isEqualTo(3);

        Map<String, int[]> expected = new HashMap<>();
        for (int i = 0; i < 3; i++) expected.put(imageIds.get(i), sizes[i]);
        JsonNode tasks = api.get("/jobs/" + jobId + "/tasks").json().get("tasks");
        assertThat(tasks).hasSize(3);
        for (JsonNode task : tasks) {
            assertThat(task.get("status").asText()).isEqualTo("SUCCEEDED");
            int[] size = expected.get(task.get("imageId").asText());
            String url = task.get("output").get("url").asText();
            assertThat(url).startsWith(moto.endpoint().toString());
            BufferedImage result = ImageIO.read(new ByteArrayInputStream(Http.download(url)));
            assertThat(result.getWidth()).isEqualTo(size[0] * 2);
            assertThat(result.getHeight()).isEqualTo(size[1] * 2);
        }
    }

    @Test
    void aReplayedPresignedPutIsRefusedByTheConditionalWrite() throws Exception {
        Http api = as("moto-replayer");
        byte[] png = Flows.png(300, 200);
        Flows.Upload upload =
                Flows.requestUploads(api, Map.of("photo.png", png), "image/png").get(0);
        assertThat(Http.put(upload.url(), upload.headers(), png)).isEqualTo(200);
        assertThat(Flows.awaitImage(api, upload.imageId(), s -> !s.equals("PENDING"))
                        .get("status")
                        .asText())
                .isEqualTo("READY");

        byte[] html = Arrays.copyOf("<html><script>alert(1)</script>".getBytes(StandardCharsets.US_ASCII), png.length);
        assertThat(Http.put(upload.url(), upload.headers(), html)).isEqualTo(412);
        JsonNode image = api.get("/images/" + upload.imageId()).json();
        assertThat(image.get("status").asText()).isEqualTo("READY");
        assertThat(Http.download(image.get("url").asText())).isEqualTo(png);
    }

    @Test
    void anotherUsersImageAndJobAnswer404() throws Exception {
        Http owner = as("moto-owner");
        Http stranger = as("moto-stranger");
        String imageId = Flows.upload(owner, Map.of("mine.png", Flows.png(16, 16)), "image/png")
                .get(0);
        Flows.awaitImage(owner, imageId, "READY"::equals);
        String jobId = Flows.submit(owner, Flows.upscaleJob(List.of(imageId), 2));
        Flows.awaitJob(owner, jobId, "SUCCEEDED"::equals);

        List<Http.Reply> replies = List.of(
                stranger.get("/images/" + imageId),
                stranger.delete("/images/" + imageId),
                stranger.get("/jobs/" + jobId),
                stranger.get("/jobs/" + jobId + "/tasks"),
                stranger.post("/jobs/" + jobId + "/cancel", "{}"));
        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.status()).as(reply.body()).isEqualTo(404);
            assertThat(reply.isProblem()).isTrue();
        });
        Http.Reply borrowed = stranger.post("/jobs", Flows.upscaleJob(List.of(imageId), 2));
        assertThat(borrowed.problemField()).isEqualTo("items[0].imageId");
        assertThat(stranger.get("/jobs").json().get("jobs")).isEmpty();
        assertThat(owner.get("/images/" + imageId).status()).isEqualTo(200);
        assertThat(owner.get("/jobs/" + jobId).status()).isEqualTo(200);
    }

    @Test
    void cancelEndsQueuedTasksAndRetryRunsThem() throws Exception {
        Http api = as("moto-canceller");
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) files.put("p" + i + ".png", Flows.png(40 + i, 30));
        List<String> imageIds = Flows.upload(api, files, "image/png");
        for (String id : imageIds) Flows.awaitImage(api, id, "READY"::equals);

        // The worker's batches wait until the cancel has answered, so every task is still QUEUED when it comes; moto
        // answers slowly enough that without this the worker could win the race. The held batch then reaches the
        // worker, whose conditional QUEUED -> RUNNING claim must fail on moto's DynamoDB.
        CountDownLatch canceled = new CountDownLatch(1);
        AtomicInteger handledBatches = new AtomicInteger();
        local.deliveryHook(new DeliveryHook() {
            @Override
            public void before(String functionId, List<Message> batch) {
                if (!functionId.equals("WorkerFunction")) return;
                try {
                    canceled.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void after(String functionId, List<Message> batch) {
                if (functionId.equals("WorkerFunction")) handledBatches.incrementAndGet();
            }
        });
        String jobId;
        try {
            jobId = Flows.submit(api, Flows.upscaleJob(imageIds, 2));
            Http.Reply cancel = api.post("/jobs/" + jobId + "/cancel", "{}");
            assertThat(cancel.status()).as(cancel.body()).isEqualTo(202);
        } finally {
            canceled.countDown();
        }
        JsonNode ended = Flows.awaitJob(api, jobId, s -> !s.equals("QUEUED") && !s.equals("RUNNING"));
        assertThat(ended.get("status").asText()).isEqualTo("CANCELED");
        assertThat(ended.get("counts").get("canceled").asInt()).isEqualTo(4);
        TestStack.await(Duration.ofSeconds(30), "the held batch to reach the worker", () -> handledBatches.get() > 0);
        local.deliveryHook(null);
        assertThat(api.get("/jobs/" + jobId)
                        .json()
                        .get("counts")
                        .get("canceled")
                        .asInt())
                .isEqualTo(4);
        assertThat(api.get("/jobs/" + jobId + "/tasks").json().get("tasks")).allSatisfy(task -> {
            assertThat(task.get("status").asText()).isEqualTo("CANCELED");
            assertThat(task.get("output").isNull()).isTrue();
        });

        assertThat(api.post("/jobs/" + jobId + "/retry", "{}").status()).isEqualTo(202);
        JsonNode done = Flows.awaitJob(api, jobId, "SUCCEEDED"::equals);
        assertThat(done.get("counts").get("succeeded").asInt()).isEqualTo(4);
    }
}
