package io.atelier.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.json.Json;
import io.atelier.model.FieldError;
import io.atelier.model.Ids;
import io.atelier.store.ImportRecords;
import io.atelier.store.ImportRecords.ImportRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private final ImportRecords records;
    private final Set<String> grantedBuckets;
    private final Consumer<Message> queue;
    private final Clock clock;

    public Imports(ImportRecords records, Set<String> grantedBuckets, Consumer<Message> queue, Clock clock) {
        this.records = records;
        this.grantedBuckets = Set.copyOf(grantedBuckets);
        this.queue = queue;
        this.clock = clock;
    }

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
        JsonNode source = body.get("source");
        if (source == null || !source.isObject())
            throw new InvalidRequestException("source", "source must be {\"s3\": \"s3://bucket/prefix/\"}");
        for (String inputs : List.of("images", "items", "manifest"))
            if (body.hasNonNull(inputs))
                throw new InvalidRequestException(
                        "source", "A job takes its inputs from source or from " + inputs + ", not both.");
        ObjectNode job = body.deepCopy();
        job.remove("source");
        ObjectNode stored = job.deepCopy();
        if (plan != null) stored.put(JobService.IMPORT_PLAN, plan);
        ImportRecord checked = check(owner, source, "source.", stored.toString());
        ObjectNode probe = job.deepCopy();
        probe.putArray("items").addObject().put("imageId", PLACEHOLDER_IMAGE);
        try {
            checkJob.accept(probe);
        } catch (InvalidRequestException e) {
            // The stand-in image is no real image: only what is wrong with the rest of the job counts now.
            List<FieldError> rest = e.errors().stream()
                    .filter(error -> !error.field().startsWith("images")
                            && !error.field().startsWith("items"))
                    .toList();
            if (!rest.isEmpty()) throw new InvalidRequestException(rest.get(0).message(), rest);
        }
        return json(create(checked));
    }

    public Map<String, Object> status(String owner, String importId) {
        if (!Ids.isValid(Ids.IMPORT, importId)) throw new NotFoundException("Import " + importId);
        return json(records.find(owner, importId).orElseThrow(() -> new NotFoundException("Import " + importId)));
    }

    private ImportRecord create(ImportRecord record) {
        records.create(record);
        queue.accept(new Message(record.owner(), record.importId()));
        return record;
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
        return new ImportRecord(
                owner,
                Ids.importId(),
                source.group(1),
                source.group(2),
                request.hasNonNull("project") ? request.get("project").asText() : null,
                request.hasNonNull("namePattern") ? request.get("namePattern").asText() : null,
                jobRequest,
                ImportRecords.Status.RUNNING,
                false,
                0,
                null,
                0,
                0,
                0,
                List.of(),
                null,
                null,
                clock.instant(),
                null);
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
