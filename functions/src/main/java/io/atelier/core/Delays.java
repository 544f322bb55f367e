package io.atelier.core;

import io.atelier.store.TaskQueue;
import java.time.Duration;

/**
 * The worker's SQS delays. {@code maxDelay} caps every delay it asks SQS for (backoff, polls, slot waits; SQS allows
 * 15 minutes, tests use seconds); {@code slotWait} is the base of the jittered delay of a task that found no free
 * provider slot; {@code pollGrace} how late a WAITING task's poll may be before the sweeper re-sends its message.
 */
public record Delays(Duration maxDelay, Duration slotWait, Duration pollGrace) {
    public static final Delays DEFAULTS = new Delays(TaskQueue.MAX_DELAY, Duration.ofSeconds(3), Duration.ofMinutes(5));

    public Delays {
        if (maxDelay.compareTo(TaskQueue.MAX_DELAY) > 0) maxDelay = TaskQueue.MAX_DELAY;
    }

    public Duration cap(Duration delay) {
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
