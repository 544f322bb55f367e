package io.atelier.providers.stability;

import io.atelier.model.FieldError;
import io.atelier.providers.spec.FieldRule;
import io.atelier.providers.spec.OperationSpec;
import io.atelier.providers.spec.ParamSpec;
import io.atelier.providers.spec.ParamValidator;
import io.atelier.providers.spec.Prompt;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A step's parameters for Stability: their spec, which endpoint they select, and the form fields they become. Ranges are those of the v2beta API reference.
 */
final class StabilityParams {
    static final int MAX_TEXT = 10_000;
    static final long MAX_SEED = 4_294_967_294L;
    static final int MAX_OUTPAINT = 2000;
    static final List<String> DIRECTIONS = List.of("left", "right", "up", "down");

    static final Map<String, OperationSpec> SPECS = specs();

    private StabilityParams() {}

    /** Every rule of every endpoint: ranges, formats, the prompt and creativity per upscale mode. */
    private static Map<String, OperationSpec> specs() {
        ParamSpec seed = ParamSpec.integer("seed", 0, MAX_SEED);
        ParamSpec negative = ParamSpec.text("negative_prompt", 0, MAX_TEXT);
        List<ParamSpec> output = List.of(
                ParamSpec.choice("output_format", List.of("png", "jpeg", "webp"))
                        .defaultValue("png"),
                ParamSpec.choice("format", List.of("png", "jpeg", "jpg", "webp"))
                        .describe("The same as output_format"));
        Map<String, OperationSpec> specs = new LinkedHashMap<>();
        specs.put(
                "upscale",
                OperationSpec.of(
                                Prompt.OPTIONAL,
                                ParamSpec.choice("mode", List.of("fast", "conservative", "creative"))
                                        .defaultValue("fast")
                                        .describe("fast needs no prompt; conservative and creative need one"),
                                ParamSpec.number("creativity", 0.1, 0.5)
                                        .describe("conservative: 0.2 to 0.5; creative: 0.1 to 0.5"),
                                seed,
                                negative)
                        .plus(output)
                        .promptMaxLength(MAX_TEXT)
                        .with(
                                FieldRule.promptWhenOneOf(
                                        "mode",
                                        List.of("conservative", "creative"),
                                        "conservative and creative upscales need a prompt"),
                                FieldRule.rangeWhen(
                                        "creativity",
                                        0.2,
                                        0.5,
                                        "mode",
                                        "conservative",
                                        "creativity must be from 0.2 to 0.5 for a conservative upscale")));
        List<ParamSpec> outpaint = new ArrayList<>();
        for (String direction : DIRECTIONS)
            outpaint.add(ParamSpec.integer(direction, 0, MAX_OUTPAINT)
                    .unit("px")
                    .describe("Pixels to add "
                            + (direction.equals("up") || direction.equals("down")
                                    ? direction + "wards"
                                    : "on the " + direction)));
        outpaint.add(ParamSpec.number("creativity", 0, 1));
        outpaint.add(seed);
        specs.put(
                "outpaint",
                OperationSpec.of(Prompt.OPTIONAL)
                        .plus(outpaint)
                        .plus(output)
                        .promptMaxLength(MAX_TEXT)
                        .with(FieldRule.oneAbove(
                                0,
                                "outpaint needs at least one of left, right, up, down above 0",
                                DIRECTIONS.toArray(String[]::new))));
        specs.put(
                "remove-background",
                OperationSpec.of(
                        Prompt.UNUSED,
                        ParamSpec.choice("output_format", List.of("png", "webp"))
                                .defaultValue("png"),
                        ParamSpec.choice("format", List.of("png", "webp")).describe("The same as output_format")));
        specs.put(
                "replace-background",
                OperationSpec.of(
                                Prompt.REQUIRED,
                                ParamSpec.text("search", 1, MAX_TEXT)
                                        .defaultValue("background")
                                        .describe("What to replace"),
                                negative,
                                seed,
                                ParamSpec.integer("grow_mask", 0, 20).unit("px"))
                        .plus(output)
                        .promptMaxLength(MAX_TEXT));
        return Collections.unmodifiableMap(specs);
    }

    /** The endpoint a step selects, or a problem naming the field that makes it unclear. */
    record Selection(StabilityEndpoint endpoint, FieldError problem) {}

