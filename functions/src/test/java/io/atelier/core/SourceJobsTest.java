package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.fakes.MemoryImportRecords;
import io.atelier.json.Json;
import io.atelier.model.FieldError;
import io.atelier.store.ImportRecords;
import io.atelier.store.SourceObjects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /jobs} with a {@code source}: an Idempotency-Key makes one import (stored with it), a repeat answers it,
 * another request with the key is refused as on any POST /jobs, and the key space is the ordinary jobs' one; a dry
 * run estimates the job from one bounded listing of the prefix and creates nothing.
 */
class SourceJobsTest {
    private static final String BUCKET = "team-photos";
    private static final String JOB = "\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2}";

    private final CoreFixture fx = new CoreFixture();
    private final MemoryImportRecords records = new MemoryImportRecords(fx.jobs);
    private final List<Imports.Message> queue = new ArrayList<>();
    private final Bucket bucket = new Bucket();
    private Consumer<Imports.Message> send = queue::add;

    /** The team's bucket in memory; counts its listings and refuses to copy (a dry run copies nothing). */
    static final class Bucket implements SourceObjects {
        final TreeMap<String, Long> objects = new TreeMap<>();
        final List<Integer> listings = new ArrayList<>();

        @Override
        public Listing page(String bucketName, String prefix, String token, int max) {
            assertThat(bucketName).isEqualTo(BUCKET);
            assertThat(token).as("a dry run lists one page").isNull();
            listings.add(max);
            List<SourceObject> under = objects.tailMap(prefix, true).entrySet().stream()
                    .filter(e -> e.getKey().startsWith(prefix))
                    .limit(max + 1L)
                    .map(e -> new SourceObject(e.getKey(), e.getValue()))
                    .toList();
            return under.size() > max
                    ? new Listing(under.subList(0, max), under.get(max - 1).key())
                    : new Listing(under, null);
        }

        @Override
        public void copyIn(String bucketName, String key, String destinationKey, String contentType) {
            throw new AssertionError("nothing is copied here");
        }
    }

    private Imports imports() {
        return new Imports(
                records, bucket, Set.of(BUCKET), message -> send.accept(message), Duration.ofHours(24), fx.clock);
    }

    private Imports.Started start(String body, String key) throws Exception {
        JobService jobs = fx.jobService();
        return imports()
                .startJob(
                        "alice",
                        Json.tree(body),
                        Optional.ofNullable(key),
                        job -> jobs.check("alice", null, job),
                        null);
    }

    private static String fromPrefix(String prefix) {
        return "{" + JOB + ",\"source\":{\"s3\":\"s3://" + BUCKET + "/" + prefix + "\"}}";
    }

    @Test
    void aRepeatedKeyAnswersTheFirstImportAndQueuesNothingMore() throws Exception {
        Imports.Started first = start(fromPrefix("spring/"), "k-1");
        // The same request with its keys in another order and other spacing is the same request.
        Imports.Started again = start(
                "{ \"source\": {\"s3\": \"s3://" + BUCKET + "/spring/\"}, \"params\": {\"factor\": 2},"
                        + " \"provider\": \"local\", \"operation\": \"upscale\" }",
                "k-1");
        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.importId()).isEqualTo(first.importId());
        assertThat(again.importJson()).containsEntry("startsJob", true).containsEntry("status", "RUNNING");
        assertThat(records.records).hasSize(1);
        assertThat(queue).hasSize(1);
        assertThat(records.findIdempotencyKey("alice", "k-1", fx.now)
                        .orElseThrow()
                        .importId())
                .isEqualTo(first.importId());
        // Another caller's key of the same name is theirs.
        assertThat(imports()
                        .startJob("bob", Json.tree(fromPrefix("spring/")), Optional.of("k-1"), job -> {}, null)
                        .replayed())
                .isFalse();
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedAsOnAnyJob() throws Exception {
        start(fromPrefix("spring/"), "k-2");
        assertThatThrownBy(() -> start(fromPrefix("autumn/"), "k-2"))
                .isInstanceOfSatisfying(
                        IdempotencyKeyReusedException.class,
                        e -> assertThat(e.error().field()).isEqualTo("Idempotency-Key"));
        assertThat(records.records).hasSize(1);
        assertThat(queue).hasSize(1);
    }

