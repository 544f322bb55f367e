package io.atelier.providers.spec;

import io.atelier.json.Json;
import io.atelier.model.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule between parameters, or between a parameter and the prompt, that no single parameter's spec can say. Each is
 * checked here and published in the operation's JSON Schema (an {@code allOf} entry, or {@code x-prompt.requiredIf}),
 * so the web form refuses the same combinations without a copy of the rule. {@code x-field} and {@code x-message}
 * say which field to mark and what to tell the user.
 */
public sealed interface FieldRule {

    /** The problem with these values, or null. */
    FieldError problem(String prompt, Map<String, Object> params);

    /** The rule as a JSON Schema over the params object. */
    Map<String, Object> schema();

    /** {@code field} set to {@code value} rules out {@code other} set to {@code otherValue}. */
    static FieldRule excludes(String field, Object value, String other, Object otherValue, String message) {
        return new Excludes(field, value, other, otherValue, message);
    }

    /** At least one of these numbers is given and above {@code floor}. */
    static FieldRule oneAbove(int floor, String message, String... names) {
        return new OneAbove(List.of(names), floor, message);
    }

    /** The prompt is needed when {@code param} is not given. */
    static FieldRule promptUnless(String param, String message) {
        return new PromptUnless(param, message);
    }

    /** The prompt is needed when {@code param} (text, or JSON as text) contains {@code text}. */
    static FieldRule promptWhenContains(String param, String text, String message) {
        return new PromptWhenContains(param, text, message);
    }

    /** The prompt is needed when {@code param} is one of {@code values} (an upscale mode that reads a prompt). */
    static FieldRule promptWhenOneOf(String param, List<?> values, String message) {
        return new PromptWhenOneOf(param, List.copyOf(values), message);
    }

    /** {@code field}, when given, lies in [min, max] while {@code param} is {@code value}: a narrower range for one mode. */
    static FieldRule rangeWhen(String field, double min, double max, String param, Object value, String message) {
        return new RangeWhen(field, min, max, param, value, message);
    }

    /** Prompt rules go into x-prompt; the others are parameter rules. */
    default boolean aboutPrompt() {
        return this instanceof PromptUnless || this instanceof PromptWhenContains || this instanceof PromptWhenOneOf;
    }

    record Excludes(String field, Object value, String other, Object otherValue, String message) implements FieldRule {
        public FieldError problem(String prompt, Map<String, Object> params) {
            return value.equals(params.get(field)) && otherValue.equals(params.get(other))
                    ? new FieldError(field, message)
                    : null;
        }

        public Map<String, Object> schema() {
            return annotated(
                    Map.of(
                            "if",
                                    Map.of(
                                            "properties",
                                            Map.of(field, Map.of("const", value)),
                                            "required",
                                            List.of(field)),
                            "then",
                                    Map.of(
                                            "not",
                                            Map.of(
                                                    "properties",
                                                    Map.of(other, Map.of("const", otherValue)),
                                                    "required",
                                                    List.of(other)))),
                    field,
                    message);
        }
    }

    record OneAbove(List<String> names, int floor, String message) implements FieldRule {
        public FieldError problem(String prompt, Map<String, Object> params) {
            boolean any = names.stream().anyMatch(n -> params.get(n) instanceof Number v && v.doubleValue() > floor);
            return any ? null : new FieldError(names.get(0), message);
        }

        public Map<String, Object> schema() {
            return annotated(
                    Map.of(
                            "anyOf",
                            names.stream()
                                    .map(n -> Map.of(
                                            "properties",
                                            Map.of(n, Map.of("exclusiveMinimum", floor)),
                                            "required",
                                            List.of(n)))
                                    .toList()),
                    names.get(0),
                    message);
        }
    }

    record PromptUnless(String param, String message) implements FieldRule {
        public FieldError problem(String prompt, Map<String, Object> params) {
            return params.get(param) == null && blank(prompt) ? new FieldError(param, message) : null;
        }

        public Map<String, Object> schema() {
            return annotated(Map.of("not", Map.of("required", List.of(param))), param, message);
        }
    }

    record PromptWhenContains(String param, String text, String message) implements FieldRule {
        public FieldError problem(String prompt, Map<String, Object> params) {
            Object value = params.get(param);
            String asText = value instanceof String s ? s : value == null ? "" : Json.write(value);
            return asText.contains(text) && blank(prompt) ? new FieldError("prompt", message) : null;
        }

        public Map<String, Object> schema() {
            // The form holds a JSON parameter as text, which the schema also accepts: the pattern reads it there.
            String pattern = text.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0");
            return annotated(
                    Map.of(
                            "properties",
                            Map.of(param, Map.of("type", "string", "pattern", pattern)),
                            "required",
                            List.of(param)),
                    "prompt",
                    message);
        }
    }

    record PromptWhenOneOf(String param, List<Object> values, String message) implements FieldRule {
        public FieldError problem(String prompt, Map<String, Object> params) {
            Object value = params.get(param);
            return value != null && values.contains(value) && blank(prompt) ? new FieldError("prompt", message) : null;
        }

        public Map<String, Object> schema() {
            return annotated(
                    Map.of("properties", Map.of(param, Map.of("enum", values)), "required", List.of(param)),
                    "prompt",
                    message);
        }
    }

    record RangeWhen(String field, double min, double max, String param, Object value, String message)
            implements FieldRule {
        public FieldError problem(String prompt, Map<String, Object> params) {
            if (!value.equals(params.get(param)) || !(params.get(field) instanceof Number n)) return null;
            return n.doubleValue() >= min && n.doubleValue() <= max ? null : new FieldError(field, message);
        }

        public Map<String, Object> schema() {
            return annotated(
                    Map.of(
                            "if",
                                    Map.of(
                                            "properties",
                                            Map.of(param, Map.of("const", value)),
                                            "required",
                                            List.of(param)),
                            "then", Map.of("properties", Map.of(field, Map.of("minimum", min, "maximum", max)))),
                    field,
                    message);
        }
    }

    private static boolean blank(String prompt) {
        return prompt == null || prompt.isBlank();
    }

    private static Map<String, Object> annotated(Map<String, Object> schema, String field, String message) {
        Map<String, Object> out = new LinkedHashMap<>(schema);
        out.put("x-field", field);
        out.put("x-message", message);
        return out;
    }
}
