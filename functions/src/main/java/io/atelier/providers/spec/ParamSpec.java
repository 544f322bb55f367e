package io.atelier.providers.spec;

import java.util.List;

/**
 * One parameter of one operation, declared once: the generic validator checks it, {@code GET /providers} publishes
 * it as JSON Schema, and the web form draws its control from that. Build with the static factories and the
 * {@code with…} methods, e.g. {@code ParamSpec.integer("factor", 2, 4).oneOf(2, 4).defaultValue(2)}.
 *
 * @param values   the allowed values (an enum), or empty for any value of the type within the range
 * @param min      inclusive bounds for numbers, null when open
 * @param maxLength for text, null when unbounded
 * @param unit     "px", "%"…, shown next to the control; null when none
 */
public record ParamSpec(
        String name,
        ParamType type,
        Double min,
        Double max,
        List<Object> values,
        Integer minLength,
        Integer maxLength,
        boolean required,
        Object defaultValue,
        String description,
        String unit) {

    public static ParamSpec integer(String name, long min, long max) {
        return new ParamSpec(
                name, ParamType.INTEGER, (double) min, (double) max, List.of(), null, null, false, null, null, null);
    }

    public static ParamSpec number(String name, double min, double max) {
        return new ParamSpec(name, ParamType.NUMBER, min, max, List.of(), null, null, false, null, null, null);
    }

    public static ParamSpec text(String name, int minLength, int maxLength) {
        return new ParamSpec(
                name, ParamType.STRING, null, null, List.of(), minLength, maxLength, false, null, null, null);
    }

    public static ParamSpec choice(String name, List<String> values) {
        return new ParamSpec(
                name, ParamType.STRING, null, null, List.copyOf(values), null, null, false, null, null, null);
    }

    public static ParamSpec bool(String name) {
        return new ParamSpec(name, ParamType.BOOLEAN, null, null, List.of(), null, null, false, null, null, null);
    }

    /** A colour as {@code #rrggbb}, or {@code none} for transparent. */
    public static ParamSpec color(String name) {
        return new ParamSpec(name, ParamType.COLOR, null, null, List.of(), null, null, false, null, null, null);
    }

    /** A JSON document: an object, or a string holding one (e.g. a ComfyUI workflow). */
    public static ParamSpec json(String name) {
        return new ParamSpec(name, ParamType.JSON, null, null, List.of(), null, null, false, null, null, null);
    }

    /** Restricts a number to these values (e.g. an upscale factor of 2 or 4). */
    public ParamSpec oneOf(Object... allowed) {
        return new ParamSpec(
                name,
                type,
                min,
                max,
                List.of(allowed),
                minLength,
                maxLength,
                required,
                defaultValue,
                description,
                unit);
    }

    public ParamSpec mandatory() {
        return new ParamSpec(name, type, min, max, values, minLength, maxLength, true, defaultValue, description, unit);
    }

    /** What the provider uses when the parameter is left out; documentation and the form's starting value. */
    public ParamSpec defaultValue(Object value) {
        return new ParamSpec(name, type, min, max, values, minLength, maxLength, required, value, description, unit);
    }

    public ParamSpec describe(String text) {
        return new ParamSpec(name, type, min, max, values, minLength, maxLength, required, defaultValue, text, unit);
    }

    public ParamSpec unit(String text) {
        return new ParamSpec(
                name, type, min, max, values, minLength, maxLength, required, defaultValue, description, text);
    }
}
