package io.atelier.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.json.Json;
import io.atelier.model.FieldError;
import io.atelier.model.Ids;
import io.atelier.model.JobPreset;
import io.atelier.providers.ProviderRegistry;
import io.atelier.store.PresetStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A person's own presets: a job's settings saved under a name ({@code POST /job-presets}), checked as a submission is
 * when saved, and run on images, a manifest or whole SKUs with {@code POST /jobs {"jobPreset": "jps_…", …}}.
 */
public final class JobPresets {
    static final int MAX_PRESETS = 200;
    /** What a preset may hold: a job's settings, never its images. */
    static final Set<String> SETTINGS = Set.of(
            "operation",
            "provider",
            "model",
            "prompt",
            "params",
            "steps",
            "preset",
            "checks",
            "outputName",
            "promptTemplate");
    /** Stands in for the images when a preset's settings are checked (the shape of an image id; never looked up). */
    private static final String SAMPLE_IMAGE = "img_00000000000000000000000000";

    private final PresetStore store;
    private final JobRequestParser parser;
    private final Clock clock;

    public JobPresets(PresetStore store, ProviderRegistry providers, Clock clock) {
        this.store = store;
        this.parser = new JobRequestParser(providers, 1);
        this.clock = clock;
    }

    public List<JobPreset> list(String owner) {
        List<JobPreset> all = new ArrayList<>(store.list(owner));
        all.sort(Comparator.comparing(preset -> preset.name().toLowerCase(Locale.ROOT)));
        return all;
    }

    public JobPreset get(String owner, String presetId) {
        if (!Ids.isValid(Ids.PRESET, presetId)) throw new NotFoundException("Preset " + presetId);
        return store.find(owner, presetId).orElseThrow(() -> new NotFoundException("Preset " + presetId));
    }

    public JobPreset create(String owner, JsonNode body) {
        Checked checked = check(body);
        if (store.list(owner).size() >= MAX_PRESETS)
            throw new ConflictException(
                    "You have " + MAX_PRESETS + " presets, the most one person may keep; delete some first.");
        Instant now = clock.instant();
        JobPreset preset = new JobPreset(owner, Ids.preset(), checked.name(), checked.settings(), now, now);
        store.put(preset);
        return preset;
    }

    public JobPreset update(String owner, String presetId, JsonNode body) {
        JobPreset current = get(owner, presetId);
        Checked checked = check(body);
        JobPreset updated = new JobPreset(
                owner, presetId, checked.name(), checked.settings(), current.createdAt(), clock.instant());
        store.put(updated);
        return updated;
    }

    public void delete(String owner, String presetId) {
        if (!Ids.isValid(Ids.PRESET, presetId) || !store.delete(owner, presetId))
            throw new NotFoundException("Preset " + presetId);
    }

    public static Map<String, Object> json(JobPreset preset) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("presetId", preset.presetId());
        out.put("name", preset.name());
        out.put("settings", preset.settings());
        out.put("createdAt", Json.time(preset.createdAt()));
        out.put("updatedAt", Json.time(preset.updatedAt()));
        return out;
    }

    private record Checked(String name, Map<String, Object> settings) {}

    /** {@code {name, settings}}: settings hold only a job's settings, and must make a valid job with an image. */
    private Checked check(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode name = body.get("name");
        if (name == null
                || !name.isTextual()
                || name.asText().isBlank()
                || name.asText().length() > 100)
            errors.add(new FieldError("name", "name must be text of 1 to 100 characters"));
        JsonNode settings = body.get("settings");
        if (settings == null || !settings.isObject()) {
            errors.add(new FieldError("settings", "settings must be an object: operation or steps, provider, params…"));
            throw new InvalidRequestException(JobRequestParser.summary(errors), errors);
        }
        settings.fieldNames().forEachRemaining(field -> {
            if (!SETTINGS.contains(field))
                errors.add(new FieldError(
                        "settings." + field,
                        "not a setting a preset keeps; use "
                                + String.join(", ", SETTINGS.stream().sorted().toList())));
        });
        if (!errors.isEmpty()) throw new InvalidRequestException(JobRequestParser.summary(errors), errors);
        ObjectNode sample = settings.deepCopy();
        boolean generates =
                Operations.GENERATE.equals(settings.path("operation").asText(""));
        if (generates) sample.put("count", 1);
        else sample.putArray("items").addObject().put("imageId", SAMPLE_IMAGE);
        try {
            parser.parse(sample);
        } catch (InvalidRequestException e) {
            List<FieldError> named = e.errors().stream()
                    .map(error -> new FieldError("settings." + error.field(), error.message()))
                    .toList();
            throw new InvalidRequestException(JobRequestParser.summary(named), named);
        }
        return new Checked(name.asText().strip(), Json.map(settings));
    }
}
