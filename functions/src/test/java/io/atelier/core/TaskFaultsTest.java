package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.fakes.ScriptedProvider;
import io.atelier.http.Representations;
import io.atelier.imaging.InvalidInputException;
import io.atelier.model.ErrorCode;
import io.atelier.model.Job;
import io.atelier.model.JobEvent;
import io.atelier.model.Task;
import io.atelier.model.TaskStatus;
import io.atelier.store.PageRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Faults that are not the user's: storage that fails, bugs; and how the task and its log say so. */
class TaskFaultsTest {
    private static final Duration LEASE = Duration.ofMinutes(2);
    private final CoreFixture fx = new CoreFixture();

    @Test
    void aResultThatCannotBeStoredEndsFailedInWordsAfterItsBoundedTries() throws Exception {
        Job job = fx.submit("alice", CoreFixture.upscaleJob(fx.readyImage("alice", 8, 8)));
        fx.blobs.failWrites = key -> key.startsWith("results/");
        assertThat(fx.runner().run(fx.queue.sent.get(0), LEASE)).isEqualTo(TaskRunner.Outcome.DONE);
        Task task = fx.jobs.allTasks(job.jobId()).get(0);
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.error().code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(task.error().message()).isEqualTo("Could not store the result: storage unavailable after 3 tries.");
        assertThat(fx.blobs.failedWrites).hasValue(StorageTries.WRITE_TRIES);
        assertThat(fx.queue.sent).hasSize(1); // not sent round again: that would pay the provider again
    }

    @Test
    void anOriginalThatCannotBeReadComesBackWithItsReasonInTheLogThenFails() throws Exception {
        Job job = fx.submit("alice", CoreFixture.upscaleJob(fx.readyImage("alice", 8, 8)));
        fx.blobs.failReads = key -> true;
        for (int run = 0; run < fx.queue.sent.size(); run++) fx.runner().run(fx.queue.sent.get(run), LEASE);

        Task task = fx.jobs.allTasks(job.jobId()).get(0);
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.runs()).isEqualTo(3);
        assertThat(task.error().code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(task.error().message()).isEqualTo("Could not read the original: storage unavailable after 3 tries.");

        // What GET /jobs/{id}/events answers: each return to the queue says why, and which try it was.
        Representations shapes = new Representations(fx.blobs, Duration.ofMinutes(5));
        List<Map<String, Object>> retries =
                fx.jobService().events("alice", job.jobId(), new PageRequest(50, null)).items().stream()
                        .filter(e -> JobEvent.RETRYING.equals(e.type()))
                        .map(shapes::event)
                        .toList();
        assertThat(retries).hasSize(2);
        assertThat(retries.get(1)).containsEntry("from", "RUNNING").containsEntry("to", "QUEUED");
        assertThat(retries.get(1).get("error"))
                .isEqualTo(Map.of(
                        "code",
                        "internal",
                        "message",
                        "Could not read the original: storage unavailable (try 2 of 3)."));
    }

    @Test
    void aProviderFaultThatIsRetriedSaysSoInTheLog() throws Exception {
        ScriptedProvider provider = new ScriptedProvider();
        fx.addProvider(provider);
        provider.faults.add(ErrorCode.PROVIDER_UNAVAILABLE);
        Job job = scriptedJob();
        fx.runner().run(fx.queue.sent.get(0), LEASE);
        JobEvent last = fx.jobs.events(job.jobId()).getLast();
        assertThat(last.type()).isEqualTo(JobEvent.RETRYING);
        assertThat(last.error().message()).isEqualTo("scripted provider_unavailable (try 1 of 3).");
    }

    @Test
    void anUnexpectedIllegalArgumentIsInternalNotTheUsersInput() throws Exception {
        Job job = fx.submit("alice", CoreFixture.upscaleJob(fx.readyImage("alice", 8, 8)));
        fx.blobs.failReads = key -> {
            throw new IllegalArgumentException("a bug in the storage adapter");
        };
        fx.runner().run(fx.queue.sent.get(0), LEASE);
        Task task = fx.jobs.allTasks(job.jobId()).get(0);
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.error().code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(task.error().message()).contains("failed unexpectedly").doesNotContain("a bug in");
    }

    @Test
    void onlyTheTypedInvalidInputIsBlamedOnTheUser() throws Exception {
        ScriptedProvider provider = new ScriptedProvider();
        fx.addProvider(provider);
        provider.duringCall = () -> {
            throw new InvalidInputException("The watermark text must not be empty.");
        };
        Job job = scriptedJob();
        fx.runner().run(fx.queue.sent.get(0), LEASE);
        Task task = fx.jobs.allTasks(job.jobId()).get(0);
        assertThat(task.error().code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(task.error().message()).isEqualTo("The watermark text must not be empty.");

        ScriptedProvider buggy = new ScriptedProvider();
        buggy.duringCall = () -> {
            throw new IllegalArgumentException("index out of range");
        };
        CoreFixture other = new CoreFixture();
        other.addProvider(buggy);
        Job second = other.submit("alice", scriptedJson(other.readyImage("alice", 8, 8)));
        other.runner().run(other.queue.sent.get(0), LEASE);
        assertThat(other.jobs.allTasks(second.jobId()).get(0).error().code()).isEqualTo(ErrorCode.INTERNAL);
    }

    private Job scriptedJob() throws Exception {
        return fx.submit("alice", scriptedJson(fx.readyImage("alice", 8, 8)));
    }

    private static String scriptedJson(String imageId) {
        return "{\"operation\":\"edit\",\"provider\":\"scripted\",\"prompt\":\"p\",\"items\":[{\"imageId\":\"" + imageId
                + "\"}]}";
    }
}
