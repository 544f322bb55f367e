package io.atelier.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.json.Json;
import io.atelier.model.FieldError;
import io.atelier.model.Ids;
import io.atelier.store.IdempotencyKey;
import io.atelier.store.ImportRecords;
import io.atelier.store.ImportRecords.ImportRecord;
import io.atelier.store.KeyedJob;
import io.atelier.store.SourceObjects;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /imports} and {@code POST /jobs} with a {@code source}: every object under an {@code s3://bucket/prefix/}
 * the stack was granted becomes an image, as if uploaded, and (for a job) the job runs over those that pass the upload
 * check. Only the request is checked here (a 400 naming the field); the import itself is run by ImportFunction from a
 * queue ({@link ImportRun}), so no prefix is too large for API Gateway's 30 seconds, and the caller polls
 * {@code GET /imports/{importId}} for its progress and the objects refused.
 */
public final class Imports {
    /** What ImportFunction is told: which import to run or go on with (its progress is in the record). */
    public record Message(String owner, String importId) {}

    private static final Pattern SOURCE = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(.*)");
    /** Stands in for the images a job from a prefix will have, so that the rest of the job is checked at once. */
    static final String PLACEHOLDER_IMAGE = "img_00000000000000000000000000";

    /** A dry run lists at most this many keys of the prefix: one ListObjectsV2 call, whatever the prefix holds. */
    public static final int DRY_RUN_LISTING = 1000;

    private final ImportRecords records;
    private final SourceObjects sources;
    private final Set<String> grantedBuckets;
    private final Consumer<Message> queue;
    private final Duration idempotencyTtl;
    private final Clock clock;

    /** Without the team's bucket to list: a dry run from a prefix is refused (400 naming {@code source}). */
    public Imports(ImportRecords records, Set<String> grantedBuckets, Consumer<Message> queue, Clock clock) {
        this(records, null, grantedBuckets, queue, Duration.ofHours(24), clock);
    }

    /**
     * @param sources        the granted bucket, listed (a bounded page) by a dry run of a job from a prefix
     * @param idempotencyTtl how long an {@code Idempotency-Key} of a job from a prefix answers its import
     */
    public Imports(
            ImportRecords records,
            SourceObjects sources,
            Set<String> grantedBuckets,
            Consumer<Message> queue,
            Duration idempotencyTtl,
            Clock clock) {
        this.records = records;
        this.sources = sources;
        this.grantedBuckets = Set.copyOf(grantedBuckets);
        this.queue = queue;
        this.idempotencyTtl = idempotencyTtl;
        this.clock = clock;
    }

    /** The import a job from a prefix started, or (a repeated Idempotency-Key) the one the first request started. */
    public record Started(Map<String, Object> importJson, boolean replayed) {
        public String importId() {
            return (String) importJson.get("importId");
        }
    }

    /**
     * What a dry run of a job from a prefix listed: the first {@link #DRY_RUN_LISTING} keys at most ({@code complete}
     * when that was all of them), and how many of those would be copied and checked (their names, types by name,
     * sizes and the name pattern pass; the bytes are checked only by the import).
     */
    public record Survey(String s3, int listed, int importable, boolean complete, int limit) {
        public Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("s3", s3);
            out.put("listed", listed);
            out.put("importable", importable);
            out.put("complete", complete);
            out.put("limit", limit);
            return out;
        }
    }

    /** The estimate of a job over {@code tasks} images like the probe's stand-in ({@code complete}: no more to come). */
    public interface Estimator<T> {
        T estimate(JsonNode probe, int tasks, boolean complete);
    }

    /** A dry run's answer: the job's estimate over the importable objects listed, and the listing. */
    public record DryRun<T>(T estimate, Survey source) {}

    /** {@code POST /imports {"source","project"?,"namePattern"?}}: 202 with the import to poll. */
    public Map<String, Object> start(String owner, JsonNode body) {
        JsonNode request = body == null ? JsonNodeFactory.instance.objectNode() : body;
        return json(create(check(owner, request, "", null)));
    }

    /**
     * {@code POST /jobs} with {@code "source": {"s3","project"?,"namePattern"?}} instead of images: the job's other
     * fields are checked now by {@code checkJob} (given the job with a stand-in image), and the job is submitted over
     * the READY images once the import is done.
     */
    public Map<String, Object> startJob(String owner, JsonNode body, Consumer<JsonNode> checkJob) {
        return startJob(owner, body, checkJob, null);
    }

    /** @param plan the submitter's plan, kept with the job: it is enforced when the job is submitted (null: none) */
    public Map<String, Object> startJob(String owner, JsonNode body, Consumer<JsonNode> checkJob, String plan) {
        return startJob(owner, body, Optional.empty(), checkJob, plan).importJson();
    }

    /**
     * With an {@code Idempotency-Key}: the key is stored with the import in one write, and within its lifetime the same
     * request again answers that import ({@code replayed}) while another request with it is refused (422), as for any
     * {@code POST /jobs}; the key is looked up before anything else is checked, as there.
     */
    public Started startJob(
            String owner, JsonNode body, Optional<String> idempotencyKey, Consumer<JsonNode> checkJob, String plan) {
        idempotencyKey.ifPresent(JobService::checkKey);
        String requestHash = idempotencyKey.map(key -> RequestHash.of(body)).orElse(null);
        Instant now = clock.instant();
        if (idempotencyKey.isPresent()) {
            Optional<KeyedJob> earlier = records.findIdempotencyKey(owner, idempotencyKey.get(), now);
            if (earlier.isPresent()) return replay(owner, earlier.get(), requestHash);
        }
        ObjectNode job = jobOf(body);
        ObjectNode stored = job.deepCopy();
        if (plan != null) stored.put(JobService.IMPORT_PLAN, plan);
        ImportRecord checked = check(owner, body.get("source"), "source.", stored.toString());
        try {
            checkJob.accept(probe(job));
        } catch (InvalidRequestException e) {
            // The stand-in image is no real image: only what is wrong with the rest of the job counts now.
            List<FieldError> rest = e.errors().stream()
                    .filter(error -> !error.field().startsWith("images")
                            && !error.field().startsWith("items"))
                    .toList();
            if (!rest.isEmpty()) throw new InvalidRequestException(rest.get(0).message(), rest);
        }
        if (idempotencyKey.isEmpty()) return new Started(json(create(checked)), false);
        KeyedJob holder = records.create(
                checked, new IdempotencyKey(idempotencyKey.get(), requestHash, now.plus(idempotencyTtl)));
        if (!checked.importId().equals(holder.importId()) || holder.jobId() != null)
            return replay(owner, holder, requestHash); // lost a race with the same key
        return new Started(json(queued(checked)), false);
    }

    /**
     * {@code POST /jobs} with a {@code source} and {@code "dryRun": true}: the request checked as a submission is, the
     * prefix listed once (at most {@link #DRY_RUN_LISTING} keys), and the job estimated over the objects listed that
     * would be imported; nothing is stored or queued.
     */
    public <T> DryRun<T> dryRunJob(String owner, JsonNode body, Estimator<T> estimator) {
        ObjectNode job = jobOf(body);
        ImportRecord checked = check(owner, body.get("source"), "source.", job.toString());
        if (sources == null)
            throw new InvalidRequestException("source", "A dry run from a prefix is not available on this stack.");
        SourceObjects.Listing listing = sources.page(checked.bucket(), checked.prefix(), null, DRY_RUN_LISTING);
        UploadPlacements placements = ImportRun.placements(checked);
        int importable = (int) listing.objects().stream()
                .filter(object -> ImportRun.admission(
                                placements,
                                object.key().substring(checked.prefix().length()),
                                object.size())
                        .refusal()
                        .isEmpty())
                .count();
        Survey survey = new Survey(
                checked.source(), listing.objects().size(), importable, listing.next() == null, DRY_RUN_LISTING);
        try {
            return new DryRun<>(estimator.estimate(probe(job), importable, survey.complete()), survey);
        } catch (InvalidRequestException e) {
            // What the stand-in item is refused for, every object would be: named as the job's own field.
            List<FieldError> named = e.errors().stream()
                    .map(error -> error.field().startsWith("items[0].")
                            ? new FieldError(error.field().substring("items[0].".length()), error.message())
                            : error.field().startsWith("items") || error.field().startsWith("images")
                                    ? new FieldError("source", error.message())
                                    : error)
                    .toList();
            throw new InvalidRequestException(named.get(0).message(), named);
        }
    }

    /** The job without its source, once the source is an object and the only inputs named. */
    private static ObjectNode jobOf(JsonNode body) {
        JsonNode source = body.get("source");
        if (source == null || !source.isObject())
            throw new InvalidRequestException("source", "source must be {\"s3\": \"s3://bucket/prefix/\"}");
        for (String inputs : List.of("images", "items", "manifest"))
            if (body.hasNonNull(inputs))
                throw new InvalidRequestException(
                        "source", "A job takes its inputs from source or from " + inputs + ", not both.");
        ObjectNode job = body.deepCopy();
        job.remove("source");
        return job;
    }

    /** The job with one stand-in image, so that the rest of it is checked as any submission is. */
    private static ObjectNode probe(ObjectNode job) {
        ObjectNode probe = job.deepCopy();
        probe.putArray("items").addObject().put("imageId", PLACEHOLDER_IMAGE);
        return probe;
    }

    /** The key's earlier request again: its import, as it is now; a key of another request is a 422. */
    private Started replay(String owner, KeyedJob earlier, String requestHash) {
        if (earlier.importId() == null
                || earlier.requestHash() != null && !earlier.requestHash().equals(requestHash))
            throw JobService.keyReused(idempotencyTtl);
        ImportRecord record = records.find(owner, earlier.importId())
                .orElseThrow(() -> new NotFoundException("Import " + earlier.importId()));
        return new Started(json(record), true);
    }

    public Map<String, Object> status(String owner, String importId) {
        if (!Ids.isValid(Ids.IMPORT, importId)) throw new NotFoundException("Import " + importId);
        return json(records.find(owner, importId).orElseThrow(() -> new NotFoundException("Import " + importId)));
    }

    private ImportRecord create(ImportRecord record) {
        records.create(record);
        return queued(record);
    }

    /**
     * Sends the stored import's message. Should it not be sent, the import ends FAILED saying so (nothing would run
     * it), rather than RUNNING for ever, and the request fails.
     */
    private ImportRecord queued(ImportRecord record) {
        try {
            queue.accept(new Message(record.owner(), record.importId()));
            return record;
        } catch (RuntimeException e) {
            records.advance(
                    record.ended(
                            ImportRecords.Status.FAILED,
                            null,
                            "The import could not be queued; start it again (with a new Idempotency-Key).",
                            clock.instant()),
                    record.pages());
            throw e;
        }
    }

    /** The source, its placement fields and the grant, checked; {@code at} prefixes the field names ("source."). */
    private ImportRecord check(String owner, JsonNode request, String at, String jobRequest) {
        String sourceField = at.isEmpty() ? "source" : at + "s3";
        JsonNode given = at.isEmpty() ? request.get("source") : request.get("s3");
        if (given == null || !given.isTextual())
            throw new InvalidRequestException(sourceField, sourceField + " is required: s3://bucket/prefix/");
        Matcher source = SOURCE.matcher(given.asText());
        if (!source.matches())
            throw new InvalidRequestException(sourceField, sourceField + " must look like s3://bucket/prefix/");
        List<FieldError> errors = new ArrayList<>();
        UploadPlacements.of(request, errors); // project and namePattern, as on POST /uploads
        if (!errors.isEmpty()) {
            List<FieldError> named = errors.stream()
                    .map(error -> new FieldError(at + error.field(), error.message()))
                    .toList();
            throw new InvalidRequestException(named.get(0).message(), named);
        }
        if (!grantedBuckets.contains(source.group(1)))
            throw new InvalidRequestException(
                    sourceField,
                    "The stack was not granted access to bucket " + source.group(1)
                            + " (template parameter ImportBucket).");
        return ImportRecord.started(
                owner,
                Ids.importId(),
                source.group(1),
                source.group(2),
                request.hasNonNull("project") ? request.get("project").asText() : null,
                request.hasNonNull("namePattern") ? request.get("namePattern").asText() : null,
                jobRequest,
                clock.instant());
    }

    static Map<String, Object> json(ImportRecord record) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("importId", record.importId());
        out.put("source", record.source());
        if (record.project() != null) out.put("project", record.project());
        if (record.namePattern() != null) out.put("namePattern", record.namePattern());
        out.put("status", record.status().name());
        out.put("listingComplete", record.listed());
        out.put("listed", record.found());
        out.put("imported", record.imported());
        out.put("refused", record.refused());
        out.put(
                "problems",
                record.problems().stream()
                        .map(problem -> Map.of("key", problem.key(), "reason", problem.reason()))
                        .toList());
        if (record.jobRequest() != null) out.put("startsJob", true);
        if (record.jobId() != null) out.put("jobId", record.jobId());
        if (record.error() != null) out.put("error", record.error());
        out.put("createdAt", Json.time(record.createdAt()));
        if (record.finishedAt() != null) out.put("finishedAt", Json.time(record.finishedAt()));
        return out;
    }
}
