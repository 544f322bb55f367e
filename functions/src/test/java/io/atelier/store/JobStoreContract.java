package io.atelier.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.model.Counts;
import io.atelier.model.ErrorCode;
import io.atelier.model.Ids;
import io.atelier.model.Job;
import io.atelier.model.JobEvent;
import io.atelier.model.PendingWork;
import io.atelier.model.Review;
import io.atelier.model.ReviewCounts;
import io.atelier.model.Step;
import io.atelier.model.Task;
import io.atelier.model.TaskInput;
import io.atelier.model.TaskOutput;
import io.atelier.model.TaskStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobStore} must do, run against the in-memory store and against DynamoDB Local: a fake that drifts
 * from the real store fails here, not in production.
 */
public abstract class JobStoreContract {
    protected static final Duration QUEUED_STALE = Duration.ofMinutes(20);
    protected final Instant now = Instant.parse("2026-11-22T10:00:00Z");

    /** A store whose queued tasks become sweepable {@link #QUEUED_STALE} after they were last touched. */
    protected abstract JobStore store();

    /** The usage counters the store moves: the owner's monthly spend, and a job's slot given back as it ends. */
    protected abstract UsageStore usage();

    @Test
    void aNewJobHasAllItsTasksQueuedAndItsSubmissionLogged() {
        Job job = create(3);
        Job found = store().findJob(job.owner(), job.jobId()).orElseThrow();
        assertThat(found.counts()).isEqualTo(Counts.allQueued(3));
        assertThat(store().tasksIn(job.jobId(), List.of(TaskStatus.QUEUED))).hasSize(3);
        assertThat(store().findJob("someone-else", job.jobId())).isEmpty();
        assertThat(events(job)).extracting(JobEvent::type).containsExactly(JobEvent.SUBMITTED);
    }

    @Test
    void aJobKeepsItsOutputNameTemplateAndOneWithoutHasNone() {
        Job named = jobOf(1).withOutputName("{sku}/{sku}_{role}.{ext}");
        store().create(named, List.of(), null);
        assertThat(store().findJob(named.owner(), named.jobId()).orElseThrow().outputName())
                .isEqualTo("{sku}/{sku}_{role}.{ext}");
        Job plain = jobOf(1);
        store().create(plain, List.of(), null);
        assertThat(store().findJob(plain.owner(), plain.jobId()).orElseThrow().outputName())
                .isNull();
    }

