package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.atelier.fakes.ScriptedProvider;
import io.atelier.json.Json;
import io.atelier.model.ErrorCode;
import io.atelier.model.Job;
import io.atelier.model.JobEvent;
import io.atelier.model.Task;
import io.atelier.model.TaskMessage;
import io.atelier.model.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A step's fallback providers: tried once its own provider is down for good, never after a refusal or a bad input. */
class FallbackTest {
    private static final Duration LEASE = Duration.ofMinutes(2);
    private final CoreFixture fx = new CoreFixture();
    private final ScriptedProvider primary = new ScriptedProvider();
    private final ScriptedProvider backup = new ScriptedProvider("backup");
    private final ScriptedProvider spare = new ScriptedProvider("spare");

    FallbackTest() {
        fx.addProvider(primary);
        fx.addProvider(backup);
        fx.addProvider(spare);
    }

    private Job submit(String fallback) throws Exception {
        String image = fx.readyImage("alice", 8, 8);
        return fx.submit(
                "alice",
                "{\"operation\":\"edit\",\"provider\":\"scripted\",\"prompt\":\"p\",\"fallback\":" + fallback
                        + ",\"items\":[{\"imageId\":\"" + image + "\"}]}");
    }

    @Test
    void aKeyTheProviderRefusesFallsBackAtOnceAndTheProvenanceSaysSo() throws Exception {
        primary.faults.add(ErrorCode.PROVIDER_AUTH);
        Job job = submit("[\"backup\"]");
        runAll();
        Task task = fx.jobs.allTasks(job.jobId()).get(0);
        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(task.provider()).isEqualTo("backup");
        assertThat(primary.calls.get()).isEqualTo(1);
        assertThat(backup.calls.get()).isEqualTo(1);
        assertThat(task.provenance()).containsEntry("provider", "backup");
        assertThat(task.provenance().get("fallbackFrom"))
                .isEqualTo(List.of(
                        Map.of("provider", "scripted", "code", "provider_auth", "message", "scripted provider_auth")));
        JobEvent event = fx.jobs.events(job.jobId()).stream()
                .filter(e -> Fallbacks.EVENT.equals(e.type()))
                .findFirst()
                .orElseThrow();
        assertThat(event.taskId()).isEqualTo(task.taskId());
        assertThat(event.error().code()).isEqualTo(ErrorCode.PROVIDER_AUTH);
        assertThat(event.error().message()).startsWith("Step 1 falls back from scripted to backup");
    }

    @Test
    void anUnavailableProviderHasItsRetriesFirst() throws Exception {
        for (int i = 0; i < 3; i++) primary.faults.add(ErrorCode.PROVIDER_UNAVAILABLE);
        Job job = submit("[\"backup\"]");
        runAll();
        Task task = fx.jobs.allTasks(job.jobId()).get(0);
        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(primary.calls.get())
                .as("MAX_ATTEMPTS tries on the step's own provider")
                .isEqualTo(3);
        assertThat(backup.calls.get()).isEqualTo(1);
    }

