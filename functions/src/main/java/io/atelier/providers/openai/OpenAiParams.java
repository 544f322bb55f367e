package io.atelier.providers.openai;

import io.atelier.providers.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The gpt-image parameters Atelier passes through, under OpenAI's own names, checked against the documented values at
 * job submit and again before each call.
 */
final class OpenAiParams {
    static final int MAX_PROMPT_CHARS = 32_000;
    static final Map<String, List<String>> ENUMS = enums();
    /** Parameters each operation passes on; anything else in params is left alone (it may belong to another step). */
    static final Map<String, List<String>> BY_OPERATION = byOperation();
    private static final Pattern MODEL = Pattern.compile("gpt-image-[a-z0-9][a-z0-9.-]{0,40}");
    private static final Set<String> EDITS = Set.of("edit", "replace-background", "remove-background");

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

    private static Map<String, List<String>> byOperation() {
        Map<String, List<String>> by = new LinkedHashMap<>();
        by.put("generate", List.of("size", "quality", "background", "output_format", "output_compression", "moderation"));
        List<String> edits = List.of("size", "quality", "background", "output_format", "output_compression", "input_fidelity");
        by.put("edit", edits);
        by.put("replace-background", edits);
        by.put("remove-background", List.of("size", "quality", "output_format", "output_compression", "input_fidelity"));
        return by;
    }

    static List<FieldProblem> problems(String operation, String model, String prompt, Map<String, Object> params) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!BY_OPERATION.containsKey(operation)) return problems;
        if (model != null && !MODEL.matcher(model).matches())
            problems.add(new FieldProblem("model", "model must be a GPT Image model such as " + OpenAiProvider.DEFAULT_MODEL));
        List<String> accepted = BY_OPERATION.getOrDefault(operation, List.of());
        for (String name : accepted) {
            Object value = params.get(name);
            if (value == null) continue;
            if (name.equals("output_compression")) {
                if (!(value instanceof Integer i && i >= 0 && i <= 100))
                    problems.add(new FieldProblem(name, "output_compression must be a whole number from 0 to 100"));
            } else if (!(value instanceof String s && ENUMS.get(name).contains(s))) {
                problems.add(new FieldProblem(name, name + " must be one of " + String.join(", ", ENUMS.get(name))));
            }
        }
        if (!EDITS.contains(operation) && params.get("input_fidelity") != null)
            problems.add(new FieldProblem("input_fidelity", "input_fidelity applies to image edits only"));
        String format = outputFormat(params);
        if ("png".equals(format) && params.get("output_compression") != null)
            problems.add(new FieldProblem("output_compression", "output_compression needs output_format jpeg or webp"));
        if ("remove-background".equals(operation)) {
            if ("jpeg".equals(format)) problems.add(new FieldProblem("output_format", "remove-background makes a transparent image: png or webp"));
            Object background = params.get("background");
            if (background != null && !"transparent".equals(background))
                problems.add(new FieldProblem("background", "remove-background always asks for a transparent background"));
        } else if ("transparent".equals(params.get("background")) && "jpeg".equals(format)) {
            problems.add(new FieldProblem("background", "a transparent background needs output_format png or webp"));
        }
        boolean needsPrompt = Set.of("generate", "edit", "replace-background").contains(operation);
        if (needsPrompt && (prompt == null || prompt.isBlank())) {
            problems.add(new FieldProblem("prompt", operation + " needs a prompt"));
        } else if (BY_OPERATION.containsKey(operation)) {
            int length = OpenAiInstructions.compose(operation, prompt).length();
            if (length > MAX_PROMPT_CHARS)
                problems.add(new FieldProblem("prompt", "the prompt is too long: OpenAI takes at most " + MAX_PROMPT_CHARS
                        + " characters (with Atelier's instruction, this one makes " + length + ")"));
        }
        return problems;
    }

    /** png unless asked otherwise (OpenAI's default too). */
    static String outputFormat(Map<String, Object> params) {
        return params.get("output_format") instanceof String s ? s : "png";
    }
}
