package io.atelier.core;

import io.atelier.model.ErrorCode;
import io.atelier.store.TaskQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Whether a failed run comes back, and when: a pure function of the failure, the task's runs, its throttle budget and
 * the provider's hint (the jitter is given, so tests fix it). Transient faults go back to the queue with backoff
 * (never a sleep in the Lambda) until attempts run out. Throttling is the provider saying "not now" before doing any
 * work, so it does not use up an attempt; it has its own bound, {@link Limits#throttleBudget()} from the first start.
 */
public final class RetryPolicy {
    /** A number from {@code min} to {@code max}, both included. */
    public interface Jitter {
        long between(long min, long max);
    }

    public static final Jitter RANDOM =
            (min, max) -> ThreadLocalRandom.current().nextLong(min, max + 1);
    private static final Duration DEFAULT_POLL = Duration.ofSeconds(5);

    /** What a failed run leads to. */
    public sealed interface Decision {}

    /** Back to the queue after {@code delay}; {@code usesAttempt} false for throttling; {@code reason} for the log. */
    public record Retry(Duration delay, boolean usesAttempt, String reason) implements Decision {}

    /** The task fails for good. */
    public record Fail() implements Decision {}

    private final Limits limits;
    private final Delays delays;
    private final Jitter jitter;

    public RetryPolicy(Limits limits, Delays delays, Jitter jitter) {
        this.limits = limits;
        this.delays = delays;
        this.jitter = jitter;
    }

    /**
     * @param transientFault whether the failure is worth another try (usually {@code code.transientFault()})
     * @param runsBefore     the runs the task used up before this one
     * @param hint           the provider's Retry-After, or null
     */
    public Decision afterFailure(
            ErrorCode code,
            boolean transientFault,
            int runsBefore,
            Instant startedAt,
            Instant now,
            Duration hint,
            String message) {
        int thisRun = runsBefore + 1;
        if (code == ErrorCode.PROVIDER_THROTTLED) {
            return now.isBefore(startedAt.plus(limits.throttleBudget()))
                    ? new Retry(delays.cap(backoff(thisRun, hint)), false, message)
                    : new Fail();
        }
        if (transientFault && thisRun < limits.maxAttempts())
            return new Retry(delays.cap(backoff(thisRun, hint)), true, withTry(message, thisRun));
        return new Fail();
    }

    /** Exponential backoff with full jitter, never shorter than the provider's own hint, capped at the queue's limit. */
    Duration backoff(int run, Duration hint) {
        long max = TaskQueue.MAX_DELAY.toSeconds();
        long base = Math.min(max, 2L << Math.min(run, 8));
        long jittered = jitter.between(base / 2, base);
        long seconds = Math.max(jittered, hint == null ? 0 : hint.toSeconds() + 1);
        return Duration.ofSeconds(Math.min(seconds, max));
    }

    /** When to look again at a provider's work after a hiccup while looking ({@code polls} so far). */
    public Duration pollBackoff(int polls, Duration hint) {
        return pollDelay(backoff(polls + 1, hint));
    }

    /** The provider's own "look again after", or 5 s when it gave none; capped. */
    public Duration pollDelay(Duration asked) {
        return delays.cap(asked == null || asked.isNegative() ? DEFAULT_POLL : asked);
    }

    /** A short jittered delay for a task that found its provider's slots all taken: between 1 s and 2 × slotWait. */
    public Duration slotWait() {
        long base = Math.max(1, delays.slotWait().toMillis());
        return delays.cap(Duration.ofMillis(jitter.between(Math.min(1000, base), 2 * base)));
    }

    /** How long a WAITING task's poll may be late before the sweeper re-sends it. */
    public Duration pollGrace() {
        return delays.pollGrace();
    }

    /** "The provider could not be reached (try 1 of 3)." */
    private String withTry(String message, int tryNumber) {
        String sentence = message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
        return sentence + " (try " + tryNumber + " of " + limits.maxAttempts() + ").";
    }
}
