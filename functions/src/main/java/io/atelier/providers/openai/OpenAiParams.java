package io.atelier.providers.openai;

import io.atelier.model.FieldError;
import io.atelier.providers.spec.FieldRule;
import io.atelier.providers.spec.OperationSpec;
import io.atelier.providers.spec.ParamSpec;
import io.atelier.providers.spec.ParamValidator;
import io.atelier.providers.spec.Prompt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The gpt-image parameters Atelier passes through, under OpenAI's own names, checked against the documented values at
 * job submit and again before each call.
 */
final class OpenAiParams {
    static final int MAX_PROMPT_CHARS = 32_000;
    static final Map<String, List<String>> ENUMS = enums();
    /** Each operation's parameters, under OpenAI's names, declared once. */
    static final Map<String, OperationSpec> SPECS = specs();
    /** Parameters each operation passes on, in this order; anything else in params is left alone. */
    static final Map<String, List<String>> BY_OPERATION = byOperation();

    private static final Pattern MODEL = Pattern.compile("gpt-image-[a-z0-9][a-z0-9.-]{0,40}");

    private OpenAiParams() {}

    private static Map<String, List<String>> enums() {
        Map<String, List<String>> enums = new LinkedHashMap<>();
        enums.put("size", List.of("auto", "1024x1024", "1536x1024", "1024x1536"));
        enums.put("quality", List.of("low", "medium", "high", "auto"));
        enums.put("background", List.of("transparent", "opaque", "auto"));
        enums.put("output_format", List.of("png", "jpeg", "webp"));
        enums.put("input_fidelity", List.of("high", "low"));
        enums.put("moderation", List.of("low", "auto"));
        return enums;
    }

    private static Map<String, OperationSpec> specs() {
        List<ParamSpec> common = List.of(
                choice("size"),
                choice("quality"),
                choice("background"),
                choice("output_format").defaultValue("png"),
                ParamSpec.integer("output_compression", 0, 100).unit("%").describe("jpeg and webp only"));
        ParamSpec fidelity = choice("input_fidelity").describe("How closely the edit keeps the input's details");
        FieldRule opaqueJpeg = FieldRule.excludes(
                "background",
                "transparent",
                "output_format",
                "jpeg",
                "a transparent background needs output_format png or webp");
        Map<String, OperationSpec> specs = new LinkedHashMap<>();
        specs.put(
                "generate",
                OperationSpec.of(Prompt.REQUIRED)
                        .plus(common)
                        .plus(List.of(choice("moderation")))
                        .with(opaqueJpeg));
        OperationSpec edit = OperationSpec.of(Prompt.REQUIRED)
                .plus(common)
                .plus(List.of(fidelity))
                .with(opaqueJpeg);
        specs.put("edit", edit);
        specs.put("replace-background", edit);
        // A cut-out is transparent: png or webp, never jpeg.
        specs.put(
                "remove-background",
                OperationSpec.of(Prompt.OPTIONAL)
                        .plus(common.stream()
                                .filter(p -> !p.name().equals("background"))
                                .toList())
                        .plus(List.of(
                                ParamSpec.choice("output_format", List.of("png", "webp"))
                                        .defaultValue("png"),
                                fidelity)));
        return Collections.unmodifiableMap(specs);
    }

    private static ParamSpec choice(String name) {
        return ParamSpec.choice(name, ENUMS.get(name));
    }

    private static Map<String, List<String>> byOperation() {
        Map<String, List<String>> by = new LinkedHashMap<>();
        SPECS.forEach(
                (operation, spec) -> by.put(operation, List.copyOf(spec.params().keySet())));
        return by;
    }

    static List<FieldError> problems(String operation, String model, String prompt, Map<String, Object> params) {
        List<FieldError> problems = new ArrayList<>();
        if (!SPECS.containsKey(operation)) return problems;
        problems.addAll(ParamValidator.problems(operation, SPECS.get(operation), prompt, params));
        if (model != null && !MODEL.matcher(model).matches())
            problems.add(
                    new FieldError("model", "model must be a GPT Image model such as " + OpenAiProvider.DEFAULT_MODEL));
        if (!SPECS.get(operation).params().containsKey("input_fidelity") && params.get("input_fidelity") != null)
            problems.add(new FieldError("input_fidelity", "input_fidelity applies to image edits only"));
        String format = outputFormat(params);
        if ("png".equals(format) && params.get("output_compression") != null)
            problems.add(new FieldError("output_compression", "output_compression needs output_format jpeg or webp"));
        if ("remove-background".equals(operation)) {
            Object background = params.get("background");
            if (background != null && !"transparent".equals(background))
                problems.add(
                        new FieldError("background", "remove-background always asks for a transparent background"));
        }
        boolean needsPrompt = SPECS.get(operation).prompt() == Prompt.REQUIRED;
        if (!needsPrompt || prompt != null && !prompt.isBlank()) {
            int length = OpenAiInstructions.compose(operation, prompt).length();
            if (length > MAX_PROMPT_CHARS)
                problems.add(new FieldError(
                        "prompt",
                        "the prompt is too long: OpenAI takes at most " + MAX_PROMPT_CHARS
                                + " characters (with Atelier's instruction, this one makes " + length + ")"));
        }
        return problems;
    }

    /** png unless asked otherwise (OpenAI's default too). */
    static String outputFormat(Map<String, Object> params) {
        return params.get("output_format") instanceof String s ? s : "png";
    }
}
