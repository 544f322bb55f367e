package io.atelier.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.json.Json;
import io.atelier.providers.ProviderException;
import io.atelier.providers.ProviderResult;
import io.atelier.providers.ResultImages;
import io.atelier.providers.http.Failures;
import io.atelier.providers.http.HttpAnswer;
import io.atelier.providers.http.RetryHints;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code generateContent} answer. Field names are accepted in camelCase (REST) and snake_case (as some SDKs
 * and proxies write them).
 */
final class GeminiAnswer {
    /** An image-less candidate ending for one of these reasons was stopped by Gemini's filters: a refusal. */
    static final Set<String> REFUSAL_REASONS = Set.of(
            "IMAGE_SAFETY",
            "IMAGE_PROHIBITED_CONTENT",
            "NO_IMAGE",
            "IMAGE_RECITATION",
            "IMAGE_OTHER",
            "SAFETY",
            "PROHIBITED_CONTENT",
            "BLOCKLIST",
            "SPII",
            "RECITATION",
            "OTHER");

    private GeminiAnswer() {}

    static ProviderResult read(HttpAnswer answer, String requestedModel, String inputAdjusted)
            throws ProviderException {
        if (!answer.ok()) throw failure(answer);
        JsonNode root = answer.jsonObject(GeminiProvider.NAME);
        JsonNode candidates = root.path("candidates");
        if (!candidates.isArray() || candidates.isEmpty()) {
            JsonNode feedback = field(root, "promptFeedback", "prompt_feedback");
            String block = text(feedback, "blockReason", "block_reason");
            if (block != null) {
                String message = text(feedback, "blockReasonMessage", "block_reason_message");
                throw Failures.refused(
                        GeminiProvider.NAME,
                        "the prompt was blocked (" + block + ")" + (message == null ? "" : " " + message));
            }
            throw Failures.malformed(GeminiProvider.NAME, "no candidates and no block reason");
        }
        JsonNode candidate = candidates.get(0);
        JsonNode image = null;
        StringBuilder said = new StringBuilder();
        for (JsonNode part : field(candidate, "content").path("parts")) {
            // Thinking models may send interim "thought" images before the final one.
            if (part.path("thought").asBoolean(false)) continue;
            JsonNode inline = field(part, "inlineData", "inline_data");
            String mime = text(inline, "mimeType", "mime_type");
            if (image == null && text(inline, "data") != null && (mime == null || mime.startsWith("image/")))
                image = inline;
            String words = text(part, "text");
            if (words != null) said.append(said.isEmpty() ? "" : " ").append(words);
        }
        String finishReason = text(candidate, "finishReason", "finish_reason");
        if (image == null) {
            if (finishReason != null && REFUSAL_REASONS.contains(finishReason)) {
                String message = text(candidate, "finishMessage", "finish_message");
                throw Failures.refused(
                        GeminiProvider.NAME,
                        "no image was returned (" + finishReason + ")" + (message == null ? "" : " " + message));
            }
            // A text-only answer that ends normally: the model chose not to draw. Retrying often helps, so not a
            // refusal.
            throw Failures.malformed(
                    GeminiProvider.NAME,
                    "no image in its answer (finish reason " + finishReason + ")"
                            + (said.isEmpty() ? "" : "; it said: " + Failures.clean(said.toString())));
        }
        String model = text(root, "modelVersion", "model_version");
        if (model == null) model = requestedModel;
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("requestId", text(root, "responseId", "response_id"));
        provenance.put("model", model);
        JsonNode usage = field(root, "usageMetadata", "usage_metadata");
        if (usage.isObject()) provenance.put("usage", Json.map(usage));
        if (finishReason != null) provenance.put("finishReason", finishReason);
        if (inputAdjusted != null) provenance.put("inputAdjusted", inputAdjusted);
        provenance.values().removeIf(v -> v == null);
        return ResultImages.fromBase64(GeminiProvider.NAME, text(image, "data"), model, provenance);
    }

    /** Google's error shape: status words, message, and typed details (RetryInfo, ErrorInfo). */
    static ProviderException failure(HttpAnswer answer) {
        JsonNode error = answer.jsonOrMissing().path("error");
        Duration retryDelay = null;
        String reason = null;
        for (JsonNode detail : error.path("details")) {
            String type = detail.path("@type").asText("");
            if (type.endsWith("google.rpc.RetryInfo"))
                retryDelay = RetryHints.fromProtoDuration(text(detail, "retryDelay", "retry_delay"));
            if (type.endsWith("google.rpc.ErrorInfo") && reason == null) reason = text(detail, "reason");
        }
        if (retryDelay == null) retryDelay = RetryHints.fromHeaders(answer.headers(), Instant.now());
        String status = text(error, "status");
        String message = text(error, "message");
        String detail = status == null ? message : message == null ? status : status + ": " + message;
        // A bad key is a 400 for Gemini, not a 401; ErrorInfo says so (API_KEY_INVALID, and kin such as
        // API_KEY_EXPIRED).
        if (reason != null && reason.startsWith("API_KEY_")) return Failures.auth(GeminiProvider.NAME, reason);
        return Failures.forStatus(GeminiProvider.NAME, answer.status(), retryDelay, detail);
    }

    private static JsonNode field(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.path(name);
            if (!value.isMissingNode() && !value.isNull()) return value;
        }
        return Json.MAPPER.missingNode();
    }

    private static String text(JsonNode node, String... names) {
        JsonNode value = field(node, names);
        return value.isValueNode() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
