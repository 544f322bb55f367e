package io.atelier.providers.dashscope;

import io.atelier.model.FieldError;
import io.atelier.providers.spec.OperationSpec;
import io.atelier.providers.spec.ParamSpec;
import io.atelier.providers.spec.ParamValidator;
import io.atelier.providers.spec.Prompt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DashScope's parameters: checked at job submit and read at call time by the same rules. */
final class DashScopeParams {
    static final int MAX_PROMPT = 800;
    static final int MAX_NEGATIVE_PROMPT = 500;
    static final long MAX_SEED = 2_147_483_647L;
    static final int DEFAULT_FACTOR = 2;
    static final List<String> OFFSETS = List.of("left_offset", "right_offset", "top_offset", "bottom_offset");

    static final Map<String, OperationSpec> SPECS = specs();

    private final Map<String, Object> params;

    DashScopeParams(Map<String, Object> params) {
        this.params = params == null ? Map.of() : params;
    }

    private static Map<String, OperationSpec> specs() {
        ParamSpec seed = ParamSpec.integer("seed", 0, MAX_SEED);
        Map<String, OperationSpec> specs = new LinkedHashMap<>();
        specs.put(
                "edit",
                OperationSpec.of(
                                Prompt.REQUIRED,
                                ParamSpec.text("negative_prompt", 0, MAX_NEGATIVE_PROMPT),
                                ParamSpec.bool("prompt_extend").describe("Let the model rewrite the prompt"),
                                seed)
                        .promptMaxLength(MAX_PROMPT));
        specs.put(
                "upscale",
                OperationSpec.of(
                                Prompt.OPTIONAL,
                                ParamSpec.integer("factor", 1, 4)
                                        .defaultValue(DEFAULT_FACTOR)
                                        .describe("Enlargement factor"),
                                seed)
                        .promptMaxLength(MAX_PROMPT));
        specs.put(
                "style",
                OperationSpec.of(
                                Prompt.REQUIRED,
                                ParamSpec.number("strength", 0, 1).describe("How strongly the style is applied"),
                                seed)
                        .promptMaxLength(MAX_PROMPT));
        List<ParamSpec> grow = new ArrayList<>(List.of(
                ParamSpec.choice("output_ratio", List.of("1:1", "3:4", "4:3", "9:16", "16:9"))
                        .describe("Aspect ratio to extend to"),
                ParamSpec.number("x_scale", 1, 3).describe("Widen by this factor"),
                ParamSpec.number("y_scale", 1, 3).describe("Heighten by this factor")));
        for (String offset : OFFSETS)
            grow.add(ParamSpec.integer(offset, 0, 4096).unit("px"));
        grow.add(ParamSpec.integer("angle", 0, 359).unit("°").describe("Rotate before extending"));
        List<String> names = grow.stream().map(ParamSpec::name).toList();
        specs.put(
                "outpaint",
                OperationSpec.of(Prompt.OPTIONAL)
                        .plus(grow)
                        .promptMaxLength(MAX_PROMPT)
                        .needsOneOf(names.toArray(String[]::new)));
        return Collections.unmodifiableMap(specs);
    }

    static List<FieldError> problems(DashScopeOperation op, String model, String prompt, Map<String, Object> params) {
        List<FieldError> problems = new ArrayList<>();
        if (model != null && !op.models().contains(model))
            problems.add(new FieldError(
                    "model", "DashScope's " + op.operation() + " uses " + String.join(" or ", op.models())));
        problems.addAll(ParamValidator.problems(
                op.operation(), SPECS.get(op.operation()), prompt, params == null ? Map.of() : params));
        return problems;
    }

    boolean has(String name) {
        return params.get(name) != null;
    }

    Object raw(String name) {
        return params.get(name);
    }

    Long whole(String name) {
        return params.get(name) instanceof Number n ? n.longValue() : null;
    }

    Double decimal(String name) {
        return params.get(name) instanceof Number n ? n.doubleValue() : null;
    }

    int factor() {
        Long factor = whole("factor");
        return factor == null ? DEFAULT_FACTOR : factor.intValue();
    }
}