    @Test
    void aTransitionAppliesOnlyToTheExpectedStateAndAttemptAndMovesTheCounts() {
        Job job = create(2);
        Task task = tasks(job).get(0);
        TaskTransition claim = TaskTransition.of(
                        job.owner(), job.jobId(), task.taskId(), TaskStatus.QUEUED, 1, TaskStatus.RUNNING, now)
                .countRun()
                .lease(now.plusSeconds(60))
                .started(now)
                .build();
        assertThat(store().transition(claim)).isTrue();
        assertThat(store().transition(claim)).as("a duplicate loses").isFalse();
        assertThat(store().transition(TaskTransition.of(
                                job.owner(),
                                job.jobId(),
                                task.taskId(),
                                TaskStatus.RUNNING,
                                2,
                                TaskStatus.SUCCEEDED,
                                now)
                        .build()))
                .as("another attempt loses")
                .isFalse();

        Task running = find(job, task);
        assertThat(running.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(running.runs()).isEqualTo(1);
        assertThat(running.leaseUntil()).isEqualTo(now.plusSeconds(60));
        assertThat(store().findJob(job.owner(), job.jobId()).orElseThrow().counts())
                .isEqualTo(new Counts(2, 1, 1, 0, 0, 0, 0));
        assertThat(events(job)).extracting(JobEvent::type).containsExactly(JobEvent.SUBMITTED, JobEvent.TRANSITION);
    }

    @Test
    void theLogReadFromATimeHoldsEverythingSinceAndPagesOn() throws InterruptedException {
        Job job = create(2);
        Thread.sleep(5); // event ids carry the real time of their writing, to the millisecond
        Instant since = Instant.now();
        Thread.sleep(5);
        List<Task> tasks = tasks(job);
        move(
                job,
                tasks.get(0),
                TaskStatus.QUEUED,
                1,
                TaskStatus.RUNNING,
                b -> b.countRun().lease(now.plusSeconds(60)).started(now));
        move(job, tasks.get(1), TaskStatus.QUEUED, 1, TaskStatus.CANCELED, b -> b.finished(now, null));

        assertThat(store().listEventsSince(job.jobId(), since, new PageRequest(50, null))
                        .items())
                .extracting(JobEvent::taskId)
                .containsExactly(tasks.get(0).taskId(), tasks.get(1).taskId());
        Page<JobEvent> first = store().listEventsSince(job.jobId(), since.minusSeconds(60), new PageRequest(2, null));
        assertThat(first.items()).extracting(JobEvent::type).containsExactly(JobEvent.SUBMITTED, JobEvent.TRANSITION);
        Page<JobEvent> rest =
                store().listEventsSince(job.jobId(), since.minusSeconds(60), new PageRequest(2, first.nextCursor()));
        assertThat(rest.items())
                .extracting(JobEvent::taskId)
                .containsExactly(tasks.get(1).taskId());
        assertThat(rest.nextCursor()).isNull();
        assertThat(store().listEventsSince(job.jobId(), Instant.now().plusSeconds(60), new PageRequest(50, null))
                        .items())
                .isEmpty();
    }

    @Test
    void tasksAreFoundByIdInTheOrderAskedAndOnlyInTheirJob() {
        Job job = create(3);
        Job other = create(1);
        List<Task> tasks = tasks(job);
        String elsewhere = tasks(other).get(0).taskId();
        assertThat(store().findTasks(
                                job.jobId(),
                                List.of(
                                        tasks.get(2).taskId(),
                                        Ids.task(),
                                        elsewhere,
                                        tasks.get(0).taskId(),
                                        tasks.get(2).taskId())))
                .extracting(Task::taskId)
                .containsExactly(tasks.get(2).taskId(), tasks.get(0).taskId());
        assertThat(store().findTasks(job.jobId(), List.of())).isEmpty();
    }

    @Test
    void pendingWorkLivesWhileTheTaskWaitsAndARetryStartsClean() {
        Job job = create(1);
        Task task = tasks(job).get(0);
        PendingWork pending =
                new PendingWork(0, "handle-1", now.toEpochMilli(), 0, Map.of("requestId", "r1"), List.of());
        move(
                job,
                task,
                TaskStatus.QUEUED,
                1,
                TaskStatus.RUNNING,
                b -> b.countRun().lease(now.plusSeconds(60)).started(now));
        move(
                job,
                task,
                TaskStatus.RUNNING,
                1,
                TaskStatus.WAITING,
                b -> b.pending(pending).lease(now.plusSeconds(30)));
        assertThat(find(job, task).pending()).isEqualTo(pending);
        move(job, task, TaskStatus.WAITING, 1, TaskStatus.RUNNING, b -> b.lease(now.plusSeconds(90)));
        assertThat(find(job, task).pending()).as("kept while running again").isEqualTo(pending);
        move(
                job,
                task,
                TaskStatus.RUNNING,
                1,
                TaskStatus.FAILED,
                b -> b.finished(now.plusSeconds(5), 5000L)
                        .error(ErrorCode.PROVIDER_UNAVAILABLE, "down", true)
                        .producedBy("p", "m", Map.of("requestId", "r1")));
        Task failed = find(job, task);
        assertThat(failed.pending()).isNull();
        assertThat(failed.error().code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(failed.provenance()).containsEntry("requestId", "r1");

        move(
                job,
                task,
                TaskStatus.FAILED,
                1,
                TaskStatus.QUEUED,
                b -> b.newAttempt(2).resetResult());
        Task retried = find(job, task);
        assertThat(retried.attempt()).isEqualTo(2);
        assertThat(retried.error()).isNull();
        assertThat(retried.finishedAt()).isNull();
        assertThat(retried.durationMs()).isNull();
        assertThat(retried.leaseUntil()).isNull();
        assertThat(retried.provenance()).isEmpty();
        assertThat(retried.startedAt()).as("history").isEqualTo(now);
        assertThat(store().findJob(job.owner(), job.jobId()).orElseThrow().counts())
                .isEqualTo(Counts.allQueued(1));
    }

    @Test
    void successForgetsAnEarlierTransientErrorAndARefundedRunDoesNotCount() {
        Job job = create(1);
        Task task = tasks(job).get(0);
        move(
                job,
                task,
                TaskStatus.QUEUED,
                1,
                TaskStatus.RUNNING,
                b -> b.countRun().lease(now.plusSeconds(60)));
        move(
                job,
                task,
                TaskStatus.RUNNING,
                1,
                TaskStatus.QUEUED,
                b -> b.refundRun().error(ErrorCode.PROVIDER_THROTTLED, "slow down", true));
        assertThat(find(job, task).runs()).isZero();
        move(
                job,
                task,
                TaskStatus.QUEUED,
                1,
                TaskStatus.RUNNING,
                b -> b.countRun().lease(now.plusSeconds(60)));
        TaskOutput output = new TaskOutput("results/o/j/t/0.png", "image/png", 10, 10, 99, null);
        move(
                job,
                task,
                TaskStatus.RUNNING,
                1,
                TaskStatus.SUCCEEDED,
                b -> b.output(output).finished(now.plusSeconds(2), 2000L));
        Task done = find(job, task);
        assertThat(done.error()).isNull();
        assertThat(done.output()).isEqualTo(output);
        assertThat(done.runs()).isEqualTo(1);
        assertThat(store().findJob(job.owner(), job.jobId()).orElseThrow().status())
                .isEqualTo(io.atelier.model.JobStatus.SUCCEEDED);
    }

    @Test
    void theSweeperSeesOverdueUnfinishedTasksOnly() {
        Job job = create(3);
        List<Task> all = tasks(job);
        move(
                job,
                all.get(0),
                TaskStatus.QUEUED,
                1,
                TaskStatus.RUNNING,
                b -> b.countRun().lease(now.plusSeconds(60)));
        move(job, all.get(1), TaskStatus.QUEUED, 1, TaskStatus.CANCELED, b -> b);
        List<String> overdue = store().sweepable(now.plus(QUEUED_STALE).plusSeconds(1), 100).stream()
                .filter(t -> t.jobId().equals(job.jobId()))
                .map(Task::taskId)
                .toList();
        assertThat(overdue)
                .containsExactlyInAnyOrder(all.get(0).taskId(), all.get(2).taskId());
        assertThat(store().sweepable(now.plusSeconds(30), 100))
                .noneMatch(t -> t.jobId().equals(job.jobId()));
    }

    @Test
    void listsPageThroughEverythingOnceAndRefuseForeignCursors() {
        Job job = create(7);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<Task> page = store().listTasks(job.jobId(), null, new PageRequest(3, cursor));
            page.items().forEach(t -> seen.add(t.taskId()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).doesNotHaveDuplicates().hasSize(7);
        assertThatThrownBy(() -> store().listTasks(job.jobId(), null, new PageRequest(3, "not-a-cursor")))
                .isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void onlyASucceededTaskCanBeReviewedAndTheJobsReviewCountersMoveWithIt() {
        Job job = create(2);
        Task task = tasks(job).get(0);
        Review approve = new Review(Review.Decision.APPROVE, now);
        Review reject = new Review(Review.Decision.REJECT, now);
        assertThat(store().review(job.owner(), job.jobId(), task.taskId(), null, approve))
                .isFalse();
        succeed(job, task);
        assertThat(store().review(job.owner(), job.jobId(), task.taskId(), null, approve))
                .isTrue();
        assertThat(find(job, task).review()).isEqualTo(approve);
        assertThat(reviews(job)).isEqualTo(new ReviewCounts(1, 0));
        assertThat(store().review(job.owner(), job.jobId(), task.taskId(), null, reject))
                .as("no longer unreviewed")
                .isFalse();
        assertThat(store().review(job.owner(), job.jobId(), task.taskId(), Review.Decision.APPROVE, reject))
                .isTrue();
        assertThat(reviews(job)).isEqualTo(new ReviewCounts(0, 1));
        Instant updatedAt =
                store().findJob(job.owner(), job.jobId()).orElseThrow().updatedAt();
        assertThat(store().review(job.owner(), job.jobId(), task.taskId(), Review.Decision.REJECT, null))
                .isTrue();
        assertThat(find(job, task).review()).isNull();
        assertThat(reviews(job)).isEqualTo(ReviewCounts.NONE);
        assertThat(store().findJob(job.owner(), job.jobId()).orElseThrow().updatedAt())
                .as("not a state change")
                .isEqualTo(updatedAt);
    }

    @Test
    void manyReviewsAtOnceAreAllOrNoneAndMoveTheCountersByTheirSum() {
        Job job = create(3);
        List<Task> all = tasks(job);
        all.forEach(task -> succeed(job, task));
        Review approve = new Review(Review.Decision.APPROVE, now);
        Review reject = new Review(Review.Decision.REJECT, now);
        assertThat(store().review(job.owner(), job.jobId(), all.get(2).taskId(), null, reject))
                .isTrue();
        assertThat(store().reviewAll(
                                job.owner(),
                                job.jobId(),
                                List.of(
                                        new JobStore.ReviewChange(all.get(0).taskId(), null, approve),
                                        new JobStore.ReviewChange(all.get(2).taskId(), null, approve))))
                .as("the third is rejected, not unreviewed")
                .isFalse();
        assertThat(find(job, all.get(0)).review()).as("nothing changed").isNull();
        assertThat(reviews(job)).isEqualTo(new ReviewCounts(0, 1));
        assertThat(store().reviewAll(
                                job.owner(),
                                job.jobId(),
                                List.of(
                                        new JobStore.ReviewChange(all.get(0).taskId(), null, approve),
                                        new JobStore.ReviewChange(all.get(1).taskId(), null, approve),
                                        new JobStore.ReviewChange(
                                                all.get(2).taskId(), Review.Decision.REJECT, approve))))
                .isTrue();
        assertThat(reviews(job)).isEqualTo(new ReviewCounts(3, 0));
        assertThat(tasks(job)).allSatisfy(task -> assertThat(task.review()).isEqualTo(approve));
    }

    @Test
    void aRerunOfARejectedResultIsANewAttemptThatKeepsTheEarlierOne() {
        Job job = create(1);
        Task task = tasks(job).get(0);
        succeed(job, task);
        Task succeeded = find(job, task);
        assertThat(store().rerun(succeeded, succeeded.work().rerun("brighter", Map.of("factor", 4)), now))
                .as("not rejected")
                .isFalse();
        store().review(job.owner(), job.jobId(), task.taskId(), null, new Review(Review.Decision.REJECT, now));
        Task rejected = find(job, task);
        assertThat(store().rerun(rejected, rejected.work().rerun("brighter", Map.of("factor", 4)), now))
                .isTrue();
        assertThat(store().rerun(rejected, rejected.work().rerun("again", Map.of()), now))
                .as("only once per attempt")
                .isFalse();

        Task rerun = find(job, task);
        assertThat(rerun.status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(rerun.attempt()).isEqualTo(2);
        assertThat(rerun.prompt()).isEqualTo("brighter");
        assertThat(rerun.params()).isEqualTo(Map.of("factor", 4));
        assertThat(rerun.output()).isNull();
        assertThat(rerun.review()).isNull();
        assertThat(rerun.startedAt())
                .as("the new attempt's clock starts when it runs")
                .isNull();
        assertThat(rerun.input()).isEqualTo(task.input());
        assertThat(rerun.history()).hasSize(1);
        Task.Attempt first = rerun.history().get(0);
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(first.output()).isEqualTo(succeeded.output());
        assertThat(first.review().decision()).isEqualTo(Review.Decision.REJECT);
        assertThat(first.params()).isEqualTo(Map.of());
        Job after = store().findJob(job.owner(), job.jobId()).orElseThrow();
        assertThat(after.counts().queued()).isEqualTo(1);
        assertThat(after.counts().succeeded()).isZero();
        assertThat(after.reviews()).isEqualTo(ReviewCounts.NONE);
        assertThat(store().tasksIn(job.jobId(), List.of(TaskStatus.QUEUED))).hasSize(1);
    }

    private void succeed(Job job, Task task) {
        move(
                job,
                task,
                TaskStatus.QUEUED,
                1,
                TaskStatus.RUNNING,
                b -> b.countRun().lease(now.plusSeconds(60)));
        move(
                job,
                task,
                TaskStatus.RUNNING,
                1,
                TaskStatus.SUCCEEDED,
                b -> b.output(new TaskOutput("results/k.png", "image/png", 1, 1, 1, null))
                        .finished(now, 1L)
                        .producedBy("local", null, Map.of()));
    }

    private ReviewCounts reviews(Job job) {
        return store().findJob(job.owner(), job.jobId()).orElseThrow().reviews();
    }

    @Test
    void anIdempotencyKeyMakesOneJobUntilItExpires() {
        String owner = "contract-" + Ids.ulid();
        Job first = emptyJob(owner);
        IdempotencyKey key = new IdempotencyKey("key-1", "hash-1", now.plus(Duration.ofHours(24)));
        assertThat(store().create(first, List.of(), key)).isEqualTo(new KeyedJob(first.jobId(), "hash-1"));
        assertThat(store().create(emptyJob(owner), List.of(), key).jobId())
                .as("the first job wins")
                .isEqualTo(first.jobId());
        assertThat(store().findIdempotencyKey(owner, "key-1", now)).contains(new KeyedJob(first.jobId(), "hash-1"));
        Instant later = now.plus(Duration.ofHours(25));
        assertThat(store().findIdempotencyKey(owner, "key-1", later))
                .as("expired, though not yet deleted")
                .isEmpty();
        assertThat(store().findIdempotencyKey("someone-else", "key-1", now)).isEmpty();
    }

    /**
     * The fan-out dies half-way (its queue fails after {@code K} messages, inside the second batch), a worker already runs
     * one of the tasks it made; then its message comes back, or the sweeper finds it stalled: the job ends with every
     * task exactly once, the running one untouched, each with a message, and counts that never moved.
     */
    @Test
    void aFanOutThatDiesHalfWayIsFinishedByItsRedelivery() {
        fanOutDiesThenFinishes(false);
    }

    @Test
    void aFanOutThatDiesHalfWayIsFinishedByTheSweeper() {
        fanOutDiesThenFinishes(true);
    }

    private void fanOutDiesThenFinishes(boolean bySweeper) {
        int n = 250, k = 130;
        Job job = jobOf(n);
        List<Task> list = queuedTasks(job, n, 2_000); // 2 KB prompts: ~500 KB of list, more than one chunk item
        Instant stalledAt = now.plus(io.atelier.core.FanOut.STALL);
        assertThat(store().createFanOut(job, list, null, stalledAt)).isEqualTo(new KeyedJob(job.jobId(), null));
        assertThat(store().findJob(job.owner(), job.jobId()).orElseThrow().counts())
                .as("counted from the list")
                .isEqualTo(Counts.allQueued(n));
        assertThat(tasks(job)).isEmpty();
        FanOutProgress stored = store().fanOut(job.jobId()).orElseThrow();
        assertThat(stored.tasks()).as("the list, in order, as submitted").isEqualTo(list);
        assertThat(stored.done()).isZero();

        io.atelier.fakes.RecordingQueue sent = new io.atelier.fakes.RecordingQueue();
        TaskQueue dying = new TaskQueue() {
            @Override
            public void enqueue(List<io.atelier.model.TaskMessage> messages) {
                for (var message : messages) {
                    if (sent.sent.size() == k) throw new IllegalStateException("the fan-out's function died");
                    sent.enqueue(List.of(message));
                }
            }

            @Override
            public void enqueueLater(io.atelier.model.TaskMessage message, Duration delay) {
                sent.enqueueLater(message, delay);
            }
        };
        io.atelier.model.FanOutMessage message = io.atelier.model.FanOutMessage.of(job.owner(), job.jobId());
        assertThatThrownBy(() -> new io.atelier.core.FanOut(
                                store(), dying, java.time.Clock.fixed(now, java.time.ZoneOffset.UTC))
                        .run(message))
                .hasMessageContaining("died");
        assertThat(store().fanOut(job.jobId()).orElseThrow().done())
                .as("checkpoint after the first batch")
                .isEqualTo(100);
        assertThat(tasks(job))
                .as("the second batch was stored before the queue failed")
                .hasSize(200);
        Task started = list.get(120); // its message went out: a worker claimed it
        move(
                job,
                started,
                TaskStatus.QUEUED,
                1,
                TaskStatus.RUNNING,
                b -> b.countRun().lease(now.plusSeconds(600)).started(now));

        assertThat(store().stalledFanOuts(now, 10)).as("not stalled yet").isEmpty();
        if (bySweeper) {
            Instant later = now.plus(io.atelier.core.FanOut.STALL).plusSeconds(1);
            assertThat(store().stalledFanOuts(later, 10)).contains(message);
            var result = new io.atelier.core.Sweeper(
                            store(),
                            sent,
                            new io.atelier.core.Limits(
                                    500,
                                    50L << 20,
                                    5000,
                                    Duration.ofMinutes(15),
                                    Duration.ofHours(1),
                                    Duration.ofHours(24),
                                    3,
                                    Duration.ofDays(30),
                                    Duration.ofMinutes(120)),
                            io.atelier.core.Delays.DEFAULTS,
                            java.time.Clock.fixed(later, java.time.ZoneOffset.UTC))
                    .sweep();
            assertThat(result.fanOuts()).isEqualTo(1);
        } else {
            var result = new io.atelier.core.FanOut(store(), sent, java.time.Clock.fixed(now, java.time.ZoneOffset.UTC))
                    .run(message);
            assertThat(result).isEqualTo(new io.atelier.core.FanOut.Result(50, 150, true));
        }

        assertThat(store().fanOut(job.jobId())).as("finished, its list removed").isEmpty();
        assertThat(store().stalledFanOuts(now.plus(Duration.ofDays(1)), 10)).doesNotContain(message);
        List<Task> all = tasks(job);
        assertThat(all)
                .extracting(Task::taskId)
                .containsExactlyInAnyOrderElementsOf(
                        list.stream().map(Task::taskId).toList());
        assertThat(find(job, started).status())
                .as("the redone batch left the running task alone")
                .isEqualTo(TaskStatus.RUNNING);
        assertThat(sent.sent)
                .extracting(io.atelier.model.TaskMessage::taskId)
                .containsAll(list.stream().map(Task::taskId).toList());
        assertThat(store().findJob(job.owner(), job.jobId()).orElseThrow().counts())
                .isEqualTo(new Counts(n, n - 1, 1, 0, 0, 0, 0));
        assertThat(new io.atelier.core.FanOut(store(), sent, java.time.Clock.fixed(now, java.time.ZoneOffset.UTC))
                        .run(message)
                        .created())
                .as("a late duplicate does nothing")
                .isZero();
    }

    @Test
    void aPilotsFanOutStopsAtThePilotAndRestsOutOfTheSweepUntilReleased() {
        int n = 250, pilot = 130; // the pilot ends within the fan-out's second batch
        Job job = jobOf(n).withPilot(new io.atelier.model.Pilot(pilot, true, new BigDecimal("1.20")));
        List<Task> list = queuedTasks(job, n, 10);
        store().createFanOut(job, list, null, now.plus(io.atelier.core.FanOut.STALL));
        io.atelier.fakes.RecordingQueue sent = new io.atelier.fakes.RecordingQueue();
        io.atelier.model.FanOutMessage message = io.atelier.model.FanOutMessage.of(job.owner(), job.jobId());
        var fanOut = new io.atelier.core.FanOut(store(), sent, java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));

        assertThat(fanOut.run(message)).isEqualTo(new io.atelier.core.FanOut.Result(pilot, pilot, false));
        assertThat(tasks(job))
                .extracting(Task::taskId)
                .containsExactlyInAnyOrderElementsOf(
                        list.subList(0, pilot).stream().map(Task::taskId).toList());
        assertThat(sent.sent).hasSize(pilot);
        assertThat(store().stalledFanOuts(now.plus(Duration.ofDays(1)), 10))
                .as("a held rest is not the sweeper's to finish")
                .doesNotContain(message);
        assertThat(fanOut.run(message).created())
                .as("a duplicate message stops at the pilot too")
                .isZero();
        assertThat(tasks(job)).hasSize(pilot);
        Job stored = store().findJob(job.owner(), job.jobId()).orElseThrow();
        assertThat(stored.pilot()).isEqualTo(new io.atelier.model.Pilot(pilot, true, new BigDecimal("1.20")));
        assertThat(stored.counts()).as("the held rest is counted QUEUED").isEqualTo(Counts.allQueued(n));

        Instant at = now.plusSeconds(30);
        assertThat(store().releasePilot(job.owner(), job.jobId(), at, at.plus(io.atelier.core.FanOut.STALL)))
                .isTrue();
        assertThat(store().releasePilot(job.owner(), job.jobId(), at, at.plus(io.atelier.core.FanOut.STALL)))
                .as("once only")
                .isFalse();
        assertThat(store().releasePilot("someone-else", job.jobId(), at, at)).isFalse();
        Job released = store().findJob(job.owner(), job.jobId()).orElseThrow();
        assertThat(released.pilot().held()).isFalse();
        assertThat(released.updatedAt()).isEqualTo(at);
        assertThat(store().stalledFanOuts(at.plus(io.atelier.core.FanOut.STALL).plusSeconds(1), 10))
                .as("released, a lost message is the sweeper's again")
                .contains(message);

        assertThat(fanOut.run(message)).isEqualTo(new io.atelier.core.FanOut.Result(n - pilot, n - pilot, true));
        assertThat(tasks(job)).hasSize(n);
        assertThat(store().fanOut(job.jobId())).isEmpty();
    }

    @Test
    void aPilotReleasedBeforeItsFanOutReachedTheHoldRunsThrough() {
        int n = 120, pilot = 10;
        Job job = jobOf(n).withPilot(new io.atelier.model.Pilot(pilot, true, BigDecimal.ONE));
        List<Task> list = queuedTasks(job, n, 10);
        store().createFanOut(job, list, null, now.plus(io.atelier.core.FanOut.STALL));
        assertThat(store().releasePilot(job.owner(), job.jobId(), now, now.plus(io.atelier.core.FanOut.STALL)))
                .isTrue();
        var result = new io.atelier.core.FanOut(
                        store(),
                        new io.atelier.fakes.RecordingQueue(),
                        java.time.Clock.fixed(now, java.time.ZoneOffset.UTC))
                .run(io.atelier.model.FanOutMessage.of(job.owner(), job.jobId()));
        assertThat(result).isEqualTo(new io.atelier.core.FanOut.Result(n, n, true));
        assertThat(tasks(job)).hasSize(n);
    }

    private Job jobOf(int tasks) {
        return new Job(
                "contract-" + Ids.ulid(),
                Ids.job(),
                "contract",
                List.of(new Step("upscale", "local", null, null, Map.of("factor", 2))),
                false,
                Counts.allQueued(tasks),
                false,
                now,
                now);
    }

    /** Made a year ahead, so that hundreds of QUEUED tasks do not crowd other tests' overdue tasks out of a sweep's limit. */
    private List<Task> queuedTasks(Job job, int count, int promptLength) {
        Instant created = now.plus(Duration.ofDays(365));
        List<Task> list = new ArrayList<>();
        for (int i = 0; i < count; i++)
            list.add(Task.queued(
                    job.owner(),
                    job.jobId(),
                    Ids.task(),
                    new Task.Work(
                            "c" + i,
                            new TaskInput(
                                    "img_" + i,
                                    "a" + i + ".png",
                                    "uploads/" + job.owner() + "/img",
                                    "image/png",
                                    10,
                                    10,
                                    null),
                            "p".repeat(promptLength),
                            Map.of("factor", 2),
                            created)));
        return list;
    }

    private Job emptyJob(String owner) {
        return emptyJob(owner, now);
    }

    /** A job of no tasks, enough to hold an idempotency key (the import records' contract shares it). */
    static Job emptyJob(String owner, Instant now) {
        return new Job(
                owner,
                Ids.job(),
                "keyed",
                List.of(new Step("upscale", "local", null, null, Map.of())),
                false,
                Counts.allQueued(0),
                false,
                now,
                now);
    }

    @Test
    void aStartUnderABudgetCommitsTheEstimateAndAnEndReleasesIt() {
        Job job = createBudgeted(3, "0.10", "0.25");
        List<Task> tasks = tasks(job);
        assertThat(store().transition(start(tasks.get(0), job))).isTrue();
        assertThat(store().transition(start(tasks.get(1), job))).isTrue();
        assertThat(committed(job)).isEqualByComparingTo("0.20");
        assertThat(store().transition(start(tasks.get(2), job)))
                .as("0.30 would be over 0.25")
                .isFalse();
        assertThat(find(job, tasks.get(2)).status()).isEqualTo(TaskStatus.QUEUED);
        // A failure costs nothing and gives its estimate back; a success puts its actual cost in place of its estimate.
        assertThat(store().transition(TaskTransition.of(find(job, tasks.get(0)), TaskStatus.FAILED, now)
                        .error(ErrorCode.INVALID_INPUT, "bad", false)
                        .build()))
                .isTrue();
        assertThat(store().transition(TaskTransition.of(find(job, tasks.get(1)), TaskStatus.SUCCEEDED, now)
                        .cost(new io.atelier.model.Cost(new BigDecimal("0.04"), "USD", "test"))
                        .build()))
                .isTrue();
        Job after = store().findJob(job.owner(), job.jobId()).orElseThrow();
        assertThat(after.spend().committed()).isEqualByComparingTo("0.04");
        assertThat(after.spend().spent()).isEqualByComparingTo("0.04");
        assertThat(store().transition(start(tasks.get(2), job))).isTrue();
        assertThat(committed(job)).isEqualByComparingTo("0.14");
        assertThat(store().setBudget(job.owner(), job.jobId(), new BigDecimal("5"), now))
                .isTrue();
        assertThat(store().findJob(job.owner(), job.jobId())
                        .orElseThrow()
                        .spend()
                        .budget())
                .isEqualByComparingTo("5");
        assertThat(store().setBudget("someone-else", job.jobId(), new BigDecimal("5"), now))
                .isFalse();
    }

    /**
     * Sixteen workers race to start forty tasks under one budget: the committed spend, checked and raised in one
     * conditional write per start, never goes over it, and exactly as many tasks run as the budget holds.
     */
    @Test
    void racingWorkersNeverStartMoreThanTheBudgetHolds() throws Exception {
        Job job = createBudgeted(40, "0.07", "1.00");
        java.util.concurrent.ConcurrentLinkedQueue<Task> queued =
                new java.util.concurrent.ConcurrentLinkedQueue<>(tasks(job));
        java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < 16; w++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    for (Task task; (task = queued.poll()) != null; ) {
                        if (!store().transition(start(task, job))) {
                            refused.incrementAndGet();
                            continue;
                        }
                        started.incrementAndGet();
                        Task running =
                                store().findTask(job.jobId(), task.taskId()).orElseThrow();
                        if (!store().transition(TaskTransition.of(running, TaskStatus.SUCCEEDED, now)
                                .cost(running.estimate())
                                .build())) throw new AssertionError("could not end " + task.taskId());
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        go.countDown();
        for (Thread worker : workers) worker.join();
        assertThat(failures).isEmpty();
        Job after = store().findJob(job.owner(), job.jobId()).orElseThrow();
        assertThat(started.get())
                .as("14 × 0.07 = 0.98 fits in 1.00, a 15th does not")
                .isEqualTo(14);
        assertThat(refused.get()).isEqualTo(26);
        assertThat(after.spend().spent())
                .isEqualByComparingTo("0.98")
                .isLessThanOrEqualTo(after.spend().budget());
        assertThat(after.spend().committed()).isEqualByComparingTo(after.spend().spent());
        assertThat(after.counts().succeeded()).isEqualTo(14);
    }

    /**
     * Sixteen workers race to start forty tasks of two jobs of one person whose plan allows 1.00 a month: the month's
     * committed spend, checked and raised in the same conditional write as each start, holds exactly 14 of 0.07.
     */
    @Test
    void racingWorkersNeverTakeTheMonthPastThePlansMonthlySpend() throws Exception {
        String owner = "contract-" + Ids.ulid();
        Job first = createBudgeted(owner, 20, "0.07", null, "1.00");
        Job second = createBudgeted(owner, 20, "0.07", null, "1.00");
        java.util.concurrent.ConcurrentLinkedQueue<Task> queued = new java.util.concurrent.ConcurrentLinkedQueue<>();
        queued.addAll(tasks(first));
        queued.addAll(tasks(second));
        int started = UsageStoreContract.race(16, w -> {
            int mine = 0;
            for (Task task; (task = queued.poll()) != null; ) {
                Job job = task.jobId().equals(first.jobId()) ? first : second;
                if (!store().transition(start(task, job))) continue;
                mine++;
                Task running = store().findTask(job.jobId(), task.taskId()).orElseThrow();
                if (!store().transition(TaskTransition.of(running, TaskStatus.SUCCEEDED, now)
                        .cost(running.estimate())
                        .build())) throw new AssertionError("could not end " + task.taskId());
            }
            return mine > 0;
        });
        assertThat(started).isPositive();
        int succeeded = store().findJob(owner, first.jobId())
                        .orElseThrow()
                        .counts()
                        .succeeded()
                + store().findJob(owner, second.jobId()).orElseThrow().counts().succeeded();
        assertThat(succeeded)
                .as("14 × 0.07 = 0.98 fits in 1.00, a 15th does not")
                .isEqualTo(14);
        assertThat(usage().usage(owner, java.time.LocalDate.of(2026, 11, 22), java.time.YearMonth.of(2026, 11))
                        .spendThisMonth())
                .isEqualByComparingTo("0.98");
    }

    /** A job's concurrent-job slot goes back with the transition that ends its last task, and only then, once. */
    @Test
    void aJobGivesItsSlotBackWhenItsLastTaskEnds() {
        Job job = create(2);
        java.time.LocalDate day = java.time.LocalDate.of(2026, 11, 22);
        assertThat(usage().holdJobSlot(job.owner(), job.jobId(), 1, now.plus(Duration.ofDays(30))))
                .isEqualTo(UsageStore.Slot.TAKEN);
        List<Task> tasks = tasks(job);
        assertThat(store().transition(TaskTransition.of(tasks.get(0), TaskStatus.CANCELED, now)
                        .finished(now, null)
                        .build()))
                .isTrue();
        assertThat(usage().usage(job.owner(), day, java.time.YearMonth.from(day))
                        .activeJobs())
                .as("one task is still queued")
                .isEqualTo(1);
        assertThat(store().transition(TaskTransition.of(tasks.get(1), TaskStatus.RUNNING, now)
                        .countRun()
                        .lease(now.plusSeconds(60))
                        .started(now)
                        .build()))
                .isTrue();
        Task running = store().findTask(job.jobId(), tasks.get(1).taskId()).orElseThrow();
        assertThat(store().transition(TaskTransition.of(running, TaskStatus.FAILED, now)
                        .finished(now, 1L)
                        .build()))
                .isTrue();
        assertThat(usage().usage(job.owner(), day, java.time.YearMonth.from(day))
                        .activeJobs())
                .isZero();
        assertThat(usage().releaseJobSlot(job.owner(), job.jobId()))
                .as("given back once")
                .isFalse();
    }

    // --- helpers

    /** A job whose every task is estimated at {@code estimate}, under {@code budget}. */
    protected Job createBudgeted(int tasks, String estimate, String budget) {
        return createBudgeted("contract-" + Ids.ulid(), tasks, estimate, budget, null);
    }

    /** With {@code monthly}: the owner's plan's monthly spend (null: none); {@code budget} null: none. */
    protected Job createBudgeted(String owner, int tasks, String estimate, String budget, String monthly) {
        String jobId = Ids.job();
        BigDecimal each = new BigDecimal(estimate);
        Job job = new Job(
                owner,
                jobId,
                "budgeted",
                List.of(new Step("upscale", "local", null, null, Map.of("factor", 2))),
                false,
                Counts.allQueued(tasks),
                false,
                now,
                now,
                new io.atelier.model.Spend("USD", each.multiply(BigDecimal.valueOf(tasks)), BigDecimal.ZERO)
                        .withBudget(budget == null ? null : new BigDecimal(budget))
                        .withMonthlyLimit(monthly == null ? null : new BigDecimal(monthly)));
        List<Task> list = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            list.add(Task.queued(
                    owner,
                    jobId,
                    Ids.task(),
                    new Task.Work(
                            "c" + i,
                            new TaskInput("img_" + i, "a.png", "uploads/" + owner + "/img", "image/png", 10, 10, null),
                            null,
                            Map.of(),
                            now,
                            new io.atelier.model.Cost(each, "USD", "estimate"))));
        }
        store().create(job, list, null);
        return job;
    }

    private TaskTransition start(Task task, Job job) {
        return TaskTransition.of(task, TaskStatus.RUNNING, now)
                .countRun()
                .lease(now.plusSeconds(60))
                .started(now)
                .within(job.spend().budget())
                .withinMonthly(job.spend().monthlyLimit())
                .build();
    }

    private BigDecimal committed(Job job) {
        return store().findJob(job.owner(), job.jobId()).orElseThrow().spend().committed();
    }

    protected Job create(int tasks) {
        String owner = "contract-" + Ids.ulid();
        String jobId = Ids.job();
        Job job = new Job(
                owner,
                jobId,
                "contract",
                List.of(new Step("upscale", "local", null, null, Map.of("factor", 2))),
                false,
                Counts.allQueued(tasks),
                false,
                now,
                now);
        List<Task> list = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            list.add(Task.queued(
                    owner,
                    jobId,
                    Ids.task(),
                    new Task.Work(
                            "c" + i,
                            new TaskInput("img_" + i, "a.png", "uploads/" + owner + "/img", "image/png", 10, 10, null),
                            null,
                            Map.of(),
                            now)));
        }
        store().create(job, list, null);
        return job;
    }

    private void move(
            Job job,
            Task task,
            TaskStatus from,
            int attempt,
            TaskStatus to,
            Function<TaskTransition.Builder, TaskTransition.Builder> details) {
        assertThat(store().transition(details.apply(
                                TaskTransition.of(job.owner(), job.jobId(), task.taskId(), from, attempt, to, now))
                        .build()))
                .as(from + " → " + to)
                .isTrue();
    }

    private List<Task> tasks(Job job) {
        return store().tasksIn(job.jobId(), List.of(TaskStatus.values()));
    }

    private Task find(Job job, Task task) {
        return store().findTask(job.jobId(), task.taskId()).orElseThrow();
    }

    private List<JobEvent> events(Job job) {
        return store().listEvents(job.jobId(), new PageRequest(200, null)).items();
    }
}
