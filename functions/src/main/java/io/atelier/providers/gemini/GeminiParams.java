package io.atelier.providers.gemini;

import io.atelier.providers.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Gemini's parameters, checked at job submit and read again at run time by the same rules. */
final class GeminiParams {
    /** The aspect ratios {@code imageConfig.aspectRatio} accepts. */
    static final List<String> ASPECT_RATIOS = List.of("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9");
    /** The model name goes into the URL path, so only plain Gemini model names are let through. */
    private static final Pattern MODEL = Pattern.compile("gemini-[a-z0-9][a-z0-9.-]{0,60}");
    static final int MAX_STYLE_CHARS = 1000;

    private GeminiParams() {}

    static List<FieldProblem> problems(String operation, String model, String prompt, Map<String, Object> params) {
        List<FieldProblem> problems = new ArrayList<>();
        if (model != null && !MODEL.matcher(model).matches())
            problems.add(new FieldProblem("model", "model must be a Gemini image model such as " + GeminiProvider.DEFAULT_MODEL));
        Object ratio = params.get("aspectRatio");
        if (ratio != null && !(ratio instanceof String s && ASPECT_RATIOS.contains(s)))
            problems.add(new FieldProblem("aspectRatio", "aspectRatio must be one of " + String.join(", ", ASPECT_RATIOS)));
        boolean hasPrompt = prompt != null && !prompt.isBlank();
        switch (operation == null ? "" : operation) {
            case "generate", "edit", "replace-background" -> {
                if (!hasPrompt) problems.add(new FieldProblem("prompt", operation + " needs a prompt"));
            }
            case "style" -> {
                Object style = params.get("style");
                if (style != null && !(style instanceof String s && !s.isBlank() && s.length() <= MAX_STYLE_CHARS))
                    problems.add(new FieldProblem("style", "style must be text of 1 to " + MAX_STYLE_CHARS + " characters"));
                else if (style == null && !hasPrompt)
                    problems.add(new FieldProblem("style", "style needs params.style or a prompt describing the style"));
            }
            case "outpaint" -> {
                if (ratio == null) problems.add(new FieldProblem("aspectRatio", "outpaint needs the aspectRatio to extend the image to, one of "
                        + String.join(", ", ASPECT_RATIOS)));
            }
            default -> { }
        }
        return problems;
    }

    static String aspectRatio(Map<String, Object> params) {
        return params.get("aspectRatio") instanceof String s ? s : null;
    }

    static String style(Map<String, Object> params) {
        return params.get("style") instanceof String s && !s.isBlank() ? s.trim() : null;
    }
}