    @Test
    void aLaterStepsAsynchronousWorkThatFailsFallsBackAndTheStepBeforeIsNotPaidAgain() throws Exception {
        primary.pendingPolls = 0; // asynchronous: submitted, then its poll says how it ended
        primary.pollFaults.add(ErrorCode.PROVIDER_AUTH);
        String image = fx.readyImage("alice", 8, 8);
        Job job = fx.submit(
                "alice",
                "{\"steps\":[{\"operation\":\"edit\",\"provider\":\"spare\",\"prompt\":\"one\"},"
                        + "{\"operation\":\"edit\",\"provider\":\"scripted\",\"prompt\":\"two\",\"fallback\":[\"backup\"]}],"
                        + "\"items\":[{\"imageId\":\"" + image + "\"}]}");
        runAll();
        Task task = fx.jobs.allTasks(job.jobId()).get(0);
        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(task.provider()).isEqualTo("backup");
        assertThat(List.of(spare.calls.get(), primary.calls.get(), primary.polls.get(), backup.calls.get()))
                .as("step 1 once (its stored result stands in on the way back), step 2 submitted and polled once")
                .containsExactly(1, 1, 1, 1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps =
                (List<Map<String, Object>>) task.provenance().get("steps");
        assertThat(steps.get(0)).containsEntry("cached", true);
        assertThat(steps.get(1))
                .containsEntry("provider", "backup")
                .containsEntry(
                        "fallbackFrom",
                        List.of(Map.of(
                                "provider",
                                "scripted",
                                "code",
                                "provider_auth",
                                "message",
                                "scripted poll provider_auth")))
                .doesNotContainKey(StepCache.PENDING_KEY);
        assertThat(fx.jobs.events(job.jobId()))
                .filteredOn(e -> Fallbacks.EVENT.equals(e.type()))
                .singleElement()
                .satisfies(
                        e -> assertThat(e.error().message()).startsWith("Step 2 falls back from scripted to backup"));
    }

    @Test
    void aRefusalOrABadInputNeverFallsBack() throws Exception {
        primary.faults.add(ErrorCode.PROVIDER_REFUSED);
        Job refused = submit("[\"backup\"]");
        runAll();
        assertThat(fx.jobs.allTasks(refused.jobId()).get(0).error().code()).isEqualTo(ErrorCode.PROVIDER_REFUSED);
        primary.faults.add(ErrorCode.INVALID_INPUT);
        Job invalid = submit("[\"backup\"]");
        runAll();
        assertThat(fx.jobs.allTasks(invalid.jobId()).get(0).error().code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(backup.calls.get()).isZero();
    }

    @Test
    void whenEveryFallbackFailsTooTheTaskFailsWithTheLastError() throws Exception {
        primary.faults.add(ErrorCode.PROVIDER_AUTH);
        backup.faults.add(ErrorCode.PROVIDER_UNAVAILABLE);
        spare.faults.add(ErrorCode.TIMEOUT);
        Job job = submit("[\"backup\",\"spare\"]");
        runAll();
        Task task = fx.jobs.allTasks(job.jobId()).get(0);
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.error().code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(task.error().message()).contains("every fallback provider failed too");
        assertThat(List.of(primary.calls.get(), backup.calls.get(), spare.calls.get()))
                .containsExactly(1, 1, 1);
    }

    @Test
    void anUnknownUnconfiguredOrRepeatedFallbackIsA400NamingIt() {
        String image = fx.readyImage("alice", 8, 8);
        assertThat(field("{\"operation\":\"edit\",\"provider\":\"scripted\",\"prompt\":\"p\",\"fallback\":[\"nobody\"],"
                        + "\"items\":[{\"imageId\":\"" + image + "\"}]}"))
                .isEqualTo("fallback[0]");
        assertThat(field(
                        "{\"operation\":\"edit\",\"provider\":\"scripted\",\"prompt\":\"p\",\"fallback\":[\"backup\",\"scripted\"],"
                                + "\"items\":[{\"imageId\":\"" + image + "\"}]}"))
                .isEqualTo("fallback[1]");
        assertThat(field("{\"operation\":\"edit\",\"provider\":\"scripted\",\"prompt\":\"p\",\"fallback\":\"backup\","
                        + "\"items\":[{\"imageId\":\"" + image + "\"}]}"))
                .isEqualTo("fallback");
        assertThat(field("{\"steps\":[{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2}},"
                        + "{\"operation\":\"edit\",\"provider\":\"scripted\",\"prompt\":\"p\",\"fallback\":[\"local\"]}],"
                        + "\"items\":[{\"imageId\":\"" + image + "\"}]}"))
                .as("local cannot edit")
                .isEqualTo("steps[1].fallback[0]");
        assertThat(fx.queue.sent).isEmpty();
    }

    private String field(String body) {
        InvalidRequestException problem = catchThrowableOfType(
                InvalidRequestException.class,
                () -> fx.jobService().submit("alice", Json.tree(body), Optional.empty()));
        return problem.errors().get(0).field();
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
