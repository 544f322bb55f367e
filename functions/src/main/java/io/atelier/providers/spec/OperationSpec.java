package io.atelier.providers.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one operation of one provider accepts: its prompt, its parameters, and groups of which at least one must be
 * given (resize needs a width or a height), and {@link FieldRule}s between fields, published in the schema too. Rules
 * this cannot say (a png output with a compression level) stay in the provider's own {@code validate}.
 */
public record OperationSpec(
        Prompt prompt,
        Integer promptMaxLength,
        Map<String, ParamSpec> params,
        List<List<String>> anyOf,
        List<FieldRule> rules) {

    public static OperationSpec of(Prompt prompt, ParamSpec... params) {
        Map<String, ParamSpec> byName = new LinkedHashMap<>();
        for (ParamSpec p : params) byName.put(p.name(), p);
        return new OperationSpec(prompt, null, byName, List.of(), List.of());
    }

    public OperationSpec promptMaxLength(int max) {
        return new OperationSpec(prompt, max, params, anyOf, rules);
    }

    /** At least one of these parameters must be given. */
    public OperationSpec needsOneOf(String... names) {
        List<List<String>> groups = new ArrayList<>(anyOf);
        groups.add(List.of(names));
        return new OperationSpec(prompt, promptMaxLength, params, List.copyOf(groups), rules);
    }

    /** The same operation with more parameters (shared output options, for instance). */
    public OperationSpec plus(List<ParamSpec> more) {
        Map<String, ParamSpec> byName = new LinkedHashMap<>(params);
        for (ParamSpec p : more) byName.put(p.name(), p);
        return new OperationSpec(prompt, promptMaxLength, byName, anyOf, rules);
    }

    /** The same operation with rules between its fields. */
    public OperationSpec with(FieldRule... more) {
        List<FieldRule> all = new ArrayList<>(rules);
        all.addAll(List.of(more));
        return new OperationSpec(prompt, promptMaxLength, params, anyOf, List.copyOf(all));
    }
}
