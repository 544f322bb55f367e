package io.atelier.providers.ark;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.providers.ProviderException;
import io.atelier.providers.http.Failures;
import io.atelier.providers.http.HttpAnswer;
import io.atelier.providers.http.RetryHints;
import java.time.Duration;
import java.time.Instant;

/** Reads Ark's answers and turns {@code {"error":{"code","message","type"}}} into Atelier's task errors. */
final class ArkAnswers {
    static final String NAME = "Ark";

    private ArkAnswers() {}

    static JsonNode json(HttpAnswer answer) throws ProviderException {
        return answer.jsonObject(NAME);
    }

    static ProviderException failure(HttpAnswer answer, String key) {
        Duration hint = RetryHints.fromHeaders(answer.headers(), Instant.now());
        JsonNode error = answer.jsonOrMissing().path("error"); // not JSON: the status alone decides
        String code = error.path("code").asText("");
        String message = error.path("message").asText("");
        return classify(answer.status(), code, message, answer.header("x-request-id"), hint, key);
    }

    /** Codes first (a moderation 400 is a refusal, not a bad request), then the status: 429 throttled, 408/5xx unavailable. */
    static ProviderException classify(
            int status, String code, String message, String requestId, Duration hint, String key) {
        String detail = detail(code, message, requestId, key);
        if (code.endsWith("SensitiveContentDetected") || code.contains("SensitiveContent"))
            return Failures.refused(NAME, detail);
        if (code.equals("AuthenticationError") || status == 401) return Failures.auth(NAME, detail);
        return Failures.forStatus(NAME, status, hint, detail);
    }

    private static String detail(String code, String message, String requestId, String key) {
        StringBuilder out = new StringBuilder();
        if (!code.isBlank()) out.append(code);
        if (!message.isBlank()) out.append(out.isEmpty() ? "" : ": ").append(scrub(message, key));
        if (requestId != null && !requestId.isBlank())
            out.append(" (request ").append(requestId).append(')');
        return Failures.clean(out.toString());
    }

    /** Ark keys are not "sk-…"-shaped, so Failures.clean would not spot an echoed one: remove it by value. */
    static String scrub(String text, String key) {
        return key == null || key.isEmpty() || text == null ? text : text.replace(key, "[redacted]");
    }
}