    @Test
    void oneKeyIsOnePostWhicheverItsInputs() throws Exception {
        String image = fx.readyImage("alice", 8, 8);
        JobService jobs = fx.jobService();
        // A key of a job from a prefix is refused for an ordinary job, and the other way round.
        start(fromPrefix("spring/"), "k-3");
        assertThatThrownBy(() -> jobs.accept("alice", Json.tree(CoreFixture.upscaleJob(image)), Optional.of("k-3")))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        jobs.accept("alice", Json.tree(CoreFixture.upscaleJob(image)), Optional.of("k-4"));
        assertThatThrownBy(() -> start(fromPrefix("spring/"), "k-4")).isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(records.records).hasSize(1);
    }

    @Test
    void aKeyIsCheckedAndLooksUpNothingWhenMalformed() {
        assertThatThrownBy(() -> start(fromPrefix("spring/"), "bad key"))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("Idempotency-Key"));
        assertThat(records.records).isEmpty();
    }

    @Test
    void aKeyPastItsDayStartsAnotherImport() throws Exception {
        String first = start(fromPrefix("spring/"), "k-5").importId();
        fx.now = fx.now.plus(Duration.ofHours(25));
        Imports.Started later = start(fromPrefix("spring/"), "k-5");
        assertThat(later.replayed()).isFalse();
        assertThat(later.importId()).isNotEqualTo(first);
        assertThat(queue).hasSize(2);
    }

    @Test
    void aBadRequestWithAKeyStoresNeitherTheImportNorTheKey() throws Exception {
        assertThatThrownBy(() -> start("{" + JOB + ",\"source\":{\"s3\":\"s3://someone-elses/x/\"}}", "k-6"))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("source.s3"));
        assertThat(records.findIdempotencyKey("alice", "k-6", fx.now)).isEmpty();
        assertThat(start(fromPrefix("spring/"), "k-6").replayed()).isFalse();
    }

    @Test
    void anImportWhoseMessageIsNotSentEndsFailedAndItsReplaySaysWhy() throws Exception {
        send = message -> {
            throw new IllegalStateException("SQS down");
        };
        assertThatThrownBy(() -> start(fromPrefix("spring/"), "k-7")).hasMessageContaining("SQS down");
        send = queue::add;
        Imports.Started replay = start(fromPrefix("spring/"), "k-7");
        assertThat(replay.replayed()).isTrue();
        assertThat(replay.importJson()).containsEntry("status", ImportRecords.Status.FAILED.name());
        assertThat((String) replay.importJson().get("error")).contains("could not be queued");
        assertThat(queue).isEmpty();
    }

    // --- dry runs

    private Imports.DryRun<JobService.DryRun> dryRun(String body) throws Exception {
        JobService jobs = fx.jobService();
        return imports()
                .dryRunJob(
                        "alice",
                        Json.tree(body),
                        (probe, count, complete) -> jobs.dryRunImported("alice", null, probe, count, complete));
    }

    private static String dryRunOf(String prefix, String extra) {
        return "{" + JOB + extra + ",\"dryRun\":true,\"source\":{\"s3\":\"s3://" + BUCKET + "/" + prefix + "\"}}";
    }

    @Test
    void aDryRunEstimatesTheImportableObjectsOfOneListingAndCreatesNothing() throws Exception {
        for (int i = 0; i < 40; i++) bucket.objects.put("spring/sku-" + (100 + i) + "-main.png", 1000L);
        bucket.objects.put("spring/notes.txt", 10L); // not an image name
        bucket.objects.put("spring/empty.png", 0L); // outside the size limit
        bucket.objects.put("elsewhere/sku-1-main.png", 1000L);
        Imports.DryRun<JobService.DryRun> run = dryRun(dryRunOf("spring/", ""));
        assertThat(run.source()).isEqualTo(new Imports.Survey("s3://" + BUCKET + "/spring/", 42, 40, true, 1000));
        assertThat(run.estimate().estimate().tasks()).isEqualTo(40);
        assertThat(run.estimate().estimate().total().amount()).isPositive();
        assertThat(run.estimate().refused()).isEmpty();
        assertThat(bucket.listings).containsExactly(Imports.DRY_RUN_LISTING);
        assertThat(records.records).isEmpty();
        assertThat(queue).isEmpty();
        assertThat(fx.jobs
                        .listJobs("alice", null, new io.atelier.store.PageRequest(10, null))
                        .items())
                .isEmpty();
    }

    @Test
    void aDryRunOfALargePrefixSaysItsListingIsIncomplete() throws Exception {
        for (int i = 0; i < 1005; i++) bucket.objects.put("big/sku-" + (10000 + i) + "-main.png", 1000L);
        Imports.DryRun<JobService.DryRun> run = dryRun(dryRunOf("big/", ""));
        assertThat(run.source().listed()).isEqualTo(1000);
        assertThat(run.source().importable()).isEqualTo(1000);
        assertThat(run.source().complete()).isFalse();
        assertThat(run.estimate().estimate().tasks()).isEqualTo(1000);
    }

    @Test
    void aDryRunCountsWhatTheNamePatternLetsIn() throws Exception {
        bucket.objects.put("p/sku-1-main.png", 1000L);
        bucket.objects.put("p/sku-2-back.png", 1000L);
        bucket.objects.put("p/random.png", 1000L); // does not follow the pattern
        Imports.DryRun<JobService.DryRun> run = dryRun("{" + JOB + ",\"dryRun\":true,\"source\":{\"s3\":\"s3://"
                + BUCKET + "/p/\",\"project\":\"spring\",\"namePattern\":\"{sku}-{role}.png\"}}");
        assertThat(run.source().listed()).isEqualTo(3);
        assertThat(run.source().importable()).isEqualTo(2);
    }

    @Test
    void aDryRunWithABudgetSaysHowManyWouldStart() throws Exception {
        for (int i = 0; i < 10; i++) bucket.objects.put("b/sku-" + i + "-main.png", 1000L);
        Imports.DryRun<JobService.DryRun> run =
                dryRun(dryRunOf("b/", ",\"budget\":{\"amount\":\"0.0001\",\"currency\":\"USD\"}"));
        assertThat(run.estimate().refused()).extracting(FieldError::field).containsExactly("budget");
    }

    @Test
    void aDryRunOfAnEmptyPrefixEstimatesNothing() throws Exception {
        Imports.DryRun<JobService.DryRun> run = dryRun(dryRunOf("nothing/", ",\"pilot\":1"));
        assertThat(run.source()).isEqualTo(new Imports.Survey("s3://" + BUCKET + "/nothing/", 0, 0, true, 1000));
        assertThat(run.estimate().estimate().tasks()).isZero();
    }

    @Test
    void everyBadInputOfADryRunIsA400NamingTheFieldAndListsNothing() {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("{" + JOB + ",\"dryRun\":true,\"source\":\"s3://" + BUCKET + "/x/\"}", "source");
        fields.put("{" + JOB + ",\"dryRun\":true,\"source\":{\"s3\":\"s3://someone-elses/x/\"}}", "source.s3");
        fields.put("{" + JOB + ",\"dryRun\":true,\"source\":{\"s3\":\"https://x/\"}}", "source.s3");
        fields.put(
                "{" + JOB + ",\"dryRun\":true,\"source\":{\"s3\":\"s3://" + BUCKET
                        + "/x/\",\"namePattern\":\"{sku}.png\"}}",
                "source.project");
        fields.put(
                "{" + JOB
                        + ",\"dryRun\":true,\"images\":[\"img_01KBF3Z6W8S4ABCDEFGHJKMNPQ\"],\"source\":{\"s3\":\"s3://"
                        + BUCKET + "/x/\"}}",
                "source");
        fields.put(
                "{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":7},\"dryRun\":true,"
                        + "\"source\":{\"s3\":\"s3://" + BUCKET + "/x/\"}}",
                "params.factor");
        fields.put(dryRunOf("x/", ",\"budget\":\"lots\""), "budget");
        fields.put(dryRunOf("x/", ",\"pilot\":\"two\""), "pilot");
        fields.forEach((body, field) -> assertThatThrownBy(() -> dryRun(body))
                .as(body)
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo(field)));
        assertThat(records.records).isEmpty();
        assertThat(queue).isEmpty();
    }

    @Test
    void aStackWithoutTheBucketToListRefusesADryRunNamingTheSource() throws Exception {
        Imports without = new Imports(records, Set.of(BUCKET), queue::add, fx.clock);
        JsonNode body = Json.tree(dryRunOf("x/", ""));
        assertThatThrownBy(() -> without.dryRunJob("alice", body, (probe, count, complete) -> null))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("source"));
    }
}
