package io.atelier.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.json.Json;
import io.atelier.model.Ids;
import io.atelier.model.ImageRecord;
import io.atelier.store.ImageStore;
import io.atelier.store.Page;
import io.atelier.store.PageRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /jobs} with {@code "manifest": {"format": "csv"|"jsonl", "text": "…"}} instead of {@code items}: the
 * manifest is checked whole and becomes the items (image, customId, prompt, parameters per row); a job-level
 * {@code outputName} or a row's own is checked to give every result a distinct, safe name. Any problem is a 400
 * naming the row and column, and nothing is started.
 */
final class ManifestJobs {
    /** Names are looked up among at most this many of the caller's newest images. */
    static final int MAX_IMAGES_BY_NAME = 10_000;

    private ManifestJobs() {}

    /** The body with its manifest turned into items; a body without a manifest is returned as it is. */
    static JsonNode expand(String owner, JsonNode body, ImageStore images, StoredManifests stored) {
        JsonNode manifest = body.get("manifest");
        if (manifest == null || manifest.isNull()) return body;
        if (body.has("items")) throw new InvalidRequestException("manifest", "send items or a manifest, not both");
        StoredManifests.Source source = source(owner, manifest, stored);
        Map<String, String> byName = new HashMap<>();
        List<Manifests.Row> rows =
                Manifests.parse(source.text(), source.format(), image -> lookUp(owner, image, images, byName));
        checkNames(body, rows, images, owner);
        ObjectNode expanded = ((ObjectNode) body).deepCopy();
        expanded.remove("manifest");
        ArrayNode items = expanded.putArray("items");
        for (Manifests.Row row : rows) {
            ObjectNode item = items.addObject();
            item.put("imageId", row.imageId());
            if (row.customId() != null) item.put("customId", row.customId());
            if (row.prompt() != null) item.put("prompt", row.prompt());
            if (row.sku() != null) item.put("sku", row.sku());
            if (row.outputName() != null) item.put("outputName", row.outputName());
            if (!row.vars().isEmpty()) item.set("templateValues", Json.MAPPER.valueToTree(row.vars()));
            item.put("row", row.row()); // names the row in errors found later (the prompt template's variables)
            if (!row.params().isEmpty()) item.set("params", Json.MAPPER.valueToTree(row.params()));
        }
        return expanded;
    }

    /** The manifest inline ({@code format}, {@code text}) or uploaded ({@code id}: another user's is not found). */
    private static StoredManifests.Source source(String owner, JsonNode manifest, StoredManifests stored) {
        if (manifest.isObject() && manifest.has("id")) {
            if (manifest.has("text"))
                throw new InvalidRequestException("manifest", "send the manifest's id or its text, not both");
            String id = manifest.path("id").asText("");
            if (!Ids.isValid(Ids.MANIFEST, id))
                throw new InvalidRequestException("manifest.id", "must be the id of a manifest you uploaded (man_…)");
            if (stored == null) throw new NotFoundException("Manifest " + id);
            return stored.forJob(owner, id);
        }
        if (!manifest.isObject() || !manifest.path("text").isTextual())
            throw new InvalidRequestException(
                    "manifest", "must be an object with format (csv or jsonl) and text, or the id of an uploaded one");
        try {
            return new StoredManifests.Source(
                    Manifests.Format.valueOf(
                            manifest.path("format").asText("csv").toUpperCase(Locale.ROOT)),
                    manifest.get("text").asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("manifest.format", "must be csv or jsonl");
        }
    }

    /** An id of the caller's, or a name among the caller's images (the newest of that name). */
    private static Optional<String> lookUp(String owner, String image, ImageStore images, Map<String, String> byName) {
        if (Ids.isValid(Ids.IMAGE, image)) return images.find(owner, image).map(ImageRecord::imageId);
        if (byName.isEmpty()) {
            String cursor = null;
            int read = 0;
            do {
                Page<ImageRecord> page = images.list(owner, new PageRequest(PageRequest.MAX_LIMIT, cursor));
                for (ImageRecord record : page.items()) byName.putIfAbsent(record.name(), record.imageId());
                read += page.items().size();
                cursor = page.nextCursor();
            } while (cursor != null && read < MAX_IMAGES_BY_NAME);
            byName.putIfAbsent("", "");
        }
        return Optional.ofNullable(byName.get(image)).filter(id -> !id.isEmpty());
    }

    private static void checkNames(JsonNode body, List<Manifests.Row> rows, ImageStore images, String owner) {
        String jobTemplate = body.path("outputName").asText(null);
        if (jobTemplate == null && rows.stream().allMatch(row -> row.outputName() == null)) return;
        List<String> rendered = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Manifests.Row row = rows.get(i);
            String template = row.outputName() != null ? row.outputName() : jobTemplate;
            String field = row.outputName() != null ? "row " + row.row() + ", outputName" : "outputName";
            ImageRecord image = images.find(owner, row.imageId()).orElseThrow();
            String sku = row.sku() != null ? row.sku() : image.placement().sku();
            OutputNames.Values value =
                    new OutputNames.Values(sku, image.placement().role(), image.name(), "png", row.customId(), i + 1);
            rendered.add(
                    template == null ? null : OutputNames.of(template, field).render(value));
        }
        OutputNames.requireDistinct(rendered, i -> "row " + rows.get(i).row());
    }
}
