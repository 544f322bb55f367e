package io.atelier.local.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.local.LocalPaths;
import io.atelier.local.emulators.DynamoDbLocalEmulator;
import io.atelier.model.Counts;
import io.atelier.model.Ids;
import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.model.Job;
import io.atelier.model.JobStatus;
import io.atelier.model.Step;
import io.atelier.model.Task;
import io.atelier.model.TaskInput;
import io.atelier.model.TaskStatus;
import io.atelier.store.IdempotencyKey;
import io.atelier.store.InvalidCursorException;
import io.atelier.store.KeyedJob;
import io.atelier.store.Page;
import io.atelier.store.PageRequest;
import io.atelier.store.TaskTransition;
import io.atelier.store.dynamodb.DynamoImageStore;
import io.atelier.store.dynamodb.DynamoJobStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The DynamoDB adapters against DynamoDB Local: conditions, transactions, idempotency and pagination for real. */
class DynamoStoresTest {
    private static final String TABLE = "atelier-stores-test";
    // Package-visible, with connect(): MotoStoresTest runs the same tests against moto.
    static AutoCloseable emulator;
    private static DynamoDbClient dynamo;
    private static DynamoJobStore jobs;
    private static DynamoImageStore images;
    private final Instant now = Instant.parse("2026-11-22T10:00:00Z");

    @BeforeAll
    static void start() throws Exception {
        DynamoDbLocalEmulator local = DynamoDbLocalEmulator.start(0, LocalPaths.nativeDir(), null);
        emulator = local;
        connect(local.endpoint());
    }

    static void connect(java.net.URI endpoint) {
        dynamo = DynamoLocalClients.to(endpoint);
        DynamoLocalClients.createKeyTable(dynamo, TABLE);
        jobs = new DynamoJobStore(dynamo, TABLE, java.time.Duration.ofDays(30));
        images = new DynamoImageStore(dynamo, TABLE, java.time.Duration.ofDays(30));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
        emulator.close();
    }

    @Test
    void onlyOneOfManyConcurrentClaimsWins() throws Exception {
        String owner = "claims-" + Ids.ulid();
        Job job = job(owner, 1);
        Task task = jobs.listTasks(job.jobId(), null, new PageRequest(10, null))
                .items()
                .get(0);
        List<Boolean> results = parallel(
                16,
                () -> jobs.transition(TaskTransition.of(
                                owner, job.jobId(), task.taskId(), TaskStatus.QUEUED, 1, TaskStatus.RUNNING, now)
                        .countRun()
                        .build()));
        assertThat(results.stream().filter(won -> won)).hasSize(1);
        Counts counts = jobs.findJob(owner, job.jobId()).orElseThrow().counts();
        assertThat(counts).isEqualTo(new Counts(1, 0, 1, 0, 0, 0, 0));
        assertThat(jobs.findTask(job.jobId(), task.taskId()).orElseThrow().runs())
                .isEqualTo(1);
    }

