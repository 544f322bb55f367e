package io.atelier.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.imaging.ImageInspector;
import io.atelier.model.FieldError;
import io.atelier.model.Ids;
import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.model.Placement;
import io.atelier.store.ImageStore;
import io.atelier.store.SourceObjects;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /imports}: every object under an {@code s3://bucket/prefix/} the stack was granted becomes an image, as
 * if uploaded: a PENDING record named by its key (below the prefix; filed in {@code project} by SKU with
 * {@code namePattern}, as on {@code POST /uploads}), then a server-side copy into uploads/, whose
 * notification runs the same check as any upload (type by magic bytes, size, pixel bomb) and ends READY or REJECTED.
 * Objects that cannot be images (their type, size) or cannot be read are reported one by one, not imported.
 */
public final class Imports {
    /** Objects per import: each is one copy within the request (about 20 ms), well inside API Gateway's 30 s. */
    public static final int MAX_OBJECTS = 500;

    private static final Pattern SOURCE = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(.*)");
    private static final JsonNode NO_FIELDS = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    private static final Map<String, String> TYPES =
            Map.of("png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "webp", "image/webp");
    private final ImageStore images;
    private final SourceObjects sources;
    private final Set<String> grantedBuckets;
    private final Clock clock;

    public Imports(ImageStore images, SourceObjects sources, Set<String> grantedBuckets, Clock clock) {
        this.images = images;
        this.sources = sources;
        this.grantedBuckets = Set.copyOf(grantedBuckets);
        this.clock = clock;
    }

    public Map<String, Object> importPrefix(String owner, JsonNode body) {
        JsonNode given = body.get("source");
        if (given == null || !given.isTextual())
            throw new InvalidRequestException("source", "source is required: s3://bucket/prefix/");
        Matcher source = SOURCE.matcher(given.asText());
        if (!source.matches()) throw new InvalidRequestException("source", "source must look like s3://bucket/prefix/");
        String bucket = source.group(1), prefix = source.group(2);
        List<FieldError> errors = new ArrayList<>();
        UploadPlacements placements = UploadPlacements.of(body, errors); // project and namePattern, as on POST /uploads
        if (!errors.isEmpty()) throw new InvalidRequestException(errors.get(0).message(), errors);
        if (!grantedBuckets.contains(bucket))
            throw new InvalidRequestException(
                    "source",
                    "The stack was not granted access to bucket " + bucket + " (template parameter ImportBucket).");
        List<SourceObjects.SourceObject> objects;
        try {
            objects = sources.list(bucket, prefix, MAX_OBJECTS);
        } catch (RuntimeException e) {
            throw new InvalidRequestException(
                    "source", "The prefix could not be listed: " + e.getClass().getSimpleName() + ".");
        }
        if (objects.size() > MAX_OBJECTS)
            throw new InvalidRequestException(
                    "source", "More than " + MAX_OBJECTS + " objects under the prefix; import a narrower prefix.");
        if (objects.isEmpty()) throw new InvalidRequestException("source", "No objects under " + given.asText() + ".");

        Instant now = clock.instant();
        List<Map<String, Object>> imported = new ArrayList<>();
        List<Map<String, Object>> refused = new ArrayList<>();
        List<ImageRecord> records = new ArrayList<>();
        List<String[]> copies = new ArrayList<>();
        for (SourceObjects.SourceObject object : objects) {
            String name = object.key().substring(prefix.length());
            String type = TYPES.get(extension(name));
            List<FieldError> problems = new ArrayList<>();
            FileNames.problem(name).ifPresent(problem -> problems.add(new FieldError("name", problem)));
            Placement placement =
                    problems.isEmpty() ? placements.of(NO_FIELDS, "name", name, problems) : Placement.NONE;
            if (type == null) refused.add(refusal(object.key(), "not a PNG, JPEG or WebP file name"));
            else if (!problems.isEmpty())
                refused.add(refusal(object.key(), problems.get(0).message()));
            else if (object.size() == 0 || object.size() > ImageInspector.MAX_BYTES)
                refused.add(refusal(
                        object.key(),
                        "size " + object.size() + " bytes is outside 1 byte to " + (ImageInspector.MAX_BYTES >> 20)
                                + " MB"));
            else {
                ImageRecord record = new ImageRecord(
                        owner,
                        Ids.image(),
                        name,
                        ImageStatus.PENDING,
                        type,
                        object.size(),
                        null,
                        null,
                        null,
                        null,
                        now,
                        now,
                        null,
                        null,
                        placement);
                records.add(record);
                copies.add(new String[] {object.key(), record.objectKey(), type});
            }
        }
        // Records first: the copy's notification must find its PENDING image.
        if (!records.isEmpty()) images.createPending(records);
        for (int i = 0; i < records.size(); i++) {
            String[] copy = copies.get(i);
            try {
                sources.copyIn(bucket, copy[0], copy[1], copy[2]);
                Map<String, Object> image = new LinkedHashMap<>(Map.of(
                        "key",
                        copy[0],
                        "imageId",
                        records.get(i).imageId(),
                        "name",
                        records.get(i).name()));
                if (records.get(i).placement().sku() != null)
                    image.put("sku", records.get(i).placement().sku());
                imported.add(image);
            } catch (RuntimeException e) {
                images.delete(owner, records.get(i).imageId());
                refused.add(
                        refusal(copy[0], "could not be read (" + e.getClass().getSimpleName() + ")"));
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("source", given.asText());
        answer.put("images", imported);
        answer.put("refused", refused);
        return answer;
    }

    private static Map<String, Object> refusal(String key, String reason) {
        return Map.of("key", key, "reason", reason);
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
