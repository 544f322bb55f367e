package io.atelier.providers.spec;

import io.atelier.model.FieldError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one validator behind every provider's declared parameters. Problems name the field relative to the params
 * object ("factor"), or "prompt"; the caller places them in the request.
 */
public final class ParamValidator {
    static final Pattern COLOR = Pattern.compile("#?[0-9a-fA-F]{6}|none");

    private ParamValidator() {}

    /** Type, range, allowed values, required parameters and prompt; unknown names are {@link #unknown}'s job. */
    public static List<FieldError> problems(
            String operation, OperationSpec spec, String prompt, Map<String, Object> params) {
        List<FieldError> problems = new ArrayList<>();
        boolean hasPrompt = prompt != null && !prompt.isBlank();
        if (spec.prompt() == Prompt.REQUIRED && !hasPrompt)
            problems.add(new FieldError("prompt", operation + " needs a prompt"));
        if (hasPrompt && spec.promptMaxLength() != null && prompt.length() > spec.promptMaxLength())
            problems.add(
                    new FieldError("prompt", "the prompt must be at most " + spec.promptMaxLength() + " characters"));
        for (ParamSpec param : spec.params().values()) {
            Object value = params.get(param.name());
            if (value == null) {
                if (param.required()) problems.add(new FieldError(param.name(), operation + " needs " + param.name()));
                continue;
            }
            String wrong = problem(param, value);
            if (wrong != null) problems.add(new FieldError(param.name(), param.name() + " must be " + wrong));
        }
        for (List<String> group : spec.anyOf()) {
            if (group.stream().noneMatch(name -> params.get(name) != null))
                problems.add(new FieldError(group.get(0), operation + " needs " + orList(group)));
        }
        for (FieldRule rule : spec.rules()) {
            FieldError problem = rule.problem(prompt, params);
            // One problem per field: a value outside its range needs no second word from a narrower rule.
            if (problem != null && problems.stream().noneMatch(p -> p.field().equals(problem.field())))
                problems.add(problem);
        }
        return problems;
    }

    /** Parameters the operation does not declare, each with the nearest declared name when one is close. */
    /** Set by Atelier itself on a job's last step (a job's {@code checks}), not a provider's parameter. */
    public static final java.util.Set<String> RESERVED = java.util.Set.of("checks");

    public static List<FieldError> unknown(OperationSpec spec, Map<String, Object> params) {
        List<FieldError> problems = new ArrayList<>();
        for (String name : params.keySet()) {
            if (spec.params().containsKey(name) || RESERVED.contains(name)) continue;
            String nearest = Names.nearest(name, spec.params().keySet());
            problems.add(new FieldError(
                    name, "unknown parameter" + (nearest == null ? "" : "; did you mean " + nearest + "?")));
        }
        return problems;
    }

    /** What the value should have been, or null when it is fine. */
    private static String problem(ParamSpec param, Object value) {
        return switch (param.type()) {
            case INTEGER -> {
                Long whole = wholeNumber(value);
                if (!param.values().isEmpty())
                    yield whole != null && param.values().stream().anyMatch(v -> ((Number) v).longValue() == whole)
                            ? null
                            : orList(param.values());
                yield whole != null && inRange(whole, param) ? null : "a whole number" + range(param);
            }
            case NUMBER ->
                value instanceof Number n && Double.isFinite(n.doubleValue()) && inRange(n.doubleValue(), param)
                        ? null
                        : "a number" + range(param);
            case STRING -> {
                if (!param.values().isEmpty())
                    yield param.values().contains(value) ? null : "one of " + String.join(", ", texts(param.values()));
                if (!(value instanceof String s)) yield "text" + lengths(param);
                boolean fits = (param.minLength() == null || s.strip().length() >= param.minLength())
                        && (param.maxLength() == null || s.length() <= param.maxLength());
                yield fits ? null : "text" + lengths(param);
            }
            case BOOLEAN -> value instanceof Boolean ? null : "true or false";
            case COLOR ->
                value instanceof String s && COLOR.matcher(s).matches() ? null : "a colour like #ffffff, or none";
            case JSON ->
                value instanceof Map<?, ?> || value instanceof String
                        ? null
                        : "a JSON object (or a string holding one)";
        };
    }

    /** Whole numbers as JSON gives them: 4 and 4.0 count, 4.5 does not. */
    public static Long wholeNumber(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short)
            return ((Number) value).longValue();
        if (value instanceof BigInteger b) return b.bitLength() < 63 ? b.longValue() : null;
        if (value instanceof Number n) {
            double d = n instanceof BigDecimal b ? b.doubleValue() : n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) return (long) d;
        }
        return null;
    }

    private static boolean inRange(double value, ParamSpec param) {
        return (param.min() == null || value >= param.min()) && (param.max() == null || value <= param.max());
    }

    private static String range(ParamSpec param) {
        if (param.min() != null && param.max() != null)
            return " from " + plain(param.min()) + " to " + plain(param.max());
        if (param.min() != null) return " of at least " + plain(param.min());
        return param.max() != null ? " of at most " + plain(param.max()) : "";
    }

    private static String lengths(ParamSpec param) {
        if (param.maxLength() == null) return "";
        return param.minLength() != null && param.minLength() > 0
                ? " of " + param.minLength() + " to " + param.maxLength() + " characters"
                : " of at most " + param.maxLength() + " characters";
    }

    /** 0.2 stays "0.2", 3.0 becomes "3". */
    static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }

    private static List<String> texts(List<Object> values) {
        return values.stream().map(String::valueOf).toList();
    }

    private static String orList(List<?> values) {
        List<String> texts = values.stream().map(String::valueOf).toList();
        if (texts.size() == 1) return texts.get(0);
        return String.join(", ", texts.subList(0, texts.size() - 1)) + " or " + texts.get(texts.size() - 1);
    }
}
