package io.atelier.providers.stability;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.model.ErrorCode;
import io.atelier.providers.ProviderException;
import io.atelier.providers.ProviderResult;
import io.atelier.providers.ResultImages;
import io.atelier.providers.http.Failures;
import io.atelier.providers.http.HttpAnswer;
import io.atelier.providers.http.RetryHints;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads Stability's answers: images with their {@code finish-reason}/{@code seed} headers, and its error bodies. */
final class StabilityAnswers {
    static final String NAME = "Stability";
    /** After a 429 Stability locks the key out for 60 s; it does not document a Retry-After header. */
    static final Duration LOCKOUT = Duration.ofSeconds(60);

    private StabilityAnswers() {}

    /**
     * A 200 with the image: raw bytes (we ask {@code Accept: image/*}), or the JSON form {@code {"image","finish_reason",
     * "seed"}} should something between us and Stability turn it into that.
     */
    static ProviderResult image(HttpAnswer answer, StabilityEndpoint endpoint, Map<String, Object> provenance)
            throws ProviderException {
        String contentType = answer.header("Content-Type");
        String finishReason = answer.header("finish-reason");
        String seed = answer.header("seed");
        String base64 = null;
        if (contentType != null && contentType.toLowerCase().startsWith("application/json")) {
            JsonNode body = json(answer);
            base64 = body.path("image").asText(null);
            finishReason = body.path("finish_reason").asText(finishReason);
            if (body.hasNonNull("seed")) seed = body.get("seed").asText();
        }
        Map<String, Object> out = new LinkedHashMap<>(provenance);
        String requestId = requestId(answer);
        if (requestId != null) out.putIfAbsent("requestId", requestId);
        out.put("model", endpoint.model);
        if (seed != null && !seed.isBlank()) {
            try {
                out.put("seed", Long.parseLong(seed.trim()));
            } catch (NumberFormatException e) {
                out.put("seed", seed.trim());
            }
        }
        if (finishReason != null) out.put("finishReason", finishReason);
        if ("CONTENT_FILTERED".equalsIgnoreCase(finishReason))
            throw Failures.refused(NAME, "the result was filtered (finish-reason CONTENT_FILTERED)");
        if (base64 != null) return ResultImages.fromBase64(NAME, base64, endpoint.model, out);
        if (answer.body().length == 0) throw Failures.malformed(NAME, "an empty body where the image should be");
        return ResultImages.fromBytes(NAME, answer.body(), endpoint.model, out);
    }

    /** The creative upscaler's 200 {@code {"id":"…"}}. */
    static String generationId(HttpAnswer answer) throws ProviderException {
        String id = json(answer).path("id").asText("");
        if (id.isBlank()) throw Failures.malformed(NAME, "no generation id in its answer");
        return id;
    }

    /** Stability's own classes first (403 content_moderation is a refusal, 402 an account without credits), then by status. */
    static ProviderException failure(HttpAnswer answer) {
        String name = "";
        String id = requestId(answer);
        List<String> errors = new ArrayList<>();
        JsonNode body = answer.jsonOrMissing(); // a proxy's HTML page or nothing: classified by status alone
        if (body.isObject()) {
            name = body.path("name").asText("");
            if (body.hasNonNull("id")) id = body.get("id").asText();
            body.path("errors").forEach(e -> errors.add(e.asText()));
            if (errors.isEmpty() && body.hasNonNull("message"))
                errors.add(body.get("message").asText());
        }
        String detail = String.join("; ", errors) + (id == null || id.isBlank() ? "" : " (request id " + id + ")");
        int status = answer.status();
        if (status == 403
                && ("content_moderation".equals(name) || detail.toLowerCase().contains("moderation")))
            return Failures.refused(NAME, detail);
        if (status == 402)
            // Not the job's fault and not worth retrying: the operator has to top up the account, like fixing a key.
            return new ProviderException(
                    ErrorCode.PROVIDER_AUTH,
                    NAME + " refused to bill the account (HTTP 402 payment_required"
                            + (detail.isBlank() ? "" : ": " + Failures.clean(detail))
                            + "). Add credits to the Stability account.");
        Duration hint = null;
        if (status == 429) {
            hint = RetryHints.fromHeaders(answer.headers(), Instant.now());
            if (hint == null) hint = LOCKOUT;
        } else if (status >= 500) {
            hint = RetryHints.fromHeaders(answer.headers(), Instant.now());
        }
        return Failures.forStatus(NAME, status, hint, detail);
    }

    static JsonNode json(HttpAnswer answer) throws ProviderException {
        return answer.jsonObject(NAME);
    }

    /** Stability does not document a request id header on success; an x-request-id is kept when present. */
    private static String requestId(HttpAnswer answer) {
        for (String header : List.of("x-request-id", "request-id")) {
            String value = answer.header(header);
            if (value != null && !value.isBlank()) return value;
        }
        return null;
    }
}
