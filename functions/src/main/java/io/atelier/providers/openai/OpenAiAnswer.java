package io.atelier.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.json.Json;
import io.atelier.model.ErrorCode;
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
import okhttp3.OkHttpClient;

/** Reads an Images API answer: the base64 image with usage, or OpenAI's error object. */
final class OpenAiAnswer {
    /** moderation_blocked for GPT Image; content_policy_violation is the older (DALL·E) code for the same refusal. */
    private static final Set<String> REFUSALS = Set.of("moderation_blocked", "content_policy_violation");

    private OpenAiAnswer() {}

    static ProviderResult read(HttpAnswer answer, OkHttpClient client, String requestedModel, String inputAdjusted)
            throws ProviderException {
        if (!answer.ok()) throw failure(answer);
        JsonNode root = answer.jsonObject(OpenAiProvider.NAME);
        JsonNode first = root.path("data").path(0);
        String model = text(root, "model") != null ? text(root, "model") : requestedModel;
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("requestId", answer.header("x-request-id"));
        provenance.put("model", model);
        if (root.path("usage").isObject()) provenance.put("usage", Json.map(root.path("usage")));
        // What OpenAI says it made, which "auto" settings leave open.
        provenance.put("size", text(root, "size"));
        provenance.put("quality", text(root, "quality"));
        provenance.put("background", text(root, "background"));
        provenance.put("outputFormat", text(root, "output_format"));
        provenance.put("revisedPrompt", text(first, "revised_prompt"));
        if (inputAdjusted != null) provenance.put("inputAdjusted", inputAdjusted);
        provenance.values().removeIf(v -> v == null);
        if (text(first, "b64_json") != null)
            return ResultImages.fromBase64(OpenAiProvider.NAME, text(first, "b64_json"), model, provenance);
        // GPT Image always answers base64; a URL (DALL·E's way) is copied at once all the same.
        if (text(first, "url") != null)
            return ResultImages.download(client, OpenAiProvider.NAME, text(first, "url"), model, provenance);
        throw Failures.malformed(OpenAiProvider.NAME, "no image in data[0]");
    }

    static ProviderException failure(HttpAnswer answer) {
        JsonNode error = answer.jsonOrMissing().path("error");
        String code = text(error, "code");
        String message = text(error, "message");
        String detail = code == null ? message : message == null ? code : code + ": " + message;
        Duration hint = RetryHints.fromHeaders(answer.headers(), Instant.now());
        if (code != null && REFUSALS.contains(code)) return Failures.refused(OpenAiProvider.NAME, message);
        // A 429 for an empty account is not throttling: waiting will not help, the account's billing will.
        if ("insufficient_quota".equals(code))
            return new ProviderException(
                    ErrorCode.PROVIDER_AUTH,
                    "OpenAI says the account behind the configured key has no quota left (" + Failures.clean(detail)
                            + "). Check the account's plan and billing.");
        // 409 (a lock conflict) and anything OpenAI marks x-should-retry: true are worth another try, as its SDK does.
        int status = answer.status();
        if (status == 409
                || (status >= 400
                        && status < 500
                        && status != 429
                        && "true".equalsIgnoreCase(answer.header("x-should-retry"))))
            return new ProviderException(
                    ErrorCode.PROVIDER_UNAVAILABLE,
                    "OpenAI could not take the request just now (HTTP " + status + ")"
                            + (detail == null ? "" : ": " + Failures.clean(detail)),
                    hint);
        return Failures.forStatus(OpenAiProvider.NAME, status, hint, detail);
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isValueNode() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
