package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.fakes.MemoryBlobStore;
import io.atelier.fakes.MemoryImageStore;
import io.atelier.fakes.MemoryImportRecords;
import io.atelier.fakes.TestImages;
import io.atelier.json.Json;
import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.store.ImportRecords;
import io.atelier.store.ImportRecords.ImportRecord;
import io.atelier.store.PageRequest;
import io.atelier.store.SourceObjects;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An import of 250 objects (three pages): killed in the middle of its second page, then redelivered; and handed on
 * when its time runs short. Every object is counted once and imported once, and the job is submitted once.
 */
class ImportRunTest {
    private static final String OWNER = "alice";
    private static final String BUCKET = "team-photos";
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);
    private final MemoryImageStore images = new MemoryImageStore();
    private final MemoryBlobStore blobs = new MemoryBlobStore();
    private final MemoryImportRecords records = new MemoryImportRecords();
    private final Bucket bucket = new Bucket();
    private final List<Imports.Message> queue = new ArrayList<>();
    private final List<String> submittedKeys = new ArrayList<>();
    private final List<JsonNode> submittedJobs = new ArrayList<>();

    /** The function dying (a timeout, an out-of-memory), as opposed to an object that cannot be read. */
    static final class Crash extends Error {}

    /** The team's bucket in memory: listed in key order, copied into the media bucket's blob store. */
    final class Bucket implements SourceObjects {
        final TreeMap<String, byte[]> objects = new TreeMap<>();
        volatile String crashOn;
        final AtomicInteger copies = new AtomicInteger();

        @Override
        public Listing page(String bucketName, String prefix, String token, int max) {
            assertThat(bucketName).isEqualTo(BUCKET);
            List<SourceObject> page = objects.tailMap(token == null ? prefix : token, token == null).entrySet().stream()
                    .filter(e -> e.getKey().startsWith(prefix))
                    .limit(max + 1)
                    .map(e -> new SourceObject(e.getKey(), e.getValue().length))
                    .toList();
            return page.size() > max
                    ? new Listing(page.subList(0, max), page.get(max - 1).key())
                    : new Listing(page, null);
        }

        @Override
        public void copyIn(String bucketName, String key, String destinationKey, String contentType) {
            if (key.equals(crashOn)) {
                crashOn = null;
                throw new Crash();
            }
            if (key.contains("unreadable")) throw new IllegalStateException("AccessDenied");
            copies.incrementAndGet();
            blobs.write(destinationKey, objects.get(key), contentType);
        }
    }

    private ImportRun run() {
        return new ImportRun(
                records,
                bucket,
                images,
                new UploadCheck(images, blobs, clock),
                (owner, job, key, refused) -> {
                    assertThat(refused).hasSize(10);
                    submittedKeys.add(key);
                    submittedJobs.add(job);
                    return "job_01KBF3Z6W8S4ABCDEFGHJKMNPQ";
                },
                queue::add,
                clock);
    }

    private Imports imports() {
        return new Imports(records, java.util.Set.of(BUCKET), queue::add, clock);
    }

    private void fill(String prefix) {
        for (int i = 0; i < 240; i++)
            bucket.objects.put(prefix + "sku-" + (1000 + i) + "-main.png", TestImages.png(8, 8));
        for (int i = 0; i < 5; i++)
            bucket.objects.put(prefix + "fake-" + i + "-main.png", "not a png".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 4; i++) bucket.objects.put(prefix + "notes-" + i + ".txt", new byte[] {1});
        bucket.objects.put(prefix + "unreadable-1-main.png", TestImages.png(8, 8));
        bucket.objects.put("elsewhere/sku-1-main.png", TestImages.png(8, 8));
    }

    @Test
    void anImportKilledMidPageResumesFromItsCheckpointAndCountsEveryObjectOnce() throws Exception {
        fill("spring/");
        Map<String, Object> started = imports()
                .startJob(
                        OWNER,
                        tree("{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2},"
                                + "\"source\":{\"s3\":\"s3://team-photos/spring/\",\"project\":\"spring\","
                                + "\"namePattern\":\"{sku}-{role}.png\"}}"),
                        job -> assertThat(job.get("items").get(0).get("imageId").asText())
                                .isEqualTo(Imports.PLACEHOLDER_IMAGE));
        assertThat(started.get("status")).isEqualTo("RUNNING");
        Imports.Message message = queue.remove(0);

        bucket.crashOn = "spring/sku-1150-main.png"; // the 2nd page, half done
        assertThatThrownBy(() -> run().run(message, () -> true)).isInstanceOf(Crash.class);
        ImportRecord checkpoint = records.records.get(message.importId());
        assertThat(checkpoint.pages()).isEqualTo(1);
        assertThat(checkpoint.found()).isEqualTo(100);
        int copiesBefore = bucket.copies.get();

        // Redelivered: the second page is done again; its first half is found, not copied again.
        run().run(message, () -> true);
        ImportRecord done = records.records.get(message.importId());
        assertThat(done.status()).isEqualTo(ImportRecords.Status.SUCCEEDED);
        assertThat(done.found()).isEqualTo(250);
        assertThat(done.imported()).isEqualTo(240);
        assertThat(done.refused()).isEqualTo(10);
        assertThat(done.problems())
                .extracting(ImportRecords.Problem::key)
                .doesNotHaveDuplicates()
                .hasSize(10);
        assertThat(done.problems())
                .anySatisfy(p -> assertThat(p.reason()).startsWith("rejected: "))
                .anySatisfy(p -> assertThat(p.reason()).isEqualTo("could not be read"))
                .anySatisfy(p -> assertThat(p.reason()).contains("PNG, JPEG or WebP"));
        // The rest of page 2 after the crash (sku-1150 to 1190) and page 3's 49 readable objects: no copy is made
        // twice.
        assertThat(bucket.copies.get() - copiesBefore).isEqualTo(41 + 49);
        List<ImageRecord> all = images.list(OWNER, new PageRequest(1000, null)).items();
        assertThat(all).hasSize(245); // 240 READY and 5 REJECTED; the unreadable one removed, nothing twice
        assertThat(all.stream().filter(i -> i.status() == ImageStatus.READY)).hasSize(240);
        assertThat(images.findProject(OWNER, "spring").orElseThrow().images()).isEqualTo(245);

        assertThat(submittedKeys).containsExactly("import-" + message.importId());
        JsonNode job = submittedJobs.get(0);
        assertThat(job.get("items")).hasSize(240);
        assertThat(job.has("source")).isFalse();
        assertThat(job.get("operation").asText()).isEqualTo("upscale");
        assertThat(done.jobId()).isEqualTo("job_01KBF3Z6W8S4ABCDEFGHJKMNPQ");

        run().run(message, () -> true); // a late duplicate of the message changes nothing
        assertThat(submittedKeys).hasSize(1);
        assertThat(queue).isEmpty();
    }

    @Test
    void anImportShortOfTimeHandsItselfOnAndAnEmptyPrefixFails() throws Exception {
        fill("autumn/");
        imports().start(OWNER, tree("{\"source\":\"s3://team-photos/autumn/\"}"));
        Imports.Message message = queue.remove(0);
        AtomicInteger pagesAllowed = new AtomicInteger(1);
        run().run(message, () -> pagesAllowed.getAndDecrement() > 0);
        assertThat(records.records.get(message.importId()).pages()).isEqualTo(1);
        assertThat(queue).containsExactly(message); // sent again to go on in a fresh invocation
        run().run(queue.remove(0), () -> true);
        ImportRecord done = records.records.get(message.importId());
        assertThat(done.status()).isEqualTo(ImportRecords.Status.SUCCEEDED);
        assertThat(done.imported() + done.refused()).isEqualTo(250);
        assertThat(done.jobId()).isNull();
        assertThat(submittedKeys).isEmpty();

        imports().start(OWNER, tree("{\"source\":\"s3://team-photos/nothing/\"}"));
        Imports.Message empty = queue.remove(0);
        run().run(empty, () -> true);
        assertThat(records.records.get(empty.importId()).status()).isEqualTo(ImportRecords.Status.FAILED);
        assertThat(records.records.get(empty.importId()).error()).contains("No objects");

        // A message that failed on its last delivery ends the import FAILED, saying why, instead of RUNNING for ever.
        imports().start(OWNER, tree("{\"source\":\"s3://team-photos/autumn/\"}"));
        Imports.Message stuck = queue.remove(0);
        run().abandon(stuck, "The import stopped after 5 faults.");
        assertThat(records.records.get(stuck.importId()).status()).isEqualTo(ImportRecords.Status.FAILED);
        assertThat(records.records.get(stuck.importId()).error()).isEqualTo("The import stopped after 5 faults.");
        run().run(stuck, () -> true); // a late delivery does nothing more
        assertThat(records.records.get(stuck.importId()).found()).isZero();
    }

    @Test
    void requestsAreCheckedAtOnceNamingTheField() throws Exception {
        Imports imports = imports();
        assertThat(field(() -> imports.start(OWNER, tree("{\"source\":\"s3://not-granted/x/\"}"))))
                .isEqualTo("source");
        assertThat(field(() ->
                        imports.startJob(OWNER, tree("{\"source\":{\"s3\":\"s3://not-granted/x/\"}}"), job -> {})))
                .isEqualTo("source.s3");
        assertThat(field(() -> imports.startJob(
                        OWNER,
                        tree("{\"source\":{\"s3\":\"s3://team-photos/x/\",\"namePattern\":\"{sku}.png\"}}"),
                        job -> {})))
                .isEqualTo("source.project");
        assertThat(field(() -> imports.startJob(
                        OWNER,
                        tree("{\"images\":[\"img_01KBF3Z6W8S4ABCDEFGHJKMNPQ\"],"
                                + "\"source\":{\"s3\":\"s3://team-photos/x/\"}}"),
                        job -> {})))
                .isEqualTo("source");
        assertThat(field(() -> imports.startJob(OWNER, tree("{\"source\":{\"s3\":\"s3://team-photos/x/\"}}"), job -> {
                    throw new InvalidRequestException("params.factor", "factor must be 2 or 4");
                })))
                .isEqualTo("params.factor");
        assertThat(queue).isEmpty();
        assertThat(records.records).isEmpty();
    }

    private static JsonNode tree(String json) {
        try {
            return Json.tree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static String field(Runnable request) {
        try {
            request.run();
        } catch (InvalidRequestException e) {
            return e.errors().get(0).field();
        }
        throw new AssertionError("not refused");
    }
}
