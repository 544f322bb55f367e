package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.fakes.MemoryProviderSlots;
import io.atelier.fakes.ScriptedProvider;
import io.atelier.imaging.ImageInspector;
import io.atelier.model.ErrorCode;
import io.atelier.model.Job;
import io.atelier.model.Task;
import io.atelier.model.TaskMessage;
import io.atelier.model.TaskStatus;
import io.atelier.store.ProviderConcurrency;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TaskRunnerTest {
    private static final Duration LEASE = Duration.ofMinutes(2);
    private final CoreFixture fx = new CoreFixture();

    @Test
    void upscalesOnTheLocalProviderAndRecordsTheOutput() throws Exception {
        Job job = fx.submit("alice", CoreFixture.upscaleJob(fx.readyImage("alice", 20, 10)));
        assertThat(fx.runner().run(fx.queue.sent.get(0), LEASE)).isEqualTo(TaskRunner.Outcome.DONE);
        Task task = fx.jobs.allTasks(job.jobId()).get(0);
        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(task.output().width()).isEqualTo(40);
        assertThat(task.output().height()).isEqualTo(20);
        assertThat(task.runs()).isEqualTo(1);
        assertThat(task.provider()).isEqualTo("local");
        byte[] result = fx.blobs.read(task.output().key());
        assertThat(ImageInspector.inspect(result).width()).isEqualTo(40);
        // A JPEG preview beside it for the grids; a 40×20 result needs no shrinking.
        var preview = ImageInspector.inspect(fx.blobs.read(task.output().thumbnailKey()));
        assertThat(preview.format()).isEqualTo(io.atelier.imaging.ImageFormat.JPEG);
        assertThat(preview.width()).isEqualTo(40);
        assertThat(fx.jobs.findJob("alice", job.jobId()).orElseThrow().counts().succeeded())
                .isEqualTo(1);
    }

    @Test
    void aDuplicateDeliveryNeitherCountsTwiceNorCallsTheProviderAgain() throws Exception {
        ScriptedProvider provider = new ScriptedProvider();
        fx.addProvider(provider);
        Job job = scriptedJob();
        TaskMessage message = fx.queue.sent.get(0);
        fx.runner().run(message, LEASE);
        fx.runner().run(message, LEASE);
        assertThat(provider.calls.get()).isEqualTo(1);
        Job after = fx.jobs.findJob("alice", job.jobId()).orElseThrow();
        assertThat(after.counts().succeeded()).isEqualTo(1);
        assertThat(after.counts().total()).isEqualTo(1);
    }

    @Test
    void aLiveLeaseDefersTheDuplicateAndAnExpiredOneIsTakenOver() throws Exception {
        ScriptedProvider provider = new ScriptedProvider();
        fx.addProvider(provider);
        scriptedJob();
        TaskMessage message = fx.queue.sent.get(0);
        TaskRunner runner = fx.runner();
        // The first holder is "inside" the provider call when the duplicate arrives.
        provider.duringCall = () -> {
            provider.duringCall = () -> {};
            assertThat(runner.run(message, LEASE)).isEqualTo(TaskRunner.Outcome.RETRY_LATER);
        };
        assertThat(runner.run(message, LEASE)).isEqualTo(TaskRunner.Outcome.DONE);
        assertThat(provider.calls.get()).isEqualTo(1);

        // A holder that died: its lease expires and the next delivery finishes the task.
        Job second = scriptedJob();
        TaskMessage orphan = fx.queue.sent.get(fx.queue.sent.size() - 1);
        Task claimed = fx.jobs.allTasks(second.jobId()).get(0);
        fx.jobs.transition(io.atelier.store.TaskTransition.of(
                        "alice", second.jobId(), claimed.taskId(), TaskStatus.QUEUED, 1, TaskStatus.RUNNING, fx.now)
                .countRun()
                .lease(fx.now.plus(LEASE))
                .build());
        assertThat(runner.run(orphan, LEASE)).isEqualTo(TaskRunner.Outcome.RETRY_LATER);
        fx.now = fx.now.plus(LEASE).plusSeconds(1);
        assertThat(runner.run(orphan, LEASE)).isEqualTo(TaskRunner.Outcome.DONE);
        assertThat(fx.jobs.allTasks(second.jobId()).get(0).status()).isEqualTo(TaskStatus.SUCCEEDED);
    }

    @Test
    void throttlingWaitsForTheProvidersHintWithoutUsingUpAttempts() throws Exception {
        ScriptedProvider provider = new ScriptedProvider();
        fx.addProvider(provider);
        for (int i = 0; i < 4; i++) provider.faults.add(ErrorCode.PROVIDER_THROTTLED);
        for (int i = 0; i < 3; i++) provider.faults.add(ErrorCode.PROVIDER_UNAVAILABLE);
        Job job = scriptedJob();
        TaskRunner runner = fx.runner();
        runner.run(fx.queue.sent.get(0), LEASE);
        assertThat(fx.queue.sent).hasSize(2);
        assertThat(fx.queue.delays.get(1)).isGreaterThanOrEqualTo(Duration.ofSeconds(8)); // the 7 s hint, plus a second
        Task waiting = fx.jobs.allTasks(job.jobId()).get(0);
        assertThat(waiting.status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(waiting.error().code()).isEqualTo(ErrorCode.PROVIDER_THROTTLED);
        assertThat(waiting.runs()).isZero();
        for (int delivery = 1; delivery < 7; delivery++) runner.run(fx.queue.sent.get(delivery), LEASE);
        // Four throttles cost nothing; three unavailable answers use up the three attempts.
        Task failed = fx.jobs.allTasks(job.jobId()).get(0);
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.runs()).isEqualTo(3);
        assertThat(failed.error().code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(provider.calls.get()).isEqualTo(7);
        assertThat(fx.jobs.findJob("alice", job.jobId()).orElseThrow().counts().failed())
                .isEqualTo(1);
    }

    @Test
    void throttlingGivesUpOnceItsBudgetIsSpent() throws Exception {
        ScriptedProvider provider = new ScriptedProvider();
        fx.addProvider(provider);
        for (int i = 0; i < 2; i++) provider.faults.add(ErrorCode.PROVIDER_THROTTLED);
        Job job = scriptedJob();
        TaskRunner runner = fx.runner();
        runner.run(fx.queue.sent.get(0), LEASE);
        fx.now = fx.now.plus(fx.limits.throttleBudget()).plusSeconds(1);
        runner.run(fx.queue.sent.get(1), LEASE);
        Task failed = fx.jobs.allTasks(job.jobId()).get(0);
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo(ErrorCode.PROVIDER_THROTTLED);
        assertThat(failed.error().retryable()).isTrue();
    }

    @Test
    void anAsynchronousProviderParksTheTaskAndItIsPolledUntilDone() throws Exception {
        ScriptedProvider provider = new ScriptedProvider();
        provider.pendingPolls = 2;
        fx.addProvider(provider);
        Job job = scriptedJob();
        TaskRunner runner = fx.runner();
        runner.run(fx.queue.sent.get(0), LEASE);
        Task parked = fx.jobs.allTasks(job.jobId()).get(0);
        assertThat(parked.status()).isEqualTo(TaskStatus.WAITING);
        assertThat(parked.pending().handle()).isEqualTo("handle-1");
        assertThat(fx.jobs.findJob("alice", job.jobId()).orElseThrow().counts().waiting())
                .isEqualTo(1);
        assertThat(fx.queue.delays.get(1)).isEqualTo(Duration.ofSeconds(5));
        // A duplicate of the poll message is dropped: one claim, one poll per delivery.
        TaskMessage poll = fx.queue.sent.get(1);
        runner.run(poll, LEASE);
        assertThat(provider.polls.get()).isEqualTo(1);
        assertThat(fx.queue.sent).hasSize(3);
        runner.run(fx.queue.sent.get(2), LEASE);
        runner.run(fx.queue.sent.get(3), LEASE);
        Task done = fx.jobs.allTasks(job.jobId()).get(0);
        assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(done.pending()).isNull();
        assertThat(done.runs()).isEqualTo(1);
        assertThat(done.provenance()).containsEntry("requestId", "sub-1").containsEntry("handle", "handle-1");
        assertThat(done.model())
                .as("the model the asynchronous provider reported")
                .isEqualTo("m1");
        assertThat(done.output().width()).isEqualTo(6);
        assertThat(provider.calls.get()).isEqualTo(1);
        assertThat(fx.jobs.findJob("alice", job.jobId()).orElseThrow().counts().succeeded())
                .isEqualTo(1);
    }

    @Test
    void aHiccupWhilePollingLooksAgainInsteadOfStartingOver() throws Exception {
        ScriptedProvider provider = new ScriptedProvider();
        provider.pendingPolls = 0;
        provider.pollFaults.add(ErrorCode.PROVIDER_UNAVAILABLE);
        fx.addProvider(provider);
        Job job = scriptedJob();
        TaskRunner runner = fx.runner();
        runner.run(fx.queue.sent.get(0), LEASE);
        runner.run(fx.queue.sent.get(1), LEASE);
        Task stillWaiting = fx.jobs.allTasks(job.jobId()).get(0);
        assertThat(stillWaiting.status()).isEqualTo(TaskStatus.WAITING);
        assertThat(stillWaiting.pending().polls()).isEqualTo(1);
        runner.run(fx.queue.sent.get(2), LEASE);
        assertThat(fx.jobs.allTasks(job.jobId()).get(0).status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(provider.calls.get()).isEqualTo(1);
    }

    @Test
    void pendingWorkThatTakesTooLongTimesOut() throws Exception {
        ScriptedProvider provider = new ScriptedProvider();
        provider.pendingPolls = 100;
        fx.addProvider(provider);
        Job job = scriptedJob();
        TaskRunner runner = fx.runner();
        runner.run(fx.queue.sent.get(0), LEASE);
        fx.now = fx.now.plus(provider.maxWait()).plusSeconds(1);
        runner.run(fx.queue.sent.get(1), LEASE);
        Task task = fx.jobs.allTasks(job.jobId()).get(0);
        // A timeout is transient: the task goes back to the queue for a fresh start, up to the attempts.
        assertThat(task.status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(task.error().code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(task.pending()).isNull();
    }

    @Test
    void aTaskAnAsynchronousProviderWorksOnIsPolledToItsResultAfterACancel() throws Exception {
        ScriptedProvider provider = new ScriptedProvider();
        provider.pendingPolls = 0;
        fx.addProvider(provider);
        Job job = scriptedJob();
        TaskRunner runner = fx.runner();
        runner.run(fx.queue.sent.get(0), LEASE);
        fx.jobService().cancel("alice", job.jobId());
        runner.run(fx.queue.sent.get(1), LEASE);
        assertThat(provider.polls.get()).isEqualTo(1);
        Task task = fx.jobs.allTasks(job.jobId()).get(0);
        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(task.output()).isNotNull();
    }

    @Test
    void aRefusalFailsAtOnce() throws Exception {
        ScriptedProvider provider = new ScriptedProvider();
        fx.addProvider(provider);
        provider.faults.add(ErrorCode.PROVIDER_REFUSED);
        Job job = scriptedJob();
        fx.runner().run(fx.queue.sent.get(0), LEASE);
        Task task = fx.jobs.allTasks(job.jobId()).get(0);
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.error().retryable()).isFalse();
        assertThat(fx.queue.sent).hasSize(1);
    }

    @Test
    void aCallInFlightWhenTheJobIsCanceledKeepsItsResultAndQueuedWorkIsCanceled() throws Exception {
        ScriptedProvider provider = new ScriptedProvider();
        fx.addProvider(provider);
        String a = fx.readyImage("alice", 8, 8), b = fx.readyImage("alice", 8, 8);
        Job job = fx.submit(
                "alice",
                "{\"operation\":\"edit\",\"provider\":\"scripted\",\"prompt\":\"x\",\"items\":[{\"imageId\":\"" + a
                        + "\"},{\"imageId\":\"" + b + "\"}]}");
        provider.duringCall = () -> fx.jobService().cancel("alice", job.jobId());
        fx.runner().run(fx.queue.sent.get(0), LEASE);
        fx.runner().run(fx.queue.sent.get(1), LEASE);
        assertThat(provider.calls.get()).as("the queued task is never called").isEqualTo(1);
        Job after = fx.jobs.findJob("alice", job.jobId()).orElseThrow();
        assertThat(after.counts().succeeded()).isEqualTo(1);
        assertThat(after.counts().canceled()).isEqualTo(1);
        assertThat(after.status()).isEqualTo(io.atelier.model.JobStatus.PARTIAL);
        assertThat(fx.blobs.objects.keySet()).anyMatch(key -> key.startsWith("results/"));
    }

    @Test
    void aProviderThatBreaksFailsTheTaskInWordsInsteadOfCrashing() throws Exception {
        ScriptedProvider provider = new ScriptedProvider();
        fx.addProvider(provider);
        provider.duringCall = () -> {
            throw new IllegalStateException("native library missing");
        };
        Job job = scriptedJob();
        assertThat(fx.runner().run(fx.queue.sent.get(0), LEASE)).isEqualTo(TaskRunner.Outcome.DONE);
        Task task = fx.jobs.allTasks(job.jobId()).get(0);
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.error().code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(task.error().message()).contains("scripted provider failed unexpectedly on edit");
    }

    @Test
    void aDeletedOriginalFailsAsInvalidInput() throws Exception {
        String imageId = fx.readyImage("alice", 8, 8);
        Job job = fx.submit("alice", CoreFixture.upscaleJob(imageId));
        fx.blobs.objects.clear();
        fx.runner().run(fx.queue.sent.get(0), LEASE);
        Task task = fx.jobs.allTasks(job.jobId()).get(0);
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.error().code()).isEqualTo(ErrorCode.INVALID_INPUT);
    }

    @Test
    void aTaskThatFindsNoFreeProviderSlotComesBackShortlyWithoutStartingOrUsingAnAttempt() throws Exception {
        ScriptedProvider provider = new ScriptedProvider();
        fx.addProvider(provider);
        MemoryProviderSlots slots = new MemoryProviderSlots(ProviderConcurrency.parse("scripted=1"));
        fx.slots = slots;
        Job job = scriptedJob();
        TaskMessage message = fx.queue.sent.get(0);
        // Someone else holds the only slot.
        var other = slots.acquire("scripted", "other", fx.now, fx.now.plusSeconds(60))
                .orElseThrow();
        assertThat(fx.runner().run(message, LEASE)).isEqualTo(TaskRunner.Outcome.DONE);
        assertThat(provider.calls.get()).isZero();
        Task task = fx.jobs.allTasks(job.jobId()).get(0);
        assertThat(task.status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(task.runs()).isZero();
        assertThat(task.error()).isNull();
        assertThat(fx.queue.sent).hasSize(2).last().isEqualTo(message);
        assertThat(fx.queue.delays.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(6));
        assertThat(fx.jobs.events(job.jobId())).hasSize(1); // nothing happened to the task: only the submission

        // Freed, the slot is taken and given back around the call.
        slots.release(other);
        assertThat(fx.runner().run(message, LEASE)).isEqualTo(TaskRunner.Outcome.DONE);
        assertThat(fx.jobs.allTasks(job.jobId()).get(0).status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(slots.held("scripted", fx.now)).isZero();
    }

    @Test
    void theSlotIsGivenBackOnceTheCallIsDoneBeforeTheResultIsStored() throws Exception {
        ScriptedProvider provider = new ScriptedProvider();
        fx.addProvider(provider);
        MemoryProviderSlots slots = new MemoryProviderSlots(ProviderConcurrency.parse("scripted=1"));
        fx.slots = slots;
        Job job = scriptedJob();
        java.util.List<Long> heldAtWrites = new java.util.concurrent.CopyOnWriteArrayList<>();
        fx.blobs.failWrites = key -> {
            heldAtWrites.add(slots.held("scripted", fx.now));
            return false;
        };
        assertThat(fx.runner().run(fx.queue.sent.get(0), LEASE)).isEqualTo(TaskRunner.Outcome.DONE);
        assertThat(fx.jobs.allTasks(job.jobId()).get(0).status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(heldAtWrites)
                .as("result and preview written with the slot free for the next call")
                .isNotEmpty()
                .containsOnly(0L);
    }

    @Test
    void theSlotOfAHolderThatDiedFreesItselfWhenItsLeaseEnds() throws Exception {
        ScriptedProvider provider = new ScriptedProvider();
        fx.addProvider(provider);
        MemoryProviderSlots slots = new MemoryProviderSlots(ProviderConcurrency.parse("scripted=1"));
        fx.slots = slots;
        Job job = scriptedJob();
        slots.acquire("scripted", "dead worker", fx.now, fx.now.plus(LEASE)).orElseThrow();
        fx.runner().run(fx.queue.sent.get(0), LEASE);
        assertThat(provider.calls.get()).isZero();
        fx.now = fx.now.plus(LEASE).plusSeconds(1);
        fx.runner().run(fx.queue.sent.get(1), LEASE);
        assertThat(provider.calls.get()).isOne();
        assertThat(fx.jobs.allTasks(job.jobId()).get(0).status()).isEqualTo(TaskStatus.SUCCEEDED);
    }

    @Test
    void concurrencyCapsComeFromDefaultsAndConfiguration() {
        ProviderConcurrency caps = ProviderConcurrency.parse(" gemini=3, someone=7 ,local=0");
        assertThat(caps.cap("gemini")).isEqualTo(3);
        assertThat(caps.cap("dashscope")).isEqualTo(2);
        assertThat(caps.cap("someone")).isEqualTo(7);
        assertThat(caps.cap("unknown")).isEqualTo(ProviderConcurrency.DEFAULTS.get("*"));
        assertThat(caps.cap("local")).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProviderConcurrency.parse("gemini"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProviderConcurrency.parse("gemini=-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Job scriptedJob() throws Exception {
        return fx.submit(
                "alice",
                "{\"operation\":\"edit\",\"provider\":\"scripted\",\"prompt\":\"p\",\"items\":[{\"imageId\":\""
                        + fx.readyImage("alice", 8, 8) + "\"}]}");
    }
}
