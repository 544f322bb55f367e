package io.atelier.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.json.Json;
import io.atelier.model.Ids;
import io.atelier.model.ImageRecord;
import io.atelier.model.JobPreset;
import io.atelier.store.ImageStore;
import io.atelier.store.Page;
import io.atelier.store.PageRequest;
import io.atelier.store.PresetStore;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /jobs} with {@code "jobPreset": "jps_…"}: the preset's settings, under what the request itself says; and
 * with {@code "project"} and {@code "skus"} instead of items, every image of those SKUs (the main image first).
 */
final class PresetJobs {
    /** At most this many images are read per SKU. */
    static final int MAX_IMAGES_PER_SKU = 1_000;

    private PresetJobs() {}

    static JsonNode expand(String owner, JsonNode body, PresetStore presets, ImageStore images) {
        JsonNode withPreset = withPreset(owner, body, presets);
        return withSkus(owner, withPreset, images);
    }

    private static JsonNode withPreset(String owner, JsonNode body, PresetStore presets) {
        JsonNode id = body.get("jobPreset");
        if (id == null || id.isNull()) return body;
        if (presets == null) throw new InvalidRequestException("jobPreset", "presets are not available here");
        String presetId = id.asText("");
        JobPreset preset = Ids.isValid(Ids.PRESET, presetId)
                ? presets.find(owner, presetId).orElse(null)
                : null;
        if (preset == null)
            throw new InvalidRequestException("jobPreset", "no preset " + FileNames.display(presetId) + " of yours");
        ObjectNode merged = ((ObjectNode) body).deepCopy();
        merged.remove("jobPreset");
        JsonNode settings = Json.MAPPER.valueToTree(preset.settings());
        // A workflow preset's steps replace the single-step fields and the other way round: never both.
        boolean requestHasStep = merged.has("operation") || merged.has("steps") || merged.has("preset");
        settings.fields().forEachRemaining(entry -> {
            boolean stepField =
                    List.of("operation", "provider", "model", "steps", "preset").contains(entry.getKey());
            if (!merged.has(entry.getKey()) && !(stepField && requestHasStep))
                merged.set(entry.getKey(), entry.getValue());
        });
        if (!merged.has("name")) merged.put("name", preset.name());
        return merged;
    }

    private static JsonNode withSkus(String owner, JsonNode body, ImageStore images) {
        JsonNode skus = body.get("skus");
        if (skus == null || skus.isNull()) return body;
        if (body.has("items") || body.has("manifest"))
            throw new InvalidRequestException("skus", "send skus, items or a manifest: one of them");
        String project = body.path("project").asText(null);
        if (project == null || Placements.problem(project).isPresent())
            throw new InvalidRequestException("project", "the project of the skus is required");
        if (!skus.isArray() || skus.isEmpty() || skus.size() > 1_000)
            throw new InvalidRequestException("skus", "skus must list 1 to 1000 SKUs");
        ObjectNode expanded = ((ObjectNode) body).deepCopy();
        expanded.remove("skus");
        expanded.remove("project");
        ArrayNode items = expanded.putArray("items");
        List<io.atelier.model.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < skus.size(); i++) {
            String sku = skus.get(i).asText("");
            List<ImageRecord> found =
                    Placements.problem(sku).isPresent() ? List.of() : imagesOf(owner, project, sku, images);
            if (found.isEmpty())
                errors.add(new io.atelier.model.FieldError(
                        "skus[" + i + "]",
                        "no images of SKU \"" + FileNames.display(sku) + "\" in project " + project));
            for (ImageRecord image : found) items.addObject().put("imageId", image.imageId());
        }
        if (!errors.isEmpty()) throw new InvalidRequestException(JobRequestParser.summary(errors), errors);
        return expanded;
    }

    private static List<ImageRecord> imagesOf(String owner, String project, String sku, ImageStore images) {
        List<ImageRecord> found = new ArrayList<>();
        String cursor = null;
        do {
            Page<ImageRecord> page =
                    images.listInProject(owner, project, sku, new PageRequest(PageRequest.MAX_LIMIT, cursor));
            found.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null && found.size() < MAX_IMAGES_PER_SKU);
        found.sort(java.util.Comparator.comparing(
                (ImageRecord image) -> !"main".equals(image.placement().role())));
        return found;
    }
}
