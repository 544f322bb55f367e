package io.atelier.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: {@code base × 2^(n-1)} after the n-th failed attempt, at most {@code max}, for as
 * long as the retry window lasts (24 hours by default). A receiver's {@code Retry-After} is honoured within the same
 * bounds.
 */
public record RetrySchedule(Duration base, Duration max, Duration window) {
    public static final RetrySchedule DEFAULTS =
            new RetrySchedule(Duration.ofSeconds(5), Duration.ofHours(2), Duration.ofHours(24));

    /** The delay before the next attempt after {@code attempts} failed ones. */
    public Duration delayAfter(int attempts) {
        long baseMillis = base.toMillis();
        long exponential = attempts >= 40 ? Long.MAX_VALUE : baseMillis << Math.max(0, attempts - 1);
        if (exponential < 0 || attempts > 1 && exponential >> (attempts - 1) != baseMillis)
            exponential = Long.MAX_VALUE;
        long capped = Math.min(exponential, max.toMillis());
        long jitter = capped >= 10 ? ThreadLocalRandom.current().nextLong(capped / 10 + 1) : 0; // up to 10 % more
        return Duration.ofMillis(Math.min(capped + jitter, max.toMillis()));
    }

    /** When to try next, or empty when the window (from {@code retryFrom}) is over by then. */
    public Optional<Instant> next(Instant retryFrom, Instant now, int attempts, Optional<Duration> retryAfter) {
        Duration delay = retryAfter
                .filter(wanted -> !wanted.isNegative())
                .map(wanted -> wanted.compareTo(max) > 0 ? max : wanted)
                .map(wanted -> wanted.compareTo(delayAfter(attempts)) > 0 ? wanted : delayAfter(attempts))
                .orElseGet(() -> delayAfter(attempts));
        Instant at = now.plus(delay);
        return at.isAfter(retryFrom.plus(window)) ? Optional.empty() : Optional.of(at);
    }
}
