package io.atelier.core;

import io.atelier.model.Step;
import io.atelier.model.Task;
import io.atelier.presets.Check;
import io.atelier.presets.Compliance;
import io.atelier.presets.Presets;
import io.atelier.providers.ProviderResult;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compliance checks of a task's final image, when its last step asks for them ({@code checks}: a preset name or
 * true; every preset's frame step does). They are kept in the task's provenance as {@code checks}.
 */
public final class ResultChecks {
    static final String KEY = "checks";

    private ResultChecks() {}

    static Map<String, Object> attach(Map<String, Object> provenance, Step last, Task task, ProviderResult result) {
        Map<String, Object> params = new HashMap<>(last.params());
        params.putAll(task.params());
        return Presets.rulesFor(params.get(KEY))
                .map(rules -> {
                    List<Map<String, Object>> checks = Compliance.check(result.bytes(), result.format(), rules).stream()
                            .map(Check::toMap)
                            .toList();
                    Map<String, Object> out = new LinkedHashMap<>(provenance);
                    out.put(KEY, checks);
                    return out;
                })
                .orElse(provenance);
    }

    /** The checks recorded on a task; empty if none were asked for. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> of(Task task) {
        return task.provenance().get(KEY) instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    public static boolean anyFailed(Task task) {
        return of(task).stream().anyMatch(check -> Boolean.FALSE.equals(check.get("passed")));
    }
}
