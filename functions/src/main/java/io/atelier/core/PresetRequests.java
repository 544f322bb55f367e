package io.atelier.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.json.Json;
import io.atelier.model.FieldError;
import io.atelier.model.Step;
import io.atelier.presets.Preset;
import io.atelier.presets.Presets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The job fields around presets: {@code preset} (a name, instead of operation or steps: the preset's workflow) and
 * {@code checks} (true or a preset name: check the final image against those rules, for any job).
 */
final class PresetRequests {
    private PresetRequests() {}

    static boolean named(JsonNode body) {
        return body.has("preset") && !body.get("preset").isNull();
    }

    /** The preset's steps, or an empty list with the field's error. */
    static List<Step> steps(JsonNode body, List<FieldError> errors) {
        JsonNode name = body.get("preset");
        if (body.has("operation") || body.has("steps"))
            errors.add(new FieldError("preset", "give a preset or an operation/steps, not both"));
        Preset preset = name.isTextual() ? Presets.find(name.asText()).orElse(null) : null;
        if (preset == null) {
            errors.add(new FieldError(
                    "preset",
                    "unknown preset; use one of "
                            + String.join(
                                    ", ",
                                    Presets.all().stream().map(Preset::name).toList())));
            return List.of();
        }
        JsonNode params = body.get("params");
        if (params != null && !params.isNull() && !params.isObject()) {
            errors.add(new FieldError("params", "params must be an object"));
            return List.of();
        }
        return Presets.steps(preset, params == null || params.isNull() ? Map.of() : Json.map(params));
    }

    /** The steps with {@code checks} added to the last one's params, if the job asks for checks. */
    static List<Step> withChecks(List<Step> steps, JsonNode body, List<FieldError> errors) {
        JsonNode checks = body.get("checks");
        if (checks == null || checks.isNull() || steps.isEmpty() || steps.get(steps.size() - 1) == null) return steps;
        Object value;
        if (checks.isBoolean()) value = checks.asBoolean();
        else if (checks.isTextual() && Presets.find(checks.asText()).isPresent()) value = checks.asText();
        else {
            errors.add(
                    new FieldError("checks", "checks must be true, false or a preset name (GET /presets lists them)"));
            return steps;
        }
        List<Step> out = new ArrayList<>(steps);
        Step last = out.get(out.size() - 1);
        Map<String, Object> params = new HashMap<>(last.params());
        params.put(ResultChecks.KEY, value);
        out.set(out.size() - 1, last.withParams(params));
        return out;
    }
}
