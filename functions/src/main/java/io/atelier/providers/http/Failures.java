package io.atelier.providers.http;

import io.atelier.model.ErrorCode;
import io.atelier.providers.ProviderException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Turns a provider's HTTP failure into one of API.md's task error codes, with a message a person can act on. The
 * provider's own words are kept, shortened, and scrubbed of anything that looks like a key.
 */
public final class Failures {
    private static final int MAX_DETAIL = 300;
    /** OpenAI/DashScope/Stability "sk-…", Google "AIza…", and long bearer-like tokens some errors echo back. */
    private static final Pattern KEY_LIKE =
            Pattern.compile("(sk-[A-Za-z0-9_*.-]{6,}|AIza[0-9A-Za-z_-]{10,}|Bearer\\s+\\S+)");

    private Failures() {}

    /** Classifies by status: 429 throttled; 408 and 5xx unavailable; 401/403 auth; other 4xx invalid request. */
    public static ProviderException forStatus(String provider, int status, Duration retryHint, String detail) {
        String said = detail == null || detail.isBlank() ? "" : ": " + clean(detail);
        if (status == 429)
            return new ProviderException(
                    ErrorCode.PROVIDER_THROTTLED, provider + " is rate limiting requests (HTTP 429)" + said, retryHint);
        if (status == 408 || status >= 500)
            return new ProviderException(
                    ErrorCode.PROVIDER_UNAVAILABLE,
                    provider + " is unavailable (HTTP " + status + ")" + said,
                    retryHint);
        if (status == 401 || status == 403) return auth(provider, "HTTP " + status + said);
        return new ProviderException(
                ErrorCode.PROVIDER_INVALID_REQUEST, provider + " rejected the request (HTTP " + status + ")" + said);
    }

    public static ProviderException auth(String provider, String detail) {
        return new ProviderException(
                ErrorCode.PROVIDER_AUTH,
                provider + " did not accept Atelier's credentials (" + clean(detail)
                        + "). Check the configured API key.");
    }

    public static ProviderException refused(String provider, String detail) {
        return new ProviderException(
                ErrorCode.PROVIDER_REFUSED,
                provider + " refused this request under its content policy"
                        + (detail == null || detail.isBlank() ? "." : ": " + clean(detail)));
    }

    /** A 2xx answer we cannot use: cut short, not the documented shape, or no image where one was promised. */
    public static ProviderException malformed(String provider, String what) {
        return new ProviderException(
                ErrorCode.PROVIDER_UNAVAILABLE, provider + " sent an answer Atelier could not use: " + what + ".");
    }

    /** Shortened, single-line, and without anything that looks like a credential. */
    public static String clean(String text) {
        String oneLine = KEY_LIKE.matcher(text)
                .replaceAll("[redacted]")
                .replaceAll("\\s+", " ")
                .trim();
        return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL) + "…";
    }
}
