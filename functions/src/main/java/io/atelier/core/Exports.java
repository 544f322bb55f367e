package io.atelier.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.json.Json;
import io.atelier.model.Ids;
import io.atelier.model.Task;
import io.atelier.model.TaskInput;
import io.atelier.model.TaskStatus;
import io.atelier.store.ExportRecords;
import io.atelier.store.ExportTarget;
import io.atelier.store.JobStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /jobs/{jobId}/export}: the job's results (all, or the approved ones) copied to {@code s3://bucket/prefix/}
 * of the one bucket the stack may write, named by an {@code outputName} template (else as in "Download all": the job's own template, or the originals' names), with
 * manifest.csv. Checked at once (400/404/409), run in the background by ArchiveFunction with its progress recorded,
 * so no export is bound by API Gateway's 30 seconds.
 */
public final class Exports {
    private static final Logger LOG = Logger.getLogger(Exports.class.getName());
    private static final Pattern DESTINATION = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(.*)");
    /** Progress is written every this many results. */
    private static final int PROGRESS_EVERY = 10;

    private final JobStore jobs;
    private final ExportRecords records;
    private final ExportTarget target;
    private final Set<String> grantedBuckets;
    private final Consumer<Plan> queue;
    private final Clock clock;

    /** What ArchiveFunction runs (a message on the archive queue). */
    public record Plan(
            String owner,
            String jobId,
            String exportId,
            String bucket,
            String prefix,
            boolean approvedOnly,
            String outputName) {}

    public Exports(
            JobStore jobs,
            ExportRecords records,
            ExportTarget target,
            Set<String> grantedBuckets,
            Consumer<Plan> queue,
            Clock clock) {
        this.jobs = jobs;
        this.records = records;
        this.target = target;
        this.grantedBuckets = Set.copyOf(grantedBuckets);
        this.queue = queue;
        this.clock = clock;
    }

    public Map<String, Object> start(String owner, String jobId, JsonNode body) {
        jobs.findJob(owner, jobId).orElseThrow(() -> new NotFoundException("Job " + jobId));
        if (body == null)
            throw new InvalidRequestException("destination", "destination is required: s3://bucket/prefix/");
        JsonNode given = body.get("destination");
        Matcher destination = given == null || !given.isTextual() ? null : DESTINATION.matcher(given.asText());
        if (destination == null || !destination.matches())
            throw new InvalidRequestException("destination", "destination must look like s3://bucket/prefix/");
        if (!grantedBuckets.contains(destination.group(1)))
            throw new InvalidRequestException(
                    "destination",
                    "The stack may not write to bucket " + destination.group(1)
                            + " (template parameter ExportBucket).");
        String prefix = destination.group(2).isEmpty() || destination.group(2).endsWith("/")
                ? destination.group(2)
                : destination.group(2) + "/";
        JsonNode only = body.get("only");
        if (only != null
                && !only.isNull()
                && !(only.isTextual() && only.asText().equals("approved")))
            throw new InvalidRequestException("only", "only must be \"approved\" or left out (every result).");
        boolean approvedOnly = only != null && !only.isNull();
        String template = body.hasNonNull("outputName") ? body.get("outputName").asText(null) : null;
        Plan plan = new Plan(owner, jobId, "exp_" + Ids.ulid(), destination.group(1), prefix, approvedOnly, template);
        List<Task> included = included(plan);
        if (included.isEmpty())
            throw new ConflictException(
                    "Job " + jobId + " has no " + (approvedOnly ? "approved " : "") + "results to export.");
        names(plan, included); // a bad or clashing template is a 400 now, not a failure later
        ExportRecords.ExportRecord record = new ExportRecords.ExportRecord(
                owner,
                jobId,
                plan.exportId(),
                "s3://" + plan.bucket() + "/" + prefix,
                ExportRecords.Status.RUNNING,
                included.size(),
                0,
                List.of(),
                clock.instant(),
                null);
        records.put(record);
        queue.accept(plan);
        return json(record);
    }

