package io.atelier.providers.local;

import io.atelier.providers.FieldProblem;
import java.awt.Color;
import java.util.List;
import java.util.Map;

/** Small shared checks for the studio operations' params (each operation's own class lists which apply). */
final class ParamChecks {
    private ParamChecks() {}

    static void colour(Map<String, Object> params, String name, boolean transparentAllowed, List<FieldProblem> problems) {
        Object value = params.get(name);
        if (value == null || (transparentAllowed && ("transparent".equals(value) || "none".equals(value)))) return;
        if (colour(value) == null)
            problems.add(new FieldProblem(name, name + " must be a colour like #ffffff" + (transparentAllowed ? " or transparent" : "")));
    }

    static void number(Map<String, Object> params, String name, double min, double max, List<FieldProblem> problems) {
        Object value = params.get(name);
        if (value != null && !(value instanceof Number n && n.doubleValue() >= min && n.doubleValue() <= max))
            problems.add(new FieldProblem(name, name + " must be a number from " + min + " to " + max));
    }

    static void whole(Map<String, Object> params, String name, int min, int max, List<FieldProblem> problems) {
        Object value = params.get(name);
        if (value != null && !(value instanceof Integer i && i >= min && i <= max))
            problems.add(new FieldProblem(name, name + " must be a whole number from " + min + " to " + max));
    }

    static void bool(Map<String, Object> params, String name, List<FieldProblem> problems) {
        Object value = params.get(name);
        if (value != null && !(value instanceof Boolean)) problems.add(new FieldProblem(name, name + " must be true or false"));
    }

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
