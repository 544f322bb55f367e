package io.atelier.providers.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.Headers;

/** The providers' ways of saying when to come back. */
public final class RetryHints {
    private static final Duration LONGEST = Duration.ofHours(1);

    private RetryHints() {}

    /** {@code retry-after-ms} (OpenAI), else {@code Retry-After} in seconds or as an HTTP date; null if none. */
    public static Duration fromHeaders(Headers headers, Instant now) {
        String millis = headers.get("retry-after-ms");
        if (millis != null) {
            try {
                return bounded(Duration.ofMillis((long) Double.parseDouble(millis.trim())));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        String value = headers.get("Retry-After");
        if (value == null) return null;
        try {
            return bounded(Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return bounded(Duration.between(now, at));
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** A protobuf JSON duration such as {@code "12s"} or {@code "1.500s"} (Gemini's {@code RetryInfo.retryDelay}). */
    public static Duration fromProtoDuration(String value) {
        if (value == null || !value.endsWith("s")) return null;
        try {
            return bounded(Duration.ofMillis(
                    (long) (Double.parseDouble(value.substring(0, value.length() - 1)) * 1000)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration bounded(Duration hint) {
        if (hint.isNegative()) return Duration.ZERO;
        return hint.compareTo(LONGEST) > 0 ? LONGEST : hint;
    }
}
