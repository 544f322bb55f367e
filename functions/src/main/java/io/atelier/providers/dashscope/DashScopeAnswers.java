package io.atelier.providers.dashscope;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.json.Json;
import io.atelier.model.ErrorCode;
import io.atelier.providers.ProviderException;
import io.atelier.providers.http.Failures;
import io.atelier.providers.http.HttpAnswer;
import io.atelier.providers.http.RetryHints;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Reads DashScope's answers and turns its error codes into Atelier's task errors. */
final class DashScopeAnswers {
    static final String NAME = "DashScope";

    private DashScopeAnswers() {}

    /** A 2xx body as JSON; anything unparsable is a malformed answer. */
    static JsonNode json(HttpAnswer answer) throws ProviderException {
        return answer.jsonObject(NAME);
    }

    /** A non-2xx answer: {@code {"code","message","request_id"}}; the code decides before the status does. */
    static ProviderException failure(HttpAnswer answer, String key) {
        Duration hint = RetryHints.fromHeaders(answer.headers(), Instant.now());
        JsonNode body = answer.jsonOrMissing();
        String code = body.path("code").asText("");
        String message = body.path("message").asText("");
        String requestId = body.path("request_id").asText("");
        return classify(answer.status(), code, message, requestId, hint, key);
    }

    /**
     * A task that ended FAILED (or a result entry that failed): same codes, no HTTP status. Unknown codes are the
     * request's fault; a failure without any code is the provider's.
     */
    static ProviderException taskFailure(String code, String message, String taskId, String key) {
        if (code == null || code.isBlank())
            return new ProviderException(
                    ErrorCode.PROVIDER_UNAVAILABLE,
                    NAME + " task " + taskId + " failed without saying why"
                            + (message == null || message.isBlank()
                                    ? "."
                                    : ": " + Failures.clean(scrub(message, key))));
        return classify(400, code, message, taskId, null, key);
    }

    static ProviderException classify(
            int status, String code, String message, String requestId, Duration hint, String key) {
        String detail = detail(code, message, requestId, key);
        if (code.startsWith("DataInspection") || code.equals("IPInfringementSuspect"))
            return Failures.refused(NAME, detail);
        if (code.equals("InvalidApiKey")) return Failures.auth(NAME, detail);
        if (code.startsWith("Throttling"))
            return new ProviderException(
                    ErrorCode.PROVIDER_THROTTLED, NAME + " is rate limiting requests: " + detail, hint);
        if (code.startsWith("InternalError"))
            return new ProviderException(
                    ErrorCode.PROVIDER_UNAVAILABLE, NAME + " had an internal error: " + detail, hint);
        return Failures.forStatus(NAME, status, hint, detail);
    }

    static Map<String, Object> usage(JsonNode body) {
        return Json.map(body.path("usage"));
    }

    private static String detail(String code, String message, String requestId, String key) {
        StringBuilder out = new StringBuilder();
        if (!code.isBlank()) out.append(code);
        if (message != null && !message.isBlank())
            out.append(out.isEmpty() ? "" : ": ").append(scrub(message, key));
        if (requestId != null && !requestId.isBlank())
            out.append(" (request ").append(requestId).append(')');
        return Failures.clean(out.toString());
    }

    /** Removes the configured key should the provider echo it; Failures.clean catches the usual key shapes too. */
    static String scrub(String text, String key) {
        return key == null || key.isEmpty() || text == null ? text : text.replace(key, "[redacted]");
    }
}
