package io.atelier.providers.dashscope;

import io.atelier.providers.InputLimits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What {@code GET /providers} shows for DashScope: input limits and parameters per operation, and the quota. */
final class DashScopeLimits {
    private DashScopeLimits() {}

    static Map<String, Object> describe() {
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("inputFormats", List.of("image/png", "image/jpeg", "image/webp"));
        limits.put("sentFormats", List.of("image/png", "image/jpeg"));
        limits.put("maxInputBytes", DashScopeOperation.UPSCALE.limits().maxBytes());
        limits.put("outputFormats", List.of("png", "jpeg"));
        limits.put("maxPromptChars", DashScopeParams.MAX_PROMPT);
        limits.put("quota", "about 2 submissions per second and 2 concurrent asynchronous tasks per account");
        limits.put("inputsLargerOrSmallerAreFitted", true);
        Map<String, Object> operations = new LinkedHashMap<>();
        operations.put(
                "edit",
                operation(
                        DashScopeOperation.EDIT,
                        true,
                        Map.of(
                                "negative_prompt",
                                "text, at most 500 characters",
                                "seed",
                                "0–2147483647",
                                "prompt_extend",
                                "true|false")));
        operations.put(
                "upscale",
                operation(
                        DashScopeOperation.UPSCALE, false, Map.of("factor", "1–4, default 2", "seed", "0–2147483647")));
        operations.put(
                "style", operation(DashScopeOperation.STYLE, true, Map.of("strength", "0–1", "seed", "0–2147483647")));
        operations.put(
                "outpaint",
                operation(
                        DashScopeOperation.OUTPAINT,
                        false,
                        Map.of(
                                "output_ratio",
                                "1:1|3:4|4:3|9:16|16:9",
                                "x_scale",
                                "1–3",
                                "y_scale",
                                "1–3",
                                "left_offset|right_offset|top_offset|bottom_offset",
                                "pixels, 0–4096",
                                "angle",
                                "0–359")));
        limits.put("operations", operations);
        return limits;
    }

    private static Map<String, Object> operation(
            DashScopeOperation op, boolean promptRequired, Map<String, String> params) {
        InputLimits input = op.limits();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("models", op.models());
        out.put("asynchronous", op.asynchronous());
        out.put("promptRequired", promptRequired);
        out.put("minInputSide", input.minSide());
        out.put("maxInputSide", input.maxSide());
        out.put("maxInputMegapixels", input.maxPixels() / 1_000_000.0);
        out.put("maxInputBytes", input.maxBytes());
        out.put("params", new TreeMap<>(params));
        return out;
    }
}
