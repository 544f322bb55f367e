package io.atelier.providers.local;

import java.awt.Color;
import java.util.Map;

/** Reading the studio operations' params, already checked against the parameter spec (LocalSpecs). */
final class ParamChecks {
    private ParamChecks() {}

    static Color colour(Object value) {
        if (!(value instanceof String s) || !s.matches("#?[0-9a-fA-F]{6}")) return null;
        return new Color(Integer.parseInt(s.startsWith("#") ? s.substring(1) : s, 16));
    }

    static double number(Map<String, Object> params, String name, double fallback) {
        return params.get(name) instanceof Number n ? n.doubleValue() : fallback;
    }

    static Integer whole(Map<String, Object> params, String name) {
        return params.get(name) instanceof Number n ? n.intValue() : null;
    }
}
