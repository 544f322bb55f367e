package io.atelier.providers.local;

import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageOps;
import io.atelier.providers.FieldProblem;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The local provider's parameters: checked at submit time and read at run time by the same rules. */
final class LocalParams {
    private static final Set<String> POSITIONS = Set.of("top-left", "top-right", "bottom-left", "bottom-right", "center");
    private final Map<String, Object> params;

    LocalParams(Map<String, Object> params) {
        this.params = params;
    }

    static List<FieldProblem> problems(String operation, Map<String, Object> params) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalParams p = new LocalParams(params);
        p.checkFormat(problems);
        p.checkRange("quality", 1, 100, problems);
        switch (operation == null ? "" : operation) {
            case "upscale" -> {
                Object factor = params.get("factor");
                if (factor != null && !(factor instanceof Integer i && (i == 2 || i == 4)))
                    problems.add(new FieldProblem("factor", "factor must be 2 or 4"));
            }
            case "resize" -> {
                p.checkRange("width", 1, 30_000, problems);
                p.checkRange("height", 1, 30_000, problems);
                if (params.get("width") == null && params.get("height") == null)
                    problems.add(new FieldProblem("width", "resize needs width, height or both"));
                Object fit = params.get("fit");
                if (fit != null && !(fit instanceof String s && Set.of("contain", "cover", "fill").contains(s.toLowerCase(Locale.ROOT))))
                    problems.add(new FieldProblem("fit", "fit must be contain, cover or fill"));
                Object background = params.get("background");
                if (background != null && parseColor(background) == null)
                    problems.add(new FieldProblem("background", "background must be a colour like #ffffff"));
            }
            case "watermark" -> {
                Object text = params.get("text");
                if (!(text instanceof String s) || s.isBlank() || s.length() > 200)
                    problems.add(new FieldProblem("text", "watermark needs text of 1 to 200 characters"));
                Object position = params.get("position");
                if (position != null && !(position instanceof String s && POSITIONS.contains(s)))
                    problems.add(new FieldProblem("position", "position must be one of " + String.join(", ", POSITIONS)));
                p.checkDecimal("opacity", 0, 1, problems);
                p.checkRange("fontSize", 6, 2000, problems);
            }
            case "adjust" -> {
                p.checkDecimal("brightness", 0, 3, problems);
                p.checkDecimal("contrast", 0, 3, problems);
                p.checkDecimal("saturation", 0, 3, problems);
            }
            default -> { }
        }
        return problems;
    }

    int integer(String name, int fallback) {
        Integer value = integerOrNull(name);
        return value == null ? fallback : value;
    }

    Integer integerOrNull(String name) {
        return params.get(name) instanceof Number n ? n.intValue() : null;
    }

    double decimal(String name, double fallback) {
        return params.get(name) instanceof Number n ? n.doubleValue() : fallback;
    }

    String text(String name, String fallback) {
        return params.get(name) instanceof String s && !s.isBlank() ? s : fallback;
    }

    ImageOps.Fit fit() {
        return ImageOps.Fit.valueOf(text("fit", "contain").toUpperCase(Locale.ROOT));
    }

    Color color(String name) {
        return parseColor(params.get(name));
    }

    /** The requested output format, or the input's own. */
    ImageFormat format(ImageFormat input) {
        Object format = params.get("format");
        return format instanceof String s ? ImageFormat.fromName(s).orElse(input) : input;
    }

    private void checkFormat(List<FieldProblem> problems) {
        Object format = params.get("format");
        if (format != null && !(format instanceof String s && Set.of("png", "jpeg", "jpg", "webp", "avif").contains(s.toLowerCase(Locale.ROOT))))
            problems.add(new FieldProblem("format", "format must be png, jpeg, webp or avif"));
    }

    private void checkRange(String name, int min, int max, List<FieldProblem> problems) {
        Object value = params.get(name);
        if (value != null && !(value instanceof Integer i && i >= min && i <= max))
            problems.add(new FieldProblem(name, name + " must be a whole number from " + min + " to " + max));
    }

    private void checkDecimal(String name, double min, double max, List<FieldProblem> problems) {
        Object value = params.get(name);
        if (value != null && !(value instanceof Number n && n.doubleValue() >= min && n.doubleValue() <= max))
            problems.add(new FieldProblem(name, name + " must be a number from " + min + " to " + max));
    }

    private static Color parseColor(Object value) {
        if (!(value instanceof String s) || !s.matches("#?[0-9a-fA-F]{6}")) return null;
        return new Color(Integer.parseInt(s.startsWith("#") ? s.substring(1) : s, 16));
    }
}
