package io.atelier.providers.spec;

/** The kinds of value a parameter takes; each maps to one JSON Schema shape (see {@link JsonSchemas}). */
public enum ParamType {
    /** A whole number: 4 and 4.0 both count, 4.5 does not. */
    INTEGER,
    NUMBER,
    STRING,
    BOOLEAN,
    /** {@code #rrggbb} (the {@code #} optional) or {@code none} for transparent. */
    COLOR,
    /** A JSON object, or a string holding one. */
    JSON
}
