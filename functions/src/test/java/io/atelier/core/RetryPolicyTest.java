package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.model.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {
    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");
    /** Three attempts, two hours of throttling. */
    private static final Limits LIMITS = new Limits(
            500,
            50L << 20,
            500,
            Duration.ofMinutes(15),
            Duration.ofHours(1),
            Duration.ofHours(24),
            3,
            Duration.ofDays(30),
            Duration.ofMinutes(120));

    private static final RetryPolicy.Jitter HIGHEST = (min, max) -> max;
    private static final RetryPolicy.Jitter LOWEST = (min, max) -> min;

    private static RetryPolicy policy(RetryPolicy.Jitter jitter) {
        return new RetryPolicy(LIMITS, Delays.DEFAULTS, jitter);
    }

    /**
     * runs = runs used up before this one (attempts left after it: 3 - runs - 1); minutes = time since the first start
     * (the throttle budget is 120); hint = the provider's Retry-After in seconds; delay = with the highest jitter.
     */
    @ParameterizedTest(name = "{0} transient={1} runs={2} minutes={3} hint={4} -> {5}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                // code                 | transient | runs | minutes | hint | decision | usesAttempt | delay
                "PROVIDER_UNAVAILABLE    | true      | 0    | 1       | -    | RETRY    | true        | 4",
                "PROVIDER_UNAVAILABLE    | true      | 1    | 1       | -    | RETRY    | true        | 8",
                "PROVIDER_UNAVAILABLE    | true      | 2    | 1       | -    | FAIL     | -           | -",
                "PROVIDER_UNAVAILABLE    | true      | 0    | 1       | 5    | RETRY    | true        | 6",
                "PROVIDER_UNAVAILABLE    | true      | 0    | 1       | 2000 | RETRY    | true        | 900",
                "PROVIDER_UNAVAILABLE    | true      | 0    | 500     | -    | RETRY    | true        | 4",
                "TIMEOUT                 | true      | 0    | 1       | 30   | RETRY    | true        | 31",
                "TIMEOUT                 | true      | 2    | 1       | 30   | FAIL     | -           | -",
                "PROVIDER_THROTTLED      | true      | 0    | 1       | -    | RETRY    | false       | 4",
                "PROVIDER_THROTTLED      | true      | 2    | 1       | -    | RETRY    | false       | 16",
                "PROVIDER_THROTTLED      | true      | 9    | 119     | -    | RETRY    | false       | 512",
                "PROVIDER_THROTTLED      | true      | 0    | 119     | 60   | RETRY    | false       | 61",
                "PROVIDER_THROTTLED      | true      | 0    | 1       | 2000 | RETRY    | false       | 900",
                "PROVIDER_THROTTLED      | true      | 0    | 120     | -    | FAIL     | -           | -",
                "PROVIDER_THROTTLED      | true      | 0    | 300     | 5    | FAIL     | -           | -",
                "INTERNAL                | true      | 0    | 1       | -    | RETRY    | true        | 4",
                "INTERNAL                | true      | 2    | 1       | -    | FAIL     | -           | -",
                "INTERNAL                | false     | 0    | 1       | -    | FAIL     | -           | -",
                "INVALID_INPUT           | false     | 0    | 1       | -    | FAIL     | -           | -",
                "PROVIDER_REFUSED        | false     | 0    | 1       | 5    | FAIL     | -           | -",
                "PROVIDER_AUTH           | false     | 0    | 1       | -    | FAIL     | -           | -",
                "PROVIDER_INVALID_REQUEST| false     | 0    | 1       | -    | FAIL     | -           | -",
                "EXHAUSTED               | false     | 0    | 1       | -    | FAIL     | -           | -"
            })
    void decidesEachFailure(
            ErrorCode code,
            boolean transientFault,
            int runs,
            int minutes,
            Long hint,
            String decision,
            Boolean usesAttempt,
            Long delay) {
        RetryPolicy.Decision result = policy(HIGHEST)
                .afterFailure(
                        code,
                        transientFault,
                        runs,
                        STARTED,
                        STARTED.plus(Duration.ofMinutes(minutes)),
                        hint == null ? null : Duration.ofSeconds(hint),
                        "Busy.");
        if (decision.equals("FAIL")) {
            assertThat(result).isInstanceOf(RetryPolicy.Fail.class);
            return;
        }
        assertThat(result).isInstanceOfSatisfying(RetryPolicy.Retry.class, retry -> {
            assertThat(retry.usesAttempt()).isEqualTo(usesAttempt);
            assertThat(retry.delay()).isEqualTo(Duration.ofSeconds(delay));
            // Throttling uses no try, so its reason is the provider's words; a counted try says which it was.
            assertThat(retry.reason()).isEqualTo(usesAttempt ? "Busy (try " + (runs + 1) + " of 3)." : "Busy.");
        });
    }

    @Test
    void theBackoffIsJitteredDownToHalfItsBase() {
        assertThat(policy(LOWEST).backoff(1, null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy(LOWEST).backoff(3, null)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy(LOWEST).backoff(3, Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(21));
    }

    @Test
    void everyDelayIsCappedByTheConfiguredMaximum() {
        RetryPolicy fast = new RetryPolicy(
                LIMITS, new Delays(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofMinutes(5)), HIGHEST);
        assertThat(fast.afterFailure(ErrorCode.PROVIDER_UNAVAILABLE, true, 1, STARTED, STARTED, null, "x"))
                .isEqualTo(new RetryPolicy.Retry(Duration.ofSeconds(1), true, "x (try 2 of 3)."));
        assertThat(fast.slotWait()).isEqualTo(Duration.ofSeconds(1));
        assertThat(fast.pollDelay(Duration.ofMinutes(3))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void slotWaitsAndPollsHaveTheirOwnBounds() {
        assertThat(policy(LOWEST).slotWait()).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy(HIGHEST).slotWait()).isEqualTo(Duration.ofSeconds(6));
        assertThat(policy(HIGHEST).pollDelay(null)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy(HIGHEST).pollDelay(Duration.ofSeconds(-1))).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy(HIGHEST).pollDelay(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(15));
        assertThat(policy(HIGHEST).pollBackoff(0, null)).isEqualTo(Duration.ofSeconds(4));
    }
}
