package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.fakes.ScriptedProvider;
import io.atelier.model.ErrorCode;
import io.atelier.model.Job;
import io.atelier.model.Task;
import io.atelier.model.TaskMessage;
import io.atelier.model.TaskStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Never paying twice: the same input through the same step reuses the stored result; the provider never hears of it. */
class StepCacheTest {
    private static final Duration LEASE = Duration.ofMinutes(2);
    private final CoreFixture fx = new CoreFixture();
    private final ScriptedProvider first = new ScriptedProvider();
    private final ScriptedProvider second = new ScriptedProvider("second");

    StepCacheTest() {
        fx.addProvider(first);
        fx.addProvider(second);
    }

    private Job edit(String owner, String extra) throws Exception {
        String image = fx.readyImage(owner, 8, 8);
        Job job = fx.submit(
                owner,
                "{\"operation\":\"edit\",\"provider\":\"scripted\",\"prompt\":\"p\",\"params\":{\"seed\":7}" + extra
                        + ",\"items\":[{\"imageId\":\"" + image + "\"}]}");
        runAll();
        return job;
    }

    @Test
    void theSameBytesThroughTheSameStepReuseTheResultAtNoCost() throws Exception {
        Job paid = edit("alice", "");
        Job again = edit("alice", ""); // another upload of the very same bytes
        assertThat(first.calls.get()).as("the provider is called once").isEqualTo(1);
        Task source = fx.jobs.allTasks(paid.jobId()).get(0);
        Task reused = fx.jobs.allTasks(again.jobId()).get(0);
        assertThat(reused.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(StepCache.allCached(reused.provenance())).isTrue();
        assertThat(reused.provenance())
                .containsEntry("cached", true)
                .containsEntry("sourceTaskId", source.taskId())
                .containsEntry("sourceJobId", paid.jobId());
        assertThat(reused.cost().amount()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(fx.blobs.read(reused.output().key()))
                .isEqualTo(fx.blobs.read(source.output().key()));
        assertThat(StepCache.allCached(source.provenance())).isFalse();
    }

    @Test
    void cacheFalseAnotherStepOrAnotherUserCallsTheProvider() throws Exception {
        edit("alice", "");
        edit("alice", ",\"cache\":false");
        assertThat(first.calls.get()).as("cache: false asks for a fresh result").isEqualTo(2);
        String image = fx.readyImage("alice", 8, 8);
        fx.submit(
                "alice",
                "{\"operation\":\"edit\",\"provider\":\"scripted\",\"prompt\":\"p\",\"params\":{\"seed\":8},"
                        + "\"items\":[{\"imageId\":\"" + image + "\"}]}");
        runAll();
        assertThat(first.calls.get()).as("another seed is another step").isEqualTo(3);
        edit("bob", "");
        assertThat(first.calls.get()).as("results are reused per user only").isEqualTo(4);
    }

    @Test
    void aResultOlderThanTheRetentionIsNotReused() throws Exception {
        edit("alice", "");
        fx.now = fx.now.plus(fx.limits.retention()).plusSeconds(1);
        edit("alice", "");
        assertThat(first.calls.get()).isEqualTo(2);
    }

    @Test
    void aWorkflowFailingAtStepTwoAndRetriedNeverCallsStepOnesProviderAgain() throws Exception {
        second.faults.add(ErrorCode.PROVIDER_REFUSED);
        String image = fx.readyImage("alice", 8, 8);
        Job job = fx.submit(
                "alice",
                "{\"steps\":[{\"operation\":\"edit\",\"provider\":\"scripted\",\"prompt\":\"one\"},"
                        + "{\"operation\":\"edit\",\"provider\":\"second\",\"prompt\":\"two\"}],\"items\":[{\"imageId\":\""
                        + image + "\"}]}");
        runAll();
        assertThat(fx.jobs.allTasks(job.jobId()).get(0).status()).isEqualTo(TaskStatus.FAILED);
        assertThat(List.of(first.calls.get(), second.calls.get())).containsExactly(1, 1);

        fx.jobService().retry("alice", job.jobId(), Optional.empty());
        runAll();
        Task task = fx.jobs.allTasks(job.jobId()).get(0);
        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(List.of(first.calls.get(), second.calls.get()))
                .as("step 1 resumes from its stored result")
                .containsExactly(1, 2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps =
                (List<Map<String, Object>>) task.provenance().get("steps");
        assertThat(steps.get(0)).containsEntry("cached", true).containsEntry("sourceTaskId", task.taskId());
        assertThat(steps.get(1)).doesNotContainKey("cached");
        assertThat(StepCache.allCached(task.provenance())).isFalse();
    }

    @Test
    void newImagesFromNothingAreReusedOnlyWithASeed() {
        assertThat(StepCache.fingerprint(
                        new io.atelier.model.Step("generate", "x", null, "p", Map.of()), Map.of(), "p", null))
                .isNull();
        assertThat(StepCache.fingerprint(
                        new io.atelier.model.Step("generate", "x", null, "p", Map.of()), Map.of("seed", 1), "p", null))
                .hasSize(64);
        // Parameters in another order are the same step.
        io.atelier.model.Step step = new io.atelier.model.Step("edit", "x", null, "p", Map.of());
        var input = new io.atelier.providers.SourceImage(new byte[] {1, 2}, io.atelier.imaging.ImageFormat.PNG, 1, 1);
        java.util.LinkedHashMap<String, Object> ab = new java.util.LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", Map.of("y", 2, "x", 1));
        java.util.LinkedHashMap<String, Object> ba = new java.util.LinkedHashMap<>();
        ba.put("b", Map.of("x", 1, "y", 2));
        ba.put("a", 1);
        assertThat(StepCache.fingerprint(step, ab, "p", input)).isEqualTo(StepCache.fingerprint(step, ba, "p", input));
        assertThat(StepCache.fingerprint(step, ab, "q", input))
                .isNotEqualTo(StepCache.fingerprint(step, ab, "p", input));
    }

    private void runAll() {
        for (int i = 0; i < 100; i++) {
            List<TaskMessage> batch = new ArrayList<>(fx.queue.sent);
            fx.queue.sent.clear();
            if (batch.isEmpty()) return;
            for (TaskMessage message : batch) fx.runner().run(message, LEASE);
        }
    }
}
