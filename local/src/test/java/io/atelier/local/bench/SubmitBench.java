package io.atelier.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.local.AtelierLocal;
import io.atelier.local.LocalOptions;
import io.atelier.local.events.DeliveryHook;
import io.atelier.local.lambda.FunctionException;
import io.atelier.model.Ids;
import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.store.dynamodb.DynamoImageStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.IntPredicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code make bench ARGS="submit 1 2000 5000"}: how long {@code POST /jobs} takes to answer for jobs of these sizes,
 * how long the tasks take to exist after it, and {@code GET /jobs/{id}} of the largest job against a 1-item job's.
 * Images are seeded READY in the table (no bytes: the worker is held off, nothing runs), so only submission is measured.
 */
final class SubmitBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SubmitBench() {}

    static void run(int[] sizes) throws Exception {
        int largest = Arrays.stream(sizes).max().orElse(1);
        try (AtelierLocal local = AtelierLocal.start(LocalOptions.defaults().withPort(0))) {
            HeldWorker held = new HeldWorker();
            local.deliveryHook(held);
            String owner = "bench-" + UUID.randomUUID();
            String token = local.token(owner);
            URI api = local.apiUrl();
            List<String> images = seedImages(local, owner, largest);
            String table = local.tableName("AtelierTable");

            List<String> small = new ArrayList<>();
            double[] oneItem = new double[5];
            for (int i = 0; i < oneItem.length; i++) {
                long t = System.nanoTime();
                small.add(submit(api, token, images.subList(0, 1)));
                oneItem[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(oneItem);
            System.out.printf(
                    "POST /jobs, 1 item: %.0f ms (median of %d)%n", oneItem[oneItem.length / 2], oneItem.length);
            String big = null;
            for (int size : sizes) {
                if (size <= 1) continue;
                long t = System.nanoTime();
                String jobId = submit(api, token, images.subList(0, size));
                double answered = (System.nanoTime() - t) / 1e6;
                awaitTasks(local, table, jobId, size);
                double allThere = (System.nanoTime() - t) / 1e6;
                System.out.printf(
                        "POST /jobs, %,d items: answered in %.0f ms; all %,d tasks stored %.0f ms after the request%n",
                        size, answered, size, allThere);
                if (size == largest) big = jobId;
            }
            if (big != null) {
                double[] medians = medianGets(api, token, small.get(0), big);
                System.out.printf(
                        "GET /jobs/{id}: %,d-item job %.1f ms vs 1-item job %.1f ms (%.2f×, medians of 25, interleaved)%n",
                        largest, medians[1], medians[0], medians[1] / medians[0]);
            }
            local.aws().sqs().purgeQueue(b -> b.queueUrl(local.queueUrl("TasksQueue"))); // nothing is left to run
            held.release();
        }
    }

    /** READY image records straight into the table: what a finished upload leaves, without bytes. */
    private static List<String> seedImages(AtelierLocal local, String owner, int count) {
        DynamoImageStore store =
                new DynamoImageStore(local.aws().dynamo(), local.tableName("AtelierTable"), Duration.ofDays(1));
        Instant now = Instant.now();
        List<ImageRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++)
            records.add(new ImageRecord(
                    owner,
                    Ids.image(),
                    "sku-" + i + ".png",
                    ImageStatus.PENDING,
                    "image/png",
                    120_000L,
                    null,
                    null,
                    null,
                    null,
                    now,
                    now,
                    null));
        store.createPending(records);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (ImageRecord pending : records)
                pool.submit(() -> store.completeCheck(new ImageRecord(
                        owner,
                        pending.imageId(),
                        pending.name(),
                        ImageStatus.READY,
                        "image/png",
                        120_000L,
                        640,
                        480,
                        null,
                        null,
                        now,
                        now,
                        null)));
        }
        return records.stream().map(ImageRecord::imageId).toList();
    }

    private static String submit(URI api, String token, List<String> imageIds) throws Exception {
        StringBuilder items = new StringBuilder();
        for (String id : imageIds)
            items.append(items.isEmpty() ? "" : ",")
                    .append("{\"imageId\":\"")
                    .append(id)
                    .append("\"}");
        HttpRequest request = HttpRequest.newBuilder(api.resolve("/jobs"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2},\"items\":["
                                + items + "]}"))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202)
            throw new IllegalStateException("POST /jobs answered " + response.statusCode() + ": " + response.body());
        return JSON.readTree(response.body()).get("jobId").asText();
    }

    /** The median time of GET /jobs/{id} for each job, read in turns so that both see the same machine. */
    private static double[] medianGets(URI api, String token, String... jobIds) throws Exception {
        double[][] times = new double[jobIds.length][25];
        for (int round = -5; round < 25; round++) {
            for (int j = 0; j < jobIds.length; j++) {
                HttpRequest request = HttpRequest.newBuilder(api.resolve("/jobs/" + jobIds[j]))
                        .header("Authorization", "Bearer " + token)
                        .build();
                long t = System.nanoTime();
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                double ms = (System.nanoTime() - t) / 1e6;
                JsonNode job = JSON.readTree(response.body());
                if (response.statusCode() != 200 || job.get("counts") == null)
                    throw new IllegalStateException("GET /jobs answered " + response.body());
                if (round >= 0) times[j][round] = ms; // the first five rounds warm up
            }
        }
        double[] medians = new double[jobIds.length];
        for (int j = 0; j < jobIds.length; j++) {
            Arrays.sort(times[j]);
            medians[j] = times[j][times[j].length / 2];
        }
        return medians;
    }

    /** Counts the job's task items in the table until all are there. */
    private static void awaitTasks(AtelierLocal local, String table, String jobId, int expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        IntPredicate done = count -> count >= expected;
        while (System.nanoTime() < deadline) {
            int count = 0;
            var pages = local.aws()
                    .dynamo()
                    .queryPaginator(b -> b.tableName(table)
                            .select("COUNT")
                            .keyConditionExpression("PK = :pk AND begins_with(SK, :sk)")
                            .expressionAttributeValues(java.util.Map.of(
                                    ":pk", AttributeValue.fromS("JOB#" + jobId), ":sk", AttributeValue.fromS("TSK#"))));
            for (var page : pages) count += page.count();
            if (done.test(count)) return;
            Thread.sleep(100);
        }
        throw new IllegalStateException("the tasks of " + jobId + " were not all stored within 5 minutes");
    }

    /** Holds the worker's deliveries so the submitted tasks do not run (and use the machine) while submission is measured. */
    private static final class HeldWorker implements DeliveryHook {
        private volatile boolean held = true;

        @Override
        public void before(String functionId, List<software.amazon.awssdk.services.sqs.model.Message> batch) {
            if (!functionId.equals("WorkerFunction")) return;
            while (held) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            throw new FunctionException("held by the bench", null); // back to the queue, never run
        }

        void release() {
            held = false;
        }
    }
}
