package io.atelier.providers.local;

import io.atelier.model.FieldError;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * replace-background: {@code background} (colour, default white), {@code gradientTo} (colour: a vertical gradient from
 * background to it), {@code shadow} (boolean: a soft contact shadow), {@code shadowOpacity} (0..1, default 0.35),
 * {@code backdropImageId} (one of the caller's images: the product goes onto that photo, scaled to cover), plus
 * format and quality.
 */
record ReplaceBackgroundParams(Color background, Color gradientTo, boolean shadow, double shadowOpacity) {

    /** What the parameter spec (LocalSpecs) cannot say: that the backdrop is one of the caller's images. */
    static List<FieldError> problems(Map<String, Object> params) {
        List<FieldError> problems = new ArrayList<>();
        Object backdrop = params.get("backdropImageId");
        if (backdrop != null && !(backdrop instanceof String s && !s.isBlank() && s.length() <= 64))
            problems.add(
                    new FieldError("backdropImageId", "backdropImageId must be the id of one of your READY images"));
        return problems;
    }

    static ReplaceBackgroundParams of(Map<String, Object> params) {
        Color background = ParamChecks.colour(params.get("background"));
        return new ReplaceBackgroundParams(
                background == null ? Color.WHITE : background,
                ParamChecks.colour(params.get("gradientTo")),
                Boolean.TRUE.equals(params.get("shadow")),
                ParamChecks.number(params, "shadowOpacity", 0.35));
    }
}
