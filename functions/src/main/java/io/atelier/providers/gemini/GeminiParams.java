package io.atelier.providers.gemini;

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

/** Gemini's parameters, checked at job submit and read again at run time by the same rules. */
final class GeminiParams {
    /** The aspect ratios {@code imageConfig.aspectRatio} accepts. */
    static final List<String> ASPECT_RATIOS =
            List.of("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9");
    /** The model name goes into the URL path, so only plain Gemini model names are let through. */
    private static final Pattern MODEL = Pattern.compile("gemini-[a-z0-9][a-z0-9.-]{0,60}");

    static final int MAX_STYLE_CHARS = 1000;
    static final Map<String, OperationSpec> SPECS = specs();

    private GeminiParams() {}

    private static Map<String, OperationSpec> specs() {
        ParamSpec ratio = ParamSpec.choice("aspectRatio", ASPECT_RATIOS)
                .describe("Aspect ratio of the result; default: the model's choice");
        Map<String, OperationSpec> specs = new LinkedHashMap<>();
        specs.put("generate", OperationSpec.of(Prompt.REQUIRED, ratio));
        specs.put("edit", OperationSpec.of(Prompt.REQUIRED, ratio));
        specs.put("replace-background", OperationSpec.of(Prompt.REQUIRED, ratio));
        specs.put(
                "style",
                OperationSpec.of(
                                Prompt.OPTIONAL,
                                ratio,
                                ParamSpec.text("style", 1, MAX_STYLE_CHARS)
                                        .describe("The style to apply; without it, the prompt describes the style"))
                        .with(FieldRule.promptUnless(
                                "style", "style needs params.style or a prompt describing the style")));
        specs.put(
                "outpaint",
                OperationSpec.of(
                        Prompt.OPTIONAL,
                        ParamSpec.choice("aspectRatio", ASPECT_RATIOS)
                                .mandatory()
                                .describe("The aspect ratio to extend the image to")));
        return Collections.unmodifiableMap(specs);
    }

    static List<FieldError> problems(String operation, String model, String prompt, Map<String, Object> params) {
        List<FieldError> problems = new ArrayList<>();
        if (model != null && !MODEL.matcher(model).matches())
            problems.add(new FieldError(
                    "model", "model must be a Gemini image model such as " + GeminiProvider.DEFAULT_MODEL));
        OperationSpec spec = SPECS.get(operation);
        if (spec != null) problems.addAll(ParamValidator.problems(operation, spec, prompt, params));
        return problems;
    }

    static String aspectRatio(Map<String, Object> params) {
        return params.get("aspectRatio") instanceof String s ? s : null;
    }

    static String style(Map<String, Object> params) {
        return params.get("style") instanceof String s && !s.isBlank() ? s.trim() : null;
    }
}
