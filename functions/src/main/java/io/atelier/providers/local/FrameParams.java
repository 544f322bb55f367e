package io.atelier.providers.local;

import io.atelier.model.FieldError;
import io.atelier.presets.Presets;
import io.atelier.studio.FrameSpec;
import io.atelier.studio.ProductBounds;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * frame: {@code trim} (default true: to the alpha, or to what differs from the border colour by more than
 * {@code tolerance}, default 24), {@code margin} (percent per side, 0..45, default 5), {@code width}/{@code height}
 * (exact canvas; one alone scales), {@code aspect} ("16:9"), {@code minLongSide}, {@code background} (colour or
 * "none"/"transparent", default white), {@code checks} (a preset name or true), plus format and quality.
 */
final class FrameParams {

    private FrameParams() {}

    /** What the parameter spec (LocalSpecs) cannot say: the aspect's shape and a known preset for checks. */
    static List<FieldError> problems(Map<String, Object> params) {
        List<FieldError> problems = new ArrayList<>();
        Object aspect = params.get("aspect");
        if (aspect != null && aspect(aspect) == null)
            problems.add(new FieldError("aspect", "aspect must look like 16:9 (two whole numbers from 1 to 100)"));
        Object checks = params.get("checks");
        if (checks != null
                && !(checks instanceof Boolean)
                && !(checks instanceof String s && Presets.find(s).isPresent()))
            problems.add(
                    new FieldError("checks", "checks must be true, false or a preset name (GET /presets lists them)"));
        return problems;
    }

    static FrameSpec of(Map<String, Object> params) {
        Color background = "transparent".equals(params.get("background")) || "none".equals(params.get("background"))
                ? null
                : params.get("background") == null ? Color.WHITE : ParamChecks.colour(params.get("background"));
        Integer tolerance = ParamChecks.whole(params, "tolerance");
        return new FrameSpec(
                !Boolean.FALSE.equals(params.get("trim")),
                ParamChecks.number(params, "margin", 5),
                ParamChecks.whole(params, "width"),
                ParamChecks.whole(params, "height"),
                aspect(params.get("aspect")),
                ParamChecks.whole(params, "minLongSide"),
                background,
                tolerance == null ? ProductBounds.DEFAULT_TOLERANCE : tolerance);
    }

    private static Double aspect(Object value) {
        if (!(value instanceof String s) || !s.matches("\\d{1,3}:\\d{1,3}")) return null;
        String[] parts = s.split(":");
        int w = Integer.parseInt(parts[0]);
        int h = Integer.parseInt(parts[1]);
        return w < 1 || h < 1 || w > 100 || h > 100 ? null : (double) w / h;
    }
}
