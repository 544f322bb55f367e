package io.atelier.store;

import io.atelier.model.TaskStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What one transition does to a task, decided by {@link TaskLifecycle} and applied as it is by every store: the
 * DynamoDB adapter turns it into an update expression, the in-memory store into a new task record.
 *
 * @param set        fields given a new value (never null values)
 * @param cleared    fields removed; never also in {@code set}
 * @param attempt    the new attempt, or null to keep it
 * @param runsDelta  +1 for a counted run, -1 for a refunded one
 * @param sweepAt    when the task becomes overdue for the sweeper, or null once it is finished (out of the index)
 */
public record TaskChange(
        TaskStatus status,
        Integer attempt,
        int runsDelta,
        Map<TaskField, Object> set,
        Set<TaskField> cleared,
        Instant sweepAt) {
    public TaskChange {
        set = Map.copyOf(set);
        cleared = Set.copyOf(cleared);
    }
}
