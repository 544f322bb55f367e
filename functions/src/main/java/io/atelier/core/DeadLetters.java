package io.atelier.core;

import io.atelier.model.ErrorCode;
import io.atelier.model.Task;
import io.atelier.model.TaskMessage;
import io.atelier.model.TaskStatus;
import io.atelier.store.JobStore;
import io.atelier.store.TaskTransition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Ends the task of a message SQS gave up on: FAILED with {@code exhausted}, so no job waits forever. */
public final class DeadLetters {
    private static final int MAX_RACES = 3;
    private final JobStore jobs;
    private final Clock clock;

    public DeadLetters(JobStore jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    public void exhausted(TaskMessage message, int deliveries) {
        for (int race = 0; race < MAX_RACES; race++) {
            Optional<Task> found = jobs.findTask(message.jobId(), message.taskId());
            if (found.isEmpty()) return;
            Task task = found.get();
            if (task.status().terminal()
                    || task.attempt() != message.attempt()
                    || !task.owner().equals(message.owner())) return;
            Instant now = clock.instant();
            Long duration = task.startedAt() == null
                    ? null
                    : Duration.between(task.startedAt(), now).toMillis();
            boolean moved = jobs.transition(TaskTransition.of(task, TaskStatus.FAILED, now)
                    .finished(now, duration)
                    .lease(now)
                    .error(
                            ErrorCode.EXHAUSTED,
                            "Gave up after " + deliveries + " deliveries that could not finish the task.",
                            true)
                    .build());
            if (moved) return;
        }
    }
}
