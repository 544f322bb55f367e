package io.atelier.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.imaging.ImageInspector;
import io.atelier.json.Json;
import io.atelier.model.FieldError;
import io.atelier.model.Ids;
import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.model.Placement;
import io.atelier.store.ImageStore;
import io.atelier.store.ImportRecords;
import io.atelier.store.ImportRecords.ImportRecord;
import io.atelier.store.ImportRecords.Problem;
import io.atelier.store.SourceObjects;
import io.atelier.store.SourceObjects.SourceObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * ImportFunction's work: the prefix is listed a page at a time; each object is checked by its name and size, made a
 * PENDING image, copied server-side into uploads/ and checked there as any upload is (type by magic bytes, size,
 * pixel bomb). After each page the record takes the page's counts and the listing's continuation token in one
 * conditional write: a delivery that dies mid-page leaves the checkpoint before that page, and the page is done again
 * on redelivery. That is harmless because each object's image id is derived from the import and the key, so an object
 * already imported is found, not imported twice. Once listed, a job from a prefix is submitted over the READY images
 * (with the import as its idempotency key, so a repeated submission answers the same job).
 */
public final class ImportRun {
    private static final Logger LOG = Logger.getLogger(ImportRun.class.getName());
    /** Objects per page: a page's copies and checks take seconds, so the checkpoint is never far behind. */
    static final int PAGE = 100;

