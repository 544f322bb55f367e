package io.atelier.presets;

import java.util.LinkedHashMap;
import java.util.Map;

/** One rule applied to one result: what was measured and the limit it was held to. */
public record Check(String rule, boolean passed, Object value, Object limit) {

    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rule", rule);
        out.put("passed", passed);
        out.put("value", value);
        out.put("limit", limit);
        return out;
    }
}
