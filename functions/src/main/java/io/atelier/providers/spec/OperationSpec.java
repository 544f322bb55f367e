package io.atelier.providers.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one operation of one provider accepts: its prompt, its parameters, and groups of which at least one must be
 * given (resize needs a width or a height). Rules between fields that this cannot say (a png output with a
 * compression level) stay in the provider's own {@code validate}.
 */
public record OperationSpec(Prompt prompt, Integer promptMaxLength, Map<String, ParamSpec> params, List<List<String>> anyOf) {

    public static OperationSpec of(Prompt prompt, ParamSpec... params) {
        Map<String, ParamSpec> byName = new LinkedHashMap<>();
        for (ParamSpec p : params) byName.put(p.name(), p);
        return new OperationSpec(prompt, null, byName, List.of());
    }

    public OperationSpec promptMaxLength(int max) {
        return new OperationSpec(prompt, max, params, anyOf);
    }

    /** At least one of these parameters must be given. */
    public OperationSpec needsOneOf(String... names) {
        List<List<String>> groups = new ArrayList<>(anyOf);
        groups.add(List.of(names));
        return new OperationSpec(prompt, promptMaxLength, params, List.copyOf(groups));
    }

    /** The same operation with more parameters (shared output options, for instance). */
    public OperationSpec plus(List<ParamSpec> more) {
        Map<String, ParamSpec> byName = new LinkedHashMap<>(params);
        for (ParamSpec p : more) byName.put(p.name(), p);
        return new OperationSpec(prompt, promptMaxLength, byName, anyOf);
    }
}