    public Map<String, Object> status(String owner, String jobId, String exportId) {
        return json(records.find(owner, exportId)
                .filter(record -> record.jobId().equals(jobId))
                .orElseThrow(() -> new NotFoundException("Export " + exportId)));
    }

    /** ArchiveFunction: copies every result, records progress, then writes manifest.csv. A finished export is not redone. */
    public void run(Plan plan) {
        ExportRecords.ExportRecord record =
                records.find(plan.owner(), plan.exportId()).orElse(null);
        if (record == null || record.status() != ExportRecords.Status.RUNNING) return;
        List<Task> tasks = jobs.tasksIn(plan.jobId(), Arrays.asList(TaskStatus.values()));
        List<Task> included = tasks.stream()
                .filter(task -> Archives.included(task, plan.approvedOnly()))
                .toList();
        List<String> names = names(plan, included);
        Map<String, String> fileOf = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        int done = 0;
        for (int i = 0; i < included.size(); i++) {
            Task task = included.get(i);
            try {
                target.copyOut(task.output().key(), plan.bucket(), plan.prefix() + names.get(i));
                fileOf.put(task.taskId(), names.get(i));
            } catch (RuntimeException e) {
                LOG.warning(
                        () -> "Export " + plan.exportId() + ": " + task.taskId() + " not copied: " + e.getMessage());
                failed.add(names.get(i));
            }
            done++;
            if (done % PROGRESS_EVERY == 0) records.put(progress(record, done, failed, ExportRecords.Status.RUNNING));
        }
        Csv manifest = new Csv().row(Archives.COLUMNS);
        for (Task task : tasks) manifest.row(Archives.row(task, fileOf.get(task.taskId())));
        target.put(
                plan.bucket(),
                plan.prefix() + Archives.MANIFEST,
                manifest.toString().getBytes(StandardCharsets.UTF_8),
                "text/csv");
        records.put(progress(
                record, done, failed, fileOf.isEmpty() ? ExportRecords.Status.FAILED : ExportRecords.Status.SUCCEEDED));
    }

    private ExportRecords.ExportRecord progress(
            ExportRecords.ExportRecord record, int done, List<String> failed, ExportRecords.Status status) {
        return new ExportRecords.ExportRecord(
                record.owner(),
                record.jobId(),
                record.exportId(),
                record.destination(),
                status,
                record.total(),
                done,
                failed,
                record.createdAt(),
                status == ExportRecords.Status.RUNNING ? null : clock.instant());
    }

    private List<Task> included(Plan plan) {
        return jobs.tasksIn(plan.jobId(), Arrays.asList(TaskStatus.values())).stream()
                .filter(task -> Archives.included(task, plan.approvedOnly()))
                .toList();
    }

    /** The template's names, or the archive's (the job's own outputName, else the original's name, made unique). */
    private static List<String> names(Plan plan, List<Task> included) {
        if (plan.outputName() != null) {
            OutputNames template = OutputNames.of(plan.outputName(), "outputName");
            List<OutputNames.Values> values = new ArrayList<>();
            for (int i = 0; i < included.size(); i++) {
                Task task = included.get(i);
                TaskInput input = task.input();
                values.add(new OutputNames.Values(
                        input == null ? null : input.sku(),
                        input == null ? null : input.role(),
                        input == null ? task.taskId() : input.name(),
                        Archives.extension(task.output()),
                        task.customId(),
                        i + 1));
            }
            return template.names(values, i -> "outputName");
        }
        ArchiveNames names = new ArchiveNames();
        names.reserve(Archives.MANIFEST);
        return included.stream().map(task -> Archives.entryName(task, names)).toList();
    }

    private static Map<String, Object> json(ExportRecords.ExportRecord record) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("exportId", record.exportId());
        out.put("destination", record.destination());
        out.put("status", record.status().name());
        out.put("total", record.total());
        out.put("done", record.done());
        out.put("failed", record.failed());
        out.put("createdAt", Json.time(record.createdAt()));
        if (record.finishedAt() != null) out.put("finishedAt", Json.time(record.finishedAt()));
        return out;
    }
}