    @Test
    void countsStayExactWhileManyTasksOfOneJobFinishAtOnce() throws Exception {
        String owner = "busy-" + Ids.ulid();
        Job job = job(owner, 40);
        List<Task> tasks = jobs.tasksIn(job.jobId(), List.of(TaskStatus.QUEUED));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            TaskStatus end = i % 4 == 0 ? TaskStatus.FAILED : TaskStatus.SUCCEEDED;
            futures.add(pool.submit(() -> {
                jobs.transition(TaskTransition.of(
                                owner, job.jobId(), task.taskId(), TaskStatus.QUEUED, 1, TaskStatus.RUNNING, now)
                        .build());
                // A duplicate of the same move must not count twice.
                jobs.transition(TaskTransition.of(
                                owner, job.jobId(), task.taskId(), TaskStatus.QUEUED, 1, TaskStatus.RUNNING, now)
                        .build());
                jobs.transition(TaskTransition.of(owner, job.jobId(), task.taskId(), TaskStatus.RUNNING, 1, end, now)
                        .build());
                return null;
            }));
        }
        for (Future<?> future : futures) future.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        Job after = jobs.findJob(owner, job.jobId()).orElseThrow();
        assertThat(after.counts()).isEqualTo(new Counts(40, 0, 0, 0, 30, 10, 0));
        assertThat(after.status()).isEqualTo(JobStatus.PARTIAL);
        List<Task> stored = jobs.tasksIn(job.jobId(), List.of(TaskStatus.values()));
        assertThat(stored.stream().filter(t -> t.status() == TaskStatus.SUCCEEDED))
                .hasSize(30);
    }

    @Test
    void aStaleAttemptCannotMoveARetriedTask() {
        String owner = "stale-" + Ids.ulid();
        Job job = job(owner, 1);
        Task task = jobs.tasksIn(job.jobId(), List.of(TaskStatus.QUEUED)).get(0);
        assertThat(jobs.transition(TaskTransition.of(
                                owner, job.jobId(), task.taskId(), TaskStatus.QUEUED, 1, TaskStatus.FAILED, now)
                        .build()))
                .isTrue();
        assertThat(jobs.transition(TaskTransition.of(
                                owner, job.jobId(), task.taskId(), TaskStatus.FAILED, 1, TaskStatus.QUEUED, now)
                        .newAttempt(2)
                        .resetResult()
                        .build()))
                .isTrue();
        assertThat(jobs.transition(TaskTransition.of(
                                owner, job.jobId(), task.taskId(), TaskStatus.QUEUED, 1, TaskStatus.RUNNING, now)
                        .build()))
                .isFalse();
        assertThat(jobs.findTask(job.jobId(), task.taskId()).orElseThrow().attempt())
                .isEqualTo(2);
        assertThat(jobs.findJob(owner, job.jobId()).orElseThrow().counts()).isEqualTo(Counts.allQueued(1));
    }

    @Test
    void everyTransitionThatHappenedIsLoggedAndNoneThatDidNot() throws Exception {
        String owner = "log-" + Ids.ulid();
        Job job = job(owner, 12);
        List<Task> tasks = jobs.tasksIn(job.jobId(), List.of(TaskStatus.QUEUED));
        // Every task claimed by 4 racers at once: only the winners' moves are in the log.
        for (Task task : tasks) {
            parallel(
                    4,
                    () -> jobs.transition(TaskTransition.of(
                                    owner, job.jobId(), task.taskId(), TaskStatus.QUEUED, 1, TaskStatus.RUNNING, now)
                            .countRun()
                            .build()));
        }
        Task first = tasks.get(0);
        assertThat(jobs.transition(TaskTransition.of(
                                owner, job.jobId(), first.taskId(), TaskStatus.RUNNING, 1, TaskStatus.QUEUED, now)
                        .error(io.atelier.model.ErrorCode.PROVIDER_THROTTLED, "slow down", true)
                        .refundRun()
                        .build()))
                .isTrue();
        jobs.appendEvent(
                owner,
                job.jobId(),
                io.atelier.model.JobEvent.ofJob(io.atelier.model.JobEvent.CANCEL_REQUESTED, now, null));

        List<io.atelier.model.JobEvent> log = new ArrayList<>();
        String cursor = null;
        do {
            Page<io.atelier.model.JobEvent> page = jobs.listEvents(job.jobId(), new PageRequest(5, cursor));
            log.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(log).hasSize(1 + 12 + 1 + 1);
        assertThat(log.get(0).type()).isEqualTo(io.atelier.model.JobEvent.SUBMITTED);
        assertThat(log.subList(1, 13)).allSatisfy(e -> {
            assertThat(e.type()).isEqualTo(io.atelier.model.JobEvent.TRANSITION);
            assertThat(e.to()).isEqualTo(TaskStatus.RUNNING);
        });
        assertThat(log.subList(1, 13))
                .extracting(io.atelier.model.JobEvent::taskId)
                .doesNotHaveDuplicates();
        assertThat(log.get(13).error().code()).isEqualTo(io.atelier.model.ErrorCode.PROVIDER_THROTTLED);
        assertThat(log.get(13).error().message()).isEqualTo("slow down");
        assertThat(log.get(14).type()).isEqualTo(io.atelier.model.JobEvent.CANCEL_REQUESTED);
        // Log entries expire with the job.
        var item = dynamo.query(b -> b.tableName(TABLE)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :e)")
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS("JOB#" + job.jobId()), ":e", AttributeValue.fromS("EVT#"))))
                .items()
                .get(0);
        assertThat(Long.parseLong(item.get("expiresAt").n()) - Ids.millis(job.jobId()) / 1000)
                .isEqualTo(java.time.Duration.ofDays(30).toSeconds());
        assertThat(jobs.listTasks(job.jobId(), null, new PageRequest(50, null)).items())
                .hasSize(12); // the log is not a task
    }

    @Test
    void providerSlotsAreLeasesNoMoreThanTheCapAndADeadHoldersSlotFreesItself() throws Exception {
        String provider = "p" + Ids.ulid().toLowerCase();
        var slots = new io.atelier.store.dynamodb.DynamoProviderSlots(
                dynamo, TABLE, io.atelier.store.ProviderConcurrency.parse(provider + "=2"));
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.Optional<io.atelier.store.ProviderSlots.Slot>> got =
                parallel(12, () -> slots.acquire(provider, "h" + n.incrementAndGet(), now, now.plusSeconds(60)));
        List<io.atelier.store.ProviderSlots.Slot> held =
                got.stream().flatMap(java.util.Optional::stream).toList();
        assertThat(held).hasSize(2);
        assertThat(held).extracting(io.atelier.store.ProviderSlots.Slot::index).containsExactlyInAnyOrder(0, 1);
        // Only the holder releases; a released slot is free at once.
        slots.release(
                new io.atelier.store.ProviderSlots.Slot(provider, held.get(0).index(), "not-the-holder"));
        assertThat(slots.acquire(provider, "x", now.plusSeconds(1), now.plusSeconds(60)))
                .isEmpty();
        slots.release(held.get(0));
        assertThat(slots.acquire(provider, "y", now.plusSeconds(1), now.plusSeconds(60)))
                .isPresent();
        // A holder that never comes back: its slot is free once its lease has passed.
        assertThat(slots.acquire(provider, "z", now.plusSeconds(59), now.plusSeconds(120)))
                .isEmpty();
        // Neither y nor the other first holder released: at 61 s both leases have passed and the slots are taken anew.
        assertThat(slots.acquire(provider, "z", now.plusSeconds(61), now.plusSeconds(200)))
                .isPresent();
        assertThat(slots.acquire(provider, "w", now.plusSeconds(62), now.plusSeconds(200)))
                .isPresent();
        assertThat(slots.acquire(provider, "v", now.plusSeconds(63), now.plusSeconds(200)))
                .isEmpty();
        assertThat(slots.acquire("local", "any", now, now.plusSeconds(1)))
                .get()
                .extracting(io.atelier.store.ProviderSlots.Slot::limited)
                .isEqualTo(false);
    }

    @Test
    void anExpiredLeaseCanBeTakenOverOnce() {
        String owner = "lease-" + Ids.ulid();
        Job job = job(owner, 1);
        Task task = jobs.tasksIn(job.jobId(), List.of(TaskStatus.QUEUED)).get(0);
        jobs.transition(
                TaskTransition.of(owner, job.jobId(), task.taskId(), TaskStatus.QUEUED, 1, TaskStatus.RUNNING, now)
                        .lease(now.plusSeconds(60))
                        .build());
        Task running = jobs.findTask(job.jobId(), task.taskId()).orElseThrow();
        assertThat(jobs.takeOverLease(running, now.plusSeconds(30), now.plusSeconds(200)))
                .isFalse();
        assertThat(jobs.takeOverLease(running, now.plusSeconds(61), now.plusSeconds(200)))
                .isTrue();
        assertThat(jobs.takeOverLease(running, now.plusSeconds(62), now.plusSeconds(300)))
                .isFalse();
    }

    @Test
    void racingSubmissionsWithOneIdempotencyKeyMakeOneJob() throws Exception {
        String owner = "idem-" + Ids.ulid();
        List<Job> candidates = new ArrayList<>();
        List<List<Task>> candidateTasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String jobId = Ids.job();
            candidateTasks.add(tasks(owner, jobId, 3));
            candidates.add(new Job(owner, jobId, "j", List.of(step()), false, Counts.allQueued(3), false, now, now));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<KeyedJob>> futures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            futures.add(pool.submit(() -> jobs.create(
                    candidates.get(n),
                    candidateTasks.get(n),
                    new IdempotencyKey("key-1", "hash-" + n, now.plusSeconds(86400)))));
        }
        Set<String> winners = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (Future<KeyedJob> future : futures) {
            KeyedJob keyed = future.get(30, TimeUnit.SECONDS);
            winners.add(keyed.jobId());
            hashes.add(keyed.requestHash());
        }
        pool.shutdown();
        assertThat(winners).hasSize(1);
        String winner = winners.iterator().next();
        for (Job candidate : candidates) {
            int stored = jobs.tasksIn(candidate.jobId(), List.of(TaskStatus.values()))
                    .size();
            assertThat(stored).isEqualTo(candidate.jobId().equals(winner) ? 3 : 0); // losers leave no tasks behind
        }
        assertThat(hashes).hasSize(1); // every loser learns the winner's request, to tell a replay from a misuse
        assertThat(jobs.findIdempotencyKey(owner, "key-1", now).map(KeyedJob::jobId))
                .contains(winner);
        assertThat(jobs.findIdempotencyKey("someone-else", "key-1", now)).isEmpty();
    }

    @Test
    void anExpiredKeyThatTtlHasNotDeletedYetCountsAsAbsent() {
        String owner = "expired-" + Ids.ulid();
        Job first = new Job(owner, Ids.job(), "j", List.of(step()), false, Counts.allQueued(1), false, now, now);
        jobs.create(first, tasks(owner, first.jobId(), 1), new IdempotencyKey("key-1", "h1", now.plusSeconds(86400)));
        java.time.Instant dayLater = now.plusSeconds(86400 + 60);
        assertThat(jobs.findIdempotencyKey(owner, "key-1", now.plusSeconds(3600))
                        .map(KeyedJob::jobId))
                .contains(first.jobId());
        assertThat(jobs.findIdempotencyKey(owner, "key-1", dayLater)).isEmpty();

        Job second =
                new Job(owner, Ids.job(), "j", List.of(step()), false, Counts.allQueued(1), false, dayLater, dayLater);
        KeyedJob stored = jobs.create(
                second,
                tasks(owner, second.jobId(), 1),
                new IdempotencyKey("key-1", "h2", dayLater.plusSeconds(86400)));
        assertThat(stored).isEqualTo(new KeyedJob(second.jobId(), "h2"));
        assertThat(jobs.findIdempotencyKey(owner, "key-1", dayLater)).contains(new KeyedJob(second.jobId(), "h2"));
        assertThat(jobs.findJob(owner, second.jobId())).isPresent();
    }

    @Test
    void listsPageNewestFirstWithoutGapsOrRepeats() {
        String owner = "pages-" + Ids.ulid();
        List<ImageRecord> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) created.add(image(owner));
        images.createPending(created);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<ImageRecord> page = images.list(owner, new PageRequest(3, cursor));
            page.items().forEach(image -> seen.add(image.imageId()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen)
                .containsExactlyElementsOf(created.stream()
                        .map(ImageRecord::imageId)
                        .sorted((a, b) -> b.compareTo(a))
                        .toList());
        assertThatThrownBy(() -> images.list(owner, new PageRequest(3, "not-a-cursor!")))
                .isInstanceOf(InvalidCursorException.class);
        String jobCursor = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("JOB#job_x".getBytes());
        assertThatThrownBy(() -> images.list(owner, new PageRequest(3, jobCursor)))
                .isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void jobListsFilterByDerivedStatusAcrossPages() {
        String owner = "filter-" + Ids.ulid();
        List<String> finished = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Job job = job(owner, 1);
            if (i % 2 == 0) {
                Task task =
                        jobs.tasksIn(job.jobId(), List.of(TaskStatus.QUEUED)).get(0);
                jobs.transition(TaskTransition.of(
                                owner, job.jobId(), task.taskId(), TaskStatus.QUEUED, 1, TaskStatus.CANCELED, now)
                        .build());
                finished.add(job.jobId());
            }
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<Job> page = jobs.listJobs(owner, JobStatus.CANCELED, new PageRequest(2, cursor));
            page.items().forEach(job -> seen.add(job.jobId()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(finished);
        assertThat(jobs.listJobs(owner, JobStatus.QUEUED, new PageRequest(50, null))
                        .items())
                .hasSize(2);
    }

    @Test
    void anImageCheckCompletesOnceAndFindAllReadsBeyondOneBatch() {
        String owner = "imgs-" + Ids.ulid();
        List<ImageRecord> created = new ArrayList<>();
        for (int i = 0; i < 130; i++) created.add(image(owner));
        images.createPending(created);
        ImageRecord first = created.get(0);
        ImageRecord ready = new ImageRecord(
                owner,
                first.imageId(),
                first.name(),
                ImageStatus.READY,
                "image/png",
                10,
                4,
                3,
                "abc",
                null,
                first.createdAt(),
                now,
                "previews/" + owner + "/" + first.imageId() + ".jpg");
        assertThat(images.completeCheck(ready)).isTrue();
        assertThat(images.completeCheck(ready)).isFalse();
        assertThat(images.find(owner, first.imageId()).orElseThrow().width()).isEqualTo(4);
        // Checked images expire with their bytes: TTL at upload time plus the retention.
        var item = dynamo.getItem(b -> b.tableName(TABLE)
                        .key(Map.of(
                                "PK",
                                AttributeValue.fromS("USER#" + owner),
                                "SK",
                                AttributeValue.fromS("IMG#" + first.imageId()))))
                .item();
        assertThat(Long.parseLong(item.get("expiresAt").n()))
                .isEqualTo(first.createdAt().plus(java.time.Duration.ofDays(30)).getEpochSecond());
        Map<String, ImageRecord> found =
                images.findAll(owner, created.stream().map(ImageRecord::imageId).toList());
        assertThat(found).hasSize(130);
        assertThat(images.findAll("intruder", List.of(first.imageId()))).isEmpty();
    }

    private Job job(String owner, int taskCount) {
        String jobId = Ids.job();
        Job job = new Job(owner, jobId, "test", List.of(step()), false, Counts.allQueued(taskCount), false, now, now);
        jobs.create(job, tasks(owner, jobId, taskCount), null);
        return job;
    }

    private List<Task> tasks(String owner, String jobId, int count) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(Task.queued(
                    owner,
                    jobId,
                    Ids.task(),
                    new Task.Work(
                            "c" + i,
                            new TaskInput("img_x", "x.png", "uploads/" + owner + "/img_x", "image/png", 4, 4, null),
                            null,
                            Map.of(),
                            now)));
        }
        return tasks;
    }

    private ImageRecord image(String owner) {
        return new ImageRecord(
                owner,
                Ids.image(),
                "a.png",
                ImageStatus.PENDING,
                "image/png",
                10,
                null,
                null,
                null,
                null,
                now,
                now,
                null);
    }

    private static Step step() {
        return new Step("upscale", "local", null, null, Map.of("factor", 2));
    }

    private static <T> List<T> parallel(int threads, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) futures.add(pool.submit(call));
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) results.add(future.get(30, TimeUnit.SECONDS));
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
