package io.atelier.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.model.ErrorCode;
import io.atelier.providers.ProviderException;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class RetryHintsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T20:00:00Z");

    @Test
    void readsMillisecondsSecondsAndDates() {
        assertThat(RetryHints.fromHeaders(Headers.of("retry-after-ms", "1500", "retry-after", "9"), NOW))
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(RetryHints.fromHeaders(Headers.of("Retry-After", "12"), NOW)).isEqualTo(Duration.ofSeconds(12));
        assertThat(RetryHints.fromHeaders(Headers.of("Retry-After", "Sun, 22 Nov 2026 20:00:30 GMT"), NOW))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryHints.fromHeaders(Headers.of("Retry-After", "soon"), NOW))
                .isNull();
        assertThat(RetryHints.fromHeaders(Headers.of(), NOW)).isNull();
    }

    @Test
    void readsProtobufDurationsAndBoundsWildHints() {
        assertThat(RetryHints.fromProtoDuration("12s")).isEqualTo(Duration.ofSeconds(12));
        assertThat(RetryHints.fromProtoDuration("1.500s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(RetryHints.fromProtoDuration("12")).isNull();
        assertThat(RetryHints.fromHeaders(Headers.of("Retry-After", "999999"), NOW))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void statusesMapToTheTaskErrorCodes() {
        assertThat(Failures.forStatus("p", 429, Duration.ofSeconds(3), "slow down")
                        .code())
                .isEqualTo(ErrorCode.PROVIDER_THROTTLED);
        assertThat(Failures.forStatus("p", 429, Duration.ofSeconds(3), "slow down")
                        .retryAfter())
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(Failures.forStatus("p", 503, null, null).code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(Failures.forStatus("p", 408, null, null).code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(Failures.forStatus("p", 401, null, null).code()).isEqualTo(ErrorCode.PROVIDER_AUTH);
        assertThat(Failures.forStatus("p", 403, null, null).code()).isEqualTo(ErrorCode.PROVIDER_AUTH);
        assertThat(Failures.forStatus("p", 422, null, "bad size").code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST);
    }

    @Test
    void providerWordsAreKeptButAnythingKeyLikeIsScrubbed() {
        ProviderException e = Failures.forStatus(
                "openai",
                401,
                null,
                "Incorrect API key provided: sk-FAKE-echoed. Also AIzaFAKE-echoed-key and Bearer tok.en");
        assertThat(e.getMessage())
                .contains("Incorrect API key provided")
                .doesNotContain("sk-FAKE-echoed")
                .doesNotContain("AIzaFAKE-echoed-key")
                .doesNotContain("tok.en");
        assertThat(Failures.clean("x".repeat(1000))).hasSizeLessThan(400);
    }
}
