package io.atelier.core;

import java.time.Duration;

/**
 * The worker's SQS delays. {@code maxDelay} caps every delay it asks SQS for (backoff, polls, slot waits; SQS allows
 * 15 minutes, tests use seconds); {@code slotWait} is the base of the jittered delay of a task that found no free
 * provider slot; {@code pollGrace} how late a WAITING task's poll may be before the sweeper re-sends its message.
 */
public record Delays(Duration maxDelay, Duration slotWait, Duration pollGrace) {
    /** The longest delay SQS accepts on a message (DelaySeconds 900). */
    public static final Duration SQS_MAX_DELAY = Duration.ofMinutes(15);
    public static final Delays DEFAULTS = new Delays(SQS_MAX_DELAY, Duration.ofSeconds(3), Duration.ofMinutes(5));

    public Delays {
        if (maxDelay.compareTo(SQS_MAX_DELAY) > 0) maxDelay = SQS_MAX_DELAY;
    }

    public Duration cap(Duration delay) {
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
