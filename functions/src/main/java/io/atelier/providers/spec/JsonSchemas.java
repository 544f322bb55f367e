package io.atelier.providers.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An operation's declared parameters as a JSON Schema (draft 2020-12) object, for {@code GET /providers}. Atelier's own
 * annotations: {@code x-prompt} ({@code use}: required, optional or unused; {@code maxLength}) and {@code x-unit}.
 */
public final class JsonSchemas {
    private JsonSchemas() {}

    public static Map<String, Object> of(OperationSpec spec) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        Map<String, Object> properties = new LinkedHashMap<>();
        for (ParamSpec param : spec.params().values()) properties.put(param.name(), property(param));
        schema.put("properties", properties);
        List<String> required = spec.params().values().stream()
                .filter(ParamSpec::required)
                .map(ParamSpec::name)
                .toList();
        if (!required.isEmpty()) schema.put("required", required);
        List<Object> groups = new java.util.ArrayList<>(
                spec.anyOf().stream().map(JsonSchemas::anyOf).toList());
        spec.rules().stream().filter(r -> !r.aboutPrompt()).forEach(r -> groups.add(r.schema()));
        // One group becomes anyOf; several must each hold, so they are wrapped in allOf.
        if (groups.size() == 1 && spec.rules().stream().allMatch(FieldRule::aboutPrompt))
            schema.putAll(anyOf(spec.anyOf().get(0)));
        else if (!groups.isEmpty()) schema.put("allOf", groups);
        schema.put("additionalProperties", false);
        Map<String, Object> prompt = new LinkedHashMap<>();
        prompt.put("use", spec.prompt().wire());
        if (spec.promptMaxLength() != null) prompt.put("maxLength", spec.promptMaxLength());
        // The prompt is needed when the params match this (an optional prompt that some values make necessary).
        List<Map<String, Object>> promptRules = spec.rules().stream()
                .filter(FieldRule::aboutPrompt)
                .map(FieldRule::schema)
                .toList();
        if (promptRules.size() == 1) prompt.put("requiredIf", promptRules.get(0));
        else if (!promptRules.isEmpty()) prompt.put("requiredIf", Map.of("anyOf", promptRules));
        schema.put("x-prompt", prompt);
        return schema;
    }

    private static Map<String, Object> anyOf(List<String> names) {
        return Map.of(
                "anyOf",
                names.stream().map(name -> Map.of("required", List.of(name))).toList());
    }

    private static Map<String, Object> property(ParamSpec param) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (param.type()) {
            case INTEGER -> out.put("type", "integer");
            case NUMBER -> out.put("type", "number");
            case STRING -> out.put("type", "string");
            case BOOLEAN -> out.put("type", "boolean");
            case COLOR -> {
                out.put("type", "string");
                out.put("format", "color");
                out.put("pattern", "^(#?[0-9a-fA-F]{6}|none)$");
            }
            case JSON -> {
                out.put("type", List.of("object", "string"));
                out.put("contentMediaType", "application/json");
            }
        }
        if (!param.values().isEmpty()) out.put("enum", param.values());
        else {
            if (param.min() != null) out.put("minimum", number(param.min()));
            if (param.max() != null) out.put("maximum", number(param.max()));
        }
        if (param.minLength() != null && param.minLength() > 0) out.put("minLength", param.minLength());
        if (param.maxLength() != null) out.put("maxLength", param.maxLength());
        if (param.defaultValue() != null) out.put("default", param.defaultValue());
        if (param.description() != null) out.put("description", param.description());
        if (param.unit() != null) out.put("x-unit", param.unit());
        return out;
    }

    /** 3.0 is published as 3, so integer bounds read as integers (Long.MAX_VALUE included). */
    private static Number number(double value) {
        return value == Math.rint(value) && Math.abs(value) <= Long.MAX_VALUE ? (Number) (long) value : value;
    }
}
