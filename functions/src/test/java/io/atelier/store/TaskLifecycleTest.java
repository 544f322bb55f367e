package io.atelier.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.model.Counts;
import io.atelier.model.ErrorCode;
import io.atelier.model.PendingWork;
import io.atelier.model.TaskOutput;
import io.atelier.model.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The transition rules as a table: each row a transition, what it sets, what it clears and where the sweeper stands. */
class TaskLifecycleTest {
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration STALE = Duration.ofMinutes(20);
    private static final Instant LEASE = AT.plusSeconds(120);
    private static final PendingWork PENDING = new PendingWork(0, "h", AT.toEpochMilli(), 0, Map.of(), List.of());
    private static final TaskOutput OUTPUT = new TaskOutput("results/k.png", "image/png", 2, 2, 9, null);
    private static final Set<TaskField> NEW_ATTEMPT = Set.of(
            TaskField.OUTPUT,
            TaskField.ERROR,
            TaskField.FINISHED_AT,
            TaskField.DURATION_MS,
            TaskField.LEASE_UNTIL,
            TaskField.PROVENANCE,
            TaskField.PENDING,
            TaskField.COST);

    static Stream<Arguments> rules() {
        return Stream.of(
                row(
                        "claim",
                        t(TaskStatus.QUEUED, TaskStatus.RUNNING)
                                .countRun()
                                .lease(LEASE)
                                .started(AT),
                        Set.of(TaskField.LEASE_UNTIL, TaskField.STARTED_AT),
                        Set.of(),
                        1,
                        LEASE),
                row(
                        "park for an asynchronous provider",
                        t(TaskStatus.RUNNING, TaskStatus.WAITING)
                                .pending(PENDING)
                                .lease(LEASE),
                        Set.of(TaskField.PENDING, TaskField.LEASE_UNTIL),
                        Set.of(),
                        0,
                        LEASE),
                row(
                        "poll again",
                        t(TaskStatus.WAITING, TaskStatus.RUNNING).lease(LEASE),
                        Set.of(TaskField.LEASE_UNTIL),
                        Set.of(),
                        0,
                        LEASE),
                row(
                        "throttled back to the queue",
                        t(TaskStatus.RUNNING, TaskStatus.QUEUED)
                                .refundRun()
                                .error(ErrorCode.PROVIDER_THROTTLED, "later", true)
                                .lease(LEASE),
                        Set.of(TaskField.ERROR, TaskField.LEASE_UNTIL),
                        Set.of(TaskField.PENDING),
                        -1,
                        AT.plus(STALE)),
                row(
                        "succeed",
                        t(TaskStatus.RUNNING, TaskStatus.SUCCEEDED)
                                .output(OUTPUT)
                                .finished(AT, 5L),
                        Set.of(TaskField.OUTPUT, TaskField.FINISHED_AT, TaskField.DURATION_MS),
                        Set.of(TaskField.PENDING, TaskField.ERROR),
                        0,
                        null),
                row(
                        "fail",
                        t(TaskStatus.RUNNING, TaskStatus.FAILED)
                                .error(ErrorCode.INTERNAL, "bug", false)
                                .finished(AT, 5L),
                        Set.of(TaskField.ERROR, TaskField.FINISHED_AT, TaskField.DURATION_MS),
                        Set.of(TaskField.PENDING),
                        0,
                        null),
                row(
                        "cancel while waiting",
                        t(TaskStatus.WAITING, TaskStatus.CANCELED).finished(AT, 1L),
                        Set.of(TaskField.FINISHED_AT, TaskField.DURATION_MS),
                        Set.of(TaskField.PENDING),
                        0,
                        null),
                row(
                        "retry as a new attempt",
                        t(TaskStatus.FAILED, TaskStatus.QUEUED).newAttempt(2).resetResult(),
                        Set.of(),
                        NEW_ATTEMPT,
                        0,
                        AT.plus(STALE)),
                row(
                        "a sweeper's lease takeover keeps the state",
                        t(TaskStatus.RUNNING, TaskStatus.RUNNING).lease(LEASE),
                        Set.of(TaskField.LEASE_UNTIL),
                        Set.of(),
                        0,
                        LEASE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachTransitionSetsClearsAndSchedulesAsTheRulesSay(
            String name,
            TaskTransition transition,
            Set<TaskField> set,
            Set<TaskField> cleared,
            int runs,
            Instant sweepAt) {
        TaskChange change = TaskLifecycle.change(transition, STALE);
        assertThat(change.set().keySet()).isEqualTo(set);
        assertThat(change.cleared()).isEqualTo(cleared);
        assertThat(change.runsDelta()).isEqualTo(runs);
        assertThat(change.sweepAt()).isEqualTo(sweepAt);
        assertThat(change.status()).isEqualTo(transition.to());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void countsAlwaysSumToTheTotal(
            String name,
            TaskTransition transition,
            Set<TaskField> set,
            Set<TaskField> cleared,
            int runs,
            Instant sweepAt) {
        Counts before = new Counts(10, 2, 2, 2, 2, 1, 1);
        Counts after = TaskLifecycle.count(before, transition);
        int sum = 0;
        for (TaskStatus status : TaskStatus.values()) sum += after.of(status);
        assertThat(sum).isEqualTo(10);
        assertThat(after.of(transition.to()) - before.of(transition.to()))
                .isEqualTo(transition.from() == transition.to() ? 0 : 1);
    }

    private static TaskTransition.Builder t(TaskStatus from, TaskStatus to) {
        return TaskTransition.of("o", "job_1", "tsk_1", from, 1, to, AT);
    }

    private static Arguments row(
            String name,
            TaskTransition.Builder transition,
            Set<TaskField> set,
            Set<TaskField> cleared,
            int runs,
            Instant sweepAt) {
        return Arguments.of(name, transition.build(), set, cleared, runs, sweepAt);
    }
}