    static Selection select(String operation, String model, Map<String, Object> params) {
        StabilityEndpoint byModel = null;
        if (model != null && !model.isBlank()) {
            byModel = StabilityEndpoint.byModel(model)
                    .filter(e -> e.operation.equals(operation))
                    .orElse(null);
            if (byModel == null)
                return new Selection(
                        null,
                        new FieldError(
                                "model",
                                "Stability has no model " + model + " for " + operation + "; use one of "
                                        + String.join(", ", modelsFor(operation))));
        }
        if (!"upscale".equals(operation)) {
            return StabilityEndpoint.single(operation)
                    .map(e -> new Selection(e, null))
                    .orElseGet(() -> new Selection(null, new FieldError("operation", "Stability cannot " + operation)));
        }
        Object mode = params.get("mode");
        if (mode == null) return new Selection(byModel != null ? byModel : StabilityEndpoint.FAST_UPSCALE, null);
        StabilityEndpoint byMode = mode instanceof String s
                ? StabilityEndpoint.upscaleMode(s.toLowerCase(Locale.ROOT)).orElse(null)
                : null;
        if (byMode == null)
            return new Selection(null, new FieldError("mode", "mode must be fast, conservative or creative"));
        if (byModel != null && byModel != byMode)
            return new Selection(null, new FieldError("mode", "mode " + mode + " contradicts model " + model));
        return new Selection(byMode, null);
    }

    static List<String> modelsFor(String operation) {
        List<String> models = new ArrayList<>();
        for (StabilityEndpoint e : StabilityEndpoint.values()) if (e.operation.equals(operation)) models.add(e.model);
        return models;
    }

    /**
     * What the spec cannot see: a model naming an upscaler stands for its mode, so the spec's rules for that mode (a
     * prompt, creativity's range) apply as if the mode were given. Everything else is the spec's.
     */
    static List<FieldError> problems(StabilityEndpoint endpoint, String prompt, Map<String, Object> params) {
        if (endpoint.mode == null || params.get("mode") != null) return List.of();
        Map<String, Object> withMode = new HashMap<>(params);
        withMode.put("mode", endpoint.mode);
        return ParamValidator.problems(endpoint.operation, SPECS.get(endpoint.operation), prompt, withMode);
    }

    /** The multipart text fields besides {@code image}; assumes {@link #problems} found nothing. */
    static Map<String, String> formFields(StabilityEndpoint endpoint, String prompt, Map<String, Object> params) {
        Map<String, String> fields = new LinkedHashMap<>();
        switch (endpoint) {
            case FAST_UPSCALE, REMOVE_BACKGROUND -> {}
            case CONSERVATIVE_UPSCALE, CREATIVE_UPSCALE -> {
                fields.put("prompt", prompt);
                copy(params, "negative_prompt", fields);
                copy(params, "creativity", fields);
                copy(params, "seed", fields);
            }
            case OUTPAINT -> {
                for (String direction : DIRECTIONS) copy(params, direction, fields);
                if (prompt != null && !prompt.isBlank()) fields.put("prompt", prompt);
                copy(params, "creativity", fields);
                copy(params, "seed", fields);
            }
            case SEARCH_AND_REPLACE -> {
                fields.put("prompt", prompt);
                fields.put("search_prompt", params.get("search") instanceof String s ? s : "background");
                copy(params, "negative_prompt", fields);
                copy(params, "grow_mask", fields);
                copy(params, "seed", fields);
            }
        }
        fields.put("output_format", outputFormat(params));
        return fields;
    }

    /** {@code output_format} as the API names it; {@code format} as the local provider does. Default png. */
    static String outputFormat(Map<String, Object> params) {
        Object value = params.containsKey("output_format") ? params.get("output_format") : params.get("format");
        if (value == null) return "png";
        if (!(value instanceof String s)) return null;
        String name = s.trim().toLowerCase(Locale.ROOT);
        return name.equals("jpg") ? "jpeg" : name;
    }

    private static void copy(Map<String, Object> params, String field, Map<String, String> fields) {
        Object value = params.get(field);
        if (value == null) return;
        fields.put(field, value instanceof Number n ? plain(n) : Objects.toString(value));
    }

    /** 0.3 stays "0.3", 10.0 becomes "10": the API parses integers strictly. */
    private static String plain(Number n) {
        Long whole = ParamValidator.wholeNumber(n);
        if (whole != null) return Long.toString(whole);
        return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
    }
}
