package io.atelier.providers.dashscope;

import io.atelier.providers.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** DashScope's parameters: checked at job submit and read at call time by the same rules. */
final class DashScopeParams {
    static final int MAX_PROMPT = 800;
    static final int MAX_NEGATIVE_PROMPT = 500;
    static final long MAX_SEED = 2_147_483_647L;
    static final int DEFAULT_FACTOR = 2;
    static final Set<String> OUTPUT_RATIOS = Set.of("1:1", "3:4", "4:3", "9:16", "16:9");
    static final List<String> OFFSETS = List.of("left_offset", "right_offset", "top_offset", "bottom_offset");

    private final Map<String, Object> params;

    DashScopeParams(Map<String, Object> params) {
        this.params = params == null ? Map.of() : params;
    }

    static List<FieldProblem> problems(DashScopeOperation op, String model, String prompt, Map<String, Object> params) {
        List<FieldProblem> problems = new ArrayList<>();
        DashScopeParams p = new DashScopeParams(params);
        if (model != null && !op.models().contains(model))
            problems.add(new FieldProblem("model", "DashScope's " + op.operation() + " uses " + String.join(" or ", op.models())));
        boolean promptRequired = op == DashScopeOperation.EDIT || op == DashScopeOperation.STYLE;
        if (promptRequired && (prompt == null || prompt.isBlank()))
            problems.add(new FieldProblem("prompt", "DashScope's " + op.operation() + " needs a prompt"));
        if (prompt != null && prompt.length() > MAX_PROMPT)
            problems.add(new FieldProblem("prompt", "the prompt must be at most " + MAX_PROMPT + " characters"));
        switch (op) {
            case EDIT -> {
                if (p.has("negative_prompt") && !(p.params.get("negative_prompt") instanceof String s && s.length() <= MAX_NEGATIVE_PROMPT))
                    problems.add(new FieldProblem("negative_prompt", "negative_prompt must be text of at most " + MAX_NEGATIVE_PROMPT + " characters"));
                if (p.has("prompt_extend") && !(p.params.get("prompt_extend") instanceof Boolean))
                    problems.add(new FieldProblem("prompt_extend", "prompt_extend must be true or false"));
                p.checkWhole("seed", 0, MAX_SEED, problems);
            }
            case UPSCALE -> {
                p.checkWhole("factor", 1, 4, problems);
                p.checkWhole("seed", 0, MAX_SEED, problems);
            }
            case STYLE -> {
                p.checkDecimal("strength", 0, 1, problems);
                p.checkWhole("seed", 0, MAX_SEED, problems);
            }
            case OUTPAINT -> {
                if (p.has("output_ratio") && !(p.params.get("output_ratio") instanceof String s && OUTPUT_RATIOS.contains(s)))
                    problems.add(new FieldProblem("output_ratio", "output_ratio must be one of 1:1, 3:4, 4:3, 9:16, 16:9"));
                p.checkDecimal("x_scale", 1, 3, problems);
                p.checkDecimal("y_scale", 1, 3, problems);
                for (String offset : OFFSETS) p.checkWhole(offset, 0, 4096, problems);
                p.checkWhole("angle", 0, 359, problems);
                boolean grows = p.has("output_ratio") || p.has("x_scale") || p.has("y_scale") || p.has("angle")
                        || OFFSETS.stream().anyMatch(p::has);
                if (!grows)
                    problems.add(new FieldProblem("output_ratio", "outpaint needs output_ratio, x_scale/y_scale or a *_offset to know how far to extend"));
            }
        }
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

    private void checkWhole(String name, long min, long max, List<FieldProblem> problems) {
        Object value = params.get(name);
        if (value == null) return;
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < min || n.doubleValue() > max)
            problems.add(new FieldProblem(name, name + " must be a whole number from " + min + " to " + max));
    }

    private void checkDecimal(String name, double min, double max, List<FieldProblem> problems) {
        Object value = params.get(name);
        if (value == null) return;
        if (!(value instanceof Number n) || n.doubleValue() < min || n.doubleValue() > max)
            problems.add(new FieldProblem(name, name + " must be a number from " + min + " to " + max));
    }
}
