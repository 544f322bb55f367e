package io.atelier.presets;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named listing format: the frame it is made with (the `frame` operation's params) and the rules its result is
 * checked against.
 */
public record Preset(String name, String title, String description, Map<String, Object> frame, Rules rules) {

    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("title", title);
        out.put("description", description);
        out.put("steps", java.util.List.of("remove-background", "frame"));
        out.put("frame", frame);
        out.put("rules", rules.describe());
        return out;
    }
}
