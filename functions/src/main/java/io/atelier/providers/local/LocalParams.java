package io.atelier.providers.local;

import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageOps;
import io.atelier.model.FieldError;
import io.atelier.providers.spec.OperationSpec;
import io.atelier.providers.spec.ParamValidator;
import java.awt.Color;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The local provider's parameters: checked at submit time and read at run time by the same rules. */
final class LocalParams {
    private final Map<String, Object> params;

    LocalParams(Map<String, Object> params) {
        this.params = params;
    }

    static List<FieldError> problems(String operation, Map<String, Object> params) {
        OperationSpec spec = LocalSpecs.ALL.get(operation);
        return spec == null ? List.of() : ParamValidator.problems(operation, spec, null, params);
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

    /** null (the default), transparent for "none", or the #rrggbb colour. */
    private static Color parseColor(Object value) {
        if ("none".equals(value)) return new Color(0, 0, 0, 0);
        if (!(value instanceof String s) || !s.matches("#?[0-9a-fA-F]{6}")) return null;
        return new Color(Integer.parseInt(s.startsWith("#") ? s.substring(1) : s, 16));
    }
}