    private static final Map<String, String> TYPES =
            Map.of("png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "webp", "image/webp");

    /**
     * Submits a job on the owner's behalf, answering its id (the same job for the same idempotency key), with the
     * objects the import refused (key → why) reported on the job.
     */
    public interface JobSubmitter {
        String submit(String owner, JsonNode job, String idempotencyKey, Map<String, String> refused);
    }

    private final ImportRecords records;
    private final SourceObjects sources;
    private final ImageStore images;
    private final UploadCheck checks;
    private final JobSubmitter jobs;
    private final Consumer<Imports.Message> queue;
    private final Clock clock;

    public ImportRun(
            ImportRecords records,
            SourceObjects sources,
            ImageStore images,
            UploadCheck checks,
            JobSubmitter jobs,
            Consumer<Imports.Message> queue,
            Clock clock) {
        this.records = records;
        this.sources = sources;
        this.images = images;
        this.checks = checks;
        this.jobs = jobs;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * Goes on from the record's checkpoint while {@code timeLeft} says so; when time runs short, the message is sent
     * again to carry on in a fresh invocation. A finished import is not redone.
     */
    public void run(Imports.Message message, BooleanSupplier timeLeft) {
        ImportRecord record = records.find(message.owner(), message.importId()).orElse(null);
        if (record == null || record.status() != ImportRecords.Status.RUNNING) return;
        while (!record.listed()) {
            if (!timeLeft.getAsBoolean()) {
                queue.accept(message);
                return;
            }
            ImportRecord next = page(record);
            if (!records.advance(next, record.pages())) return; // another delivery got there first
            record = next;
        }
        records.advance(finish(record), record.pages());
    }

    /** The last delivery also failed: the import ends FAILED with why, rather than RUNNING for ever. */
    public void abandon(Imports.Message message, String why) {
        records.find(message.owner(), message.importId())
                .filter(record -> record.status() == ImportRecords.Status.RUNNING)
                .ifPresent(record ->
                        records.advance(ended(record, ImportRecords.Status.FAILED, null, why), record.pages()));
    }

    private ImportRecord page(ImportRecord record) {
        SourceObjects.Listing listing;
        try {
            listing = sources.page(record.bucket(), record.prefix(), record.cursor(), PAGE);
        } catch (RuntimeException e) {
            LOG.warning(() -> "Import " + record.importId() + ": " + record.source() + " not listed: " + e);
            return ended(
                    record,
                    ImportRecords.Status.FAILED,
                    null,
                    "The prefix could not be listed (" + e.getClass().getSimpleName() + ").");
        }
        List<Problem> refused = new ArrayList<>();
        int imported = importAll(record, listing.objects(), refused);
        List<Problem> problems = new ArrayList<>(record.problems());
        refused.stream()
                .limit(Math.max(0, ImportRecord.MAX_PROBLEMS - problems.size()))
                .forEach(problems::add);
        return new ImportRecord(
                record.owner(),
                record.importId(),
                record.bucket(),
                record.prefix(),
                record.project(),
                record.namePattern(),
                record.jobRequest(),
                record.status(),
                listing.next() == null,
                record.pages() + 1,
                listing.next(),
                record.found() + listing.objects().size(),
                record.imported() + imported,
                record.refused() + refused.size(),
                problems,
                record.jobId(),
                record.error(),
                record.createdAt(),
                record.finishedAt());
    }

    /** Imports one page's objects; answers how many ended READY and adds the others to {@code refused}. */
    private int importAll(ImportRecord record, List<SourceObject> objects, List<Problem> refused) {
        UploadPlacements placements = placements(record);
        Map<String, SourceObject> candidates = new LinkedHashMap<>(); // by image id
        Map<String, ImageRecord> planned = new LinkedHashMap<>();
        for (SourceObject object : objects) {
            String name = object.key().substring(record.prefix().length());
            Admission admission = admission(placements, name, object.size());
            if (admission.refusal().isPresent()) {
                refused.add(new Problem(object.key(), admission.refusal().get()));
                continue;
            }
            Placement placement = admission.placement();
            String imageId = imageId(record, object.key());
            candidates.put(imageId, object);
            planned.put(
                    imageId,
                    new ImageRecord(
                            record.owner(),
                            imageId,
                            name,
                            ImageStatus.PENDING,
                            TYPES.get(extension(name)),
                            object.size(),
                            null,
                            null,
                            null,
                            null,
                            clock.instant(),
                            clock.instant(),
                            null,
                            null,
                            placement));
        }
        // A page done again after a fault finds the images it made the first time.
        Map<String, ImageRecord> existing = images.findAll(record.owner(), candidates.keySet());
        List<ImageRecord> fresh = planned.values().stream()
                .filter(image -> !existing.containsKey(image.imageId()))
                .toList();
        if (!fresh.isEmpty()) images.createPending(fresh); // records first: the copy's notification must find them
        int imported = 0;
        for (Map.Entry<String, SourceObject> candidate : candidates.entrySet()) {
            ImageRecord image = existing.getOrDefault(candidate.getKey(), planned.get(candidate.getKey()));
            ImageRecord checked =
                    image.status() == ImageStatus.PENDING ? copyAndCheck(record, candidate.getValue(), image) : image;
            if (checked != null && checked.status() == ImageStatus.READY) imported++;
            else
                refused.add(new Problem(
                        candidate.getValue().key(),
                        checked == null ? "could not be read" : "rejected: " + checked.reason()));
        }
        return imported;
    }

    /** The copy and the upload check; null when the object could not be read (its image is removed). */
    private ImageRecord copyAndCheck(ImportRecord record, SourceObject object, ImageRecord image) {
        try {
            sources.copyIn(record.bucket(), object.key(), image.objectKey(), image.contentType());
        } catch (RuntimeException e) {
            LOG.warning(() -> "Import " + record.importId() + ": " + object.key() + " not read: " + e);
            images.delete(record.owner(), image.imageId());
            return null;
        }
        try {
            checks.objectCreated(image.objectKey(), object.size()); // the notification may have checked it already
        } catch (RuntimeException e) {
            // The notification's check of the same copy may have finished first (and removed a rejected one's bytes).
            if (images.find(record.owner(), image.imageId())
                    .filter(found -> found.status() != ImageStatus.PENDING)
                    .isEmpty()) throw e;
        }
        ImageRecord checked = images.find(record.owner(), image.imageId()).orElse(null);
        if (checked == null || checked.status() == ImageStatus.PENDING)
            throw new IllegalStateException("Image " + image.imageId() + " was not checked; the page is done again");
        return checked;
    }

    /** Listed: a job from the prefix is submitted over the READY images; a plain import is done. */
    private ImportRecord finish(ImportRecord record) {
        if (record.status() != ImportRecords.Status.RUNNING) return record;
        if (record.found() == 0)
            return ended(record, ImportRecords.Status.FAILED, null, "No objects under " + record.source() + ".");
        if (record.jobRequest() == null || record.jobId() != null)
            return ended(record, ImportRecords.Status.SUCCEEDED, record.jobId(), null);
        List<String> ready = readyImages(record);
        if (ready.isEmpty())
            return ended(
                    record,
                    ImportRecords.Status.FAILED,
                    null,
                    "None of the " + record.found() + " objects passed the upload check; no job was submitted.");
        ObjectNode job = jobRequest(record);
        ArrayNode items = job.putArray("items");
        ready.forEach(id -> items.addObject().put("imageId", id));
        try {
            return ended(
                    record,
                    ImportRecords.Status.SUCCEEDED,
                    jobs.submit(record.owner(), job, "import-" + record.importId(), refused(record)),
                    null);
        } catch (DomainException e) {
            return ended(record, ImportRecords.Status.FAILED, null, "The job was not submitted: " + e.getMessage());
        }
    }

    private static Map<String, String> refused(ImportRecord record) {
        Map<String, String> refused = new LinkedHashMap<>();
        record.problems().forEach(problem -> refused.put(problem.key(), problem.reason()));
        return refused;
    }

    private static ObjectNode jobRequest(ImportRecord record) {
        try {
            return (ObjectNode) Json.tree(record.jobRequest());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Import " + record.importId() + " stored a job that is not JSON", e);
        }
    }

    /** The READY images of the prefix in key order: listed again, their ids derived as they were made. */
    private List<String> readyImages(ImportRecord record) {
        List<String> ids = new ArrayList<>();
        String token = null;
        do {
            SourceObjects.Listing listing = sources.page(record.bucket(), record.prefix(), token, 1000);
            listing.objects().forEach(object -> ids.add(imageId(record, object.key())));
            token = listing.next();
        } while (token != null);
        List<String> ready = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 100) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 100));
            Map<String, ImageRecord> found = images.findAll(record.owner(), chunk);
            chunk.stream()
                    .filter(id -> found.containsKey(id) && found.get(id).status() == ImageStatus.READY)
                    .forEach(ready::add);
        }
        return ready;
    }

    private ImportRecord ended(ImportRecord record, ImportRecords.Status status, String jobId, String error) {
        return record.ended(status, jobId, error, clock.instant());
    }

    /**
     * An object's placement (project, SKU and role by the name pattern), or why it is refused before its bytes are read
     * (its name, its type by name, its size, the pattern); one without a refusal is copied and checked: what a dry run
     * of a job from a prefix counts as importable.
     */
    record Admission(Placement placement, Optional<String> refusal) {}

    static Admission admission(UploadPlacements placements, String name, long size) {
        Optional<String> problem = problem(name, size);
        if (problem.isPresent()) return new Admission(Placement.NONE, problem);
        List<FieldError> misplaced = new ArrayList<>();
        Placement placement = placements.of(JsonNodeFactory.instance.objectNode(), "name", name, misplaced);
        return new Admission(placement, misplaced.stream().findFirst().map(FieldError::message));
    }

    static UploadPlacements placements(ImportRecord record) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        if (record.project() != null) fields.put("project", record.project());
        if (record.namePattern() != null) fields.put("namePattern", record.namePattern());
        return UploadPlacements.of(fields, new ArrayList<>()); // checked when the import was asked for
    }

    /** What is wrong with an object before its bytes are read: its name, its type by name, its size. */
    private static Optional<String> problem(String name, long size) {
        if (TYPES.get(extension(name)) == null) return Optional.of("not a PNG, JPEG or WebP file name");
        Optional<String> badName = FileNames.problem(name);
        if (badName.isPresent()) return badName;
        if (size == 0 || size > ImageInspector.MAX_BYTES)
            return Optional.of(
                    "size " + size + " bytes is outside 1 byte to " + (ImageInspector.MAX_BYTES >> 20) + " MB");
        return Optional.empty();
    }

    /** The same image id every time the same import meets the same key. */
    static String imageId(ImportRecord record, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((record.importId() + "\n" + key).getBytes(StandardCharsets.UTF_8));
            return Ids.derived(Ids.IMAGE, record.createdAt().toEpochMilli(), digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
