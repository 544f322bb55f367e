package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.fakes.ScriptedProvider;
import io.atelier.model.ErrorCode;
import io.atelier.model.Job;
import io.atelier.model.JobEvent;
import io.atelier.model.Task;
import io.atelier.model.TaskStatus;
import io.atelier.store.TaskTransition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SweeperTest {
    private static final Duration LEASE = Duration.ofMinutes(2);
    private final CoreFixture fx = new CoreFixture();
    private final ScriptedProvider provider = new ScriptedProvider();

    private Sweeper sweeper() {
        return new Sweeper(fx.jobs, fx.queue, fx.limits, Delays.DEFAULTS, fx.clock);
    }

    private Job job(int items) throws Exception {
        fx.addProvider(provider);
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < items; i++)
            list.append(i == 0 ? "" : ",")
                    .append("{\"imageId\":\"")
                    .append(fx.readyImage("alice", 8, 8))
                    .append("\"}");
        return fx.submit(
                "alice",
                "{\"operation\":\"edit\",\"provider\":\"scripted\",\"prompt\":\"p\",\"items\":[" + list + "]}");
    }

    /** A worker claimed the task and died: its lease runs out and its message is gone. */
    private Task claimAndDie(Job job, int index) {
        Task task = fx.jobs.allTasks(job.jobId()).get(index);
        fx.jobs.transition(TaskTransition.of(
                        "alice",
                        job.jobId(),
                        task.taskId(),
                        TaskStatus.QUEUED,
                        task.attempt(),
                        TaskStatus.RUNNING,
                        fx.now)
                .countRun()
                .lease(fx.now.plus(LEASE))
                .build());
        return fx.jobs.findTask(job.jobId(), task.taskId()).orElseThrow();
    }

    @Test
    void nothingIsTouchedWhileLeasesAreLiveAndMessagesRecent() throws Exception {
        Job job = job(2);
        claimAndDie(job, 0);
        int sent = fx.queue.sent.size();
        assertThat(sweeper().sweep().examined()).isZero();
        assertThat(fx.queue.sent).hasSize(sent);
    }

    @Test
    void aRunningTaskWhoseWorkerDiedIsRequeuedAndThenFinishes() throws Exception {
        Job job = job(1);
        Task task = claimAndDie(job, 0);
        fx.now = fx.now.plus(LEASE).plusSeconds(1);
        Sweeper.Result result = sweeper().sweep();
        assertThat(result.requeued()).isEqualTo(1);
        assertThat(fx.jobs.findTask(job.jobId(), task.taskId()).orElseThrow().status())
                .isEqualTo(TaskStatus.QUEUED);
        JobEvent swept = fx.jobs.events(job.jobId()).getLast();
        assertThat(swept.type()).isEqualTo(JobEvent.SWEPT);
        assertThat(swept.from()).isEqualTo(TaskStatus.RUNNING);
        assertThat(swept.to()).isEqualTo(TaskStatus.QUEUED);
        // The re-sent message runs it to the end; a second sweep finds nothing.
        fx.runner().run(fx.queue.sent.getLast(), LEASE);
        assertThat(fx.jobs.findTask(job.jobId(), task.taskId()).orElseThrow().status())
                .isEqualTo(TaskStatus.SUCCEEDED);
        fx.now = fx.now.plus(Duration.ofHours(1));
        assertThat(sweeper().sweep().examined()).isZero();
        assertThat(fx.jobs.findJob("alice", job.jobId()).orElseThrow().counts().succeeded())
                .isEqualTo(1);
    }

    @Test
    void aTaskThatUsedItsAttemptsFailsExhausted() throws Exception {
        Job job = job(1);
        Task task = claimAndDie(job, 0);
        for (int i = 1; i < fx.limits.maxAttempts(); i++) {
            fx.now = fx.now.plus(LEASE).plusSeconds(1);
            fx.jobs.takeOverLease(
                    fx.jobs.findTask(job.jobId(), task.taskId()).orElseThrow(), fx.now, fx.now.plus(LEASE));
        }
        fx.now = fx.now.plus(LEASE).plusSeconds(1);
        assertThat(sweeper().sweep().failed()).isEqualTo(1);
        Task failed = fx.jobs.findTask(job.jobId(), task.taskId()).orElseThrow();
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo(ErrorCode.EXHAUSTED);
        assertThat(fx.jobs.findJob("alice", job.jobId()).orElseThrow().status())
                .isEqualTo(io.atelier.model.JobStatus.FAILED);
    }

    @Test
    void aQueuedTaskWhoseMessageWasLostIsSentAgainUnlessTheQueueHasABacklog() throws Exception {
        Job job = job(2);
        fx.now = fx.now.plus(fx.jobs.queuedStale).plusSeconds(1);
        int sent = fx.queue.sent.size();
        fx.queue.backlog = 5;
        assertThat(sweeper().sweep().requeued()).isZero();
        fx.queue.backlog = 0;
        assertThat(sweeper().sweep().requeued()).isEqualTo(2);
        assertThat(fx.queue.sent).hasSize(sent + 2);
        // Touched by the sweep, they are not overdue again until another stale period passed.
        assertThat(sweeper().sweep().examined()).isZero();
        assertThat(fx.jobs.findJob("alice", job.jobId()).orElseThrow().counts().queued())
                .isEqualTo(2);
    }

    @Test
    void aWaitingTaskWhosePollIsOverdueIsPolledAgain() throws Exception {
        provider.pendingPolls = 5;
        Job job = job(1);
        fx.runner().run(fx.queue.sent.get(0), LEASE);
        Task waiting = fx.jobs.allTasks(job.jobId()).get(0);
        assertThat(waiting.status()).isEqualTo(TaskStatus.WAITING);
        fx.now = waiting.leaseUntil().plusSeconds(1);
        assertThat(sweeper().sweep().requeued()).isEqualTo(1);
        Task after = fx.jobs.findTask(job.jobId(), waiting.taskId()).orElseThrow();
        assertThat(after.status()).isEqualTo(TaskStatus.WAITING);
        assertThat(after.pending()).isEqualTo(waiting.pending());
        fx.runner().run(fx.queue.sent.getLast(), LEASE);
        assertThat(provider.polls.get()).isEqualTo(1);
    }
}
