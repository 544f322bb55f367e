package io.atelier.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private final RetrySchedule schedule = RetrySchedule.DEFAULTS;
    private final Instant start = Instant.parse("2026-12-02T00:00:00Z");

    @Test
    void doublesFromFiveSecondsUpToTwoHoursWithAtMostTenPercentJitter() {
        for (int attempt = 1; attempt <= 30; attempt++) {
            long expected = Math.min(
                    5_000L << Math.min(attempt - 1, 30), Duration.ofHours(2).toMillis());
            Duration delay = schedule.delayAfter(attempt);
            assertThat(delay.toMillis())
                    .as("after attempt " + attempt)
                    .isBetween(
                            expected,
                            Math.min(expected * 11 / 10, Duration.ofHours(2).toMillis()));
        }
    }

    @Test
    void retriesForTwentyFourHoursThenGivesUp() {
        Instant now = start;
        int attempts = 0;
        Optional<Instant> next;
        while ((next = schedule.next(start, now, ++attempts, Optional.empty())).isPresent()) now = next.get();
        assertThat(Duration.between(start, now))
                .isGreaterThan(Duration.ofHours(22))
                .isLessThanOrEqualTo(Duration.ofHours(24));
        assertThat(attempts).isBetween(15, 30);
    }

    @Test
    void honoursRetryAfterWithinTheBounds() {
        assertThat(schedule.next(start, start, 1, Optional.of(Duration.ofMinutes(10))))
                .contains(start.plus(Duration.ofMinutes(10)));
        assertThat(schedule.next(start, start, 1, Optional.of(Duration.ofDays(3))))
                .contains(start.plus(Duration.ofHours(2)));
        assertThat(schedule.next(start, start.plus(Duration.ofHours(23)), 1, Optional.of(Duration.ofHours(2))))
                .isEmpty();
    }

    @Test
    void aShortScheduleForTests() {
        RetrySchedule quick = new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(1));
        assertThat(quick.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(quick.delayAfter(20)).isEqualTo(Duration.ofSeconds(1));
    }
}
