package io.atelier.http;

import io.atelier.core.Archives;
import io.atelier.core.FileNames;
import io.atelier.core.Imports;
import io.atelier.core.JobEstimates;
import io.atelier.core.JobService;
import io.atelier.core.OutputNames;
import io.atelier.core.Projects;
import io.atelier.core.ResultChecks;
import io.atelier.core.StepCache;
import io.atelier.core.StoredManifests;
import io.atelier.core.TaskNames;
import io.atelier.core.UploadService;
import io.atelier.json.Json;
import io.atelier.model.Cost;
import io.atelier.model.Counts;
import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.model.Job;
import io.atelier.model.JobEvent;
import io.atelier.model.ManifestRecord;
import io.atelier.model.Placement;
import io.atelier.model.Project;
import io.atelier.model.Step;
import io.atelier.model.Task;
import io.atelier.model.TaskStatus;
import io.atelier.store.BlobStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The API's JSON shapes (API.md): images, jobs and tasks, with short-lived presigned URLs where bytes are wanted. */
public final class Representations {
    private final BlobStore blobs;
    private final Duration urlTtl;

    public Representations(BlobStore blobs, Duration urlTtl) {
        this.blobs = blobs;
        this.urlTtl = urlTtl;
    }

    public Map<String, Object> image(ImageRecord image) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("imageId", image.imageId());
        out.put("name", FileNames.display(image.name()));
        out.put("status", image.status().name());
        out.put("contentType", image.contentType());
        out.put("size", image.size());
        out.put("width", image.width());
        out.put("height", image.height());
        out.put("sha256", image.sha256());
        out.put("reason", image.reason());
        out.put(
                "url",
                image.status() == ImageStatus.READY
                        ? blobs.presignDownload(image.objectKey(), urlTtl, FileNames.display(image.name()))
                                .toString()
                        : null);
        out.put(
                "thumbnailUrl",
                image.status() == ImageStatus.READY && image.previewKey() != null
                        ? blobs.presignDownload(image.previewKey(), urlTtl, null)
                                .toString()
                        : null);
        putPlacement(out, image.placement());
        out.put("createdAt", Json.time(image.createdAt()));
        return out;
    }

    public static Map<String, Object> project(Project project) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("projectId", project.projectId());
        out.put("images", project.images());
        out.put("createdAt", Json.time(project.createdAt()));
        out.put("updatedAt", Json.time(project.updatedAt()));
        return out;
    }

    /** A SKU of a project: its status is {@code failed} if any image's latest task failed, else how far review went. */
    public Map<String, Object> sku(Projects.Sku sku) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sku", sku.sku());
        out.put("mainImageId", sku.main().map(ImageRecord::imageId).orElse(null));
        int total = sku.images().size();
        out.put(
                "status",
                sku.failed() > 0
                        ? "failed"
                        : sku.approved() == total
                                ? "approved"
                                : sku.processed() == total ? "processed" : sku.processed() > 0 ? "partial" : "new");
        out.put(
                "counts",
                Map.of(
                        "images",
                        total,
                        "processed",
                        sku.processed(),
                        "approved",
                        sku.approved(),
                        "failed",
                        sku.failed()));
        out.put("images", sku.images().stream().map(this::image).toList());
        return out;
    }

    /** {@code POST /uploads}: each file's image id, and where and how to PUT its bytes until when. */
    public static Map<String, Object> uploads(List<UploadService.Upload> uploads) {
        return Map.of("uploads", uploads.stream().map(Representations::upload).toList());
    }

    private static Map<String, Object> upload(UploadService.Upload upload) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (upload.manifest() != null) {
            out.put("manifestId", upload.manifest().manifestId());
            out.put("name", upload.manifest().name());
        } else {
            out.put("imageId", upload.image().imageId());
            out.put("name", upload.image().name());
            putPlacement(out, upload.image().placement());
        }
        out.put("method", "PUT");
        out.put("url", upload.ticket().url().toString());
        out.put("headers", upload.ticket().headers());
        out.put("expiresAt", Json.time(upload.expiresAt()));
        return out;
    }

    /** {@code POST /uploads} with {@code dryRun}: where each file would be filed, or why it would be refused. */
    public static Map<String, Object> placements(List<UploadService.Placed> placed) {
        List<Map<String, Object>> files = new ArrayList<>();
        for (UploadService.Placed file : placed) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", FileNames.display(file.name()));
            putPlacement(out, file.placement());
            out.put("errors", file.errors());
            files.add(out);
        }
        return Map.of("dryRun", true, "files", files);
    }

    /** {@code GET /manifests/{manifestId}}: the record, and its first rows as the server reads them. */
    public static Map<String, Object> manifest(StoredManifests.Preview preview) {
        ManifestRecord manifest = preview.manifest();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("manifestId", manifest.manifestId());
        out.put("name", FileNames.display(manifest.name()));
        out.put("format", manifest.format());
        out.put("status", manifest.status().name());
        out.put("size", manifest.size());
        out.put("rowCount", manifest.rows());
        out.put("reason", manifest.reason());
        out.put("createdAt", Json.time(manifest.createdAt()));
        out.put("rows", preview.rows());
        return out;
    }

    /** {@code POST /jobs/{jobId}/archive}: where to download the zip, until when, and what it holds. */
    public static Map<String, Object> archive(Archives.Archive archive) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("url", archive.url().toString());
        out.put("expiresAt", Json.time(archive.expiresAt()));
        out.put("name", archive.name());
        out.put("count", archive.count());
        out.put("size", archive.size());
        return out;
    }

    /** An image's project, SKU and role, each only when set. */
    private static void putPlacement(Map<String, Object> out, Placement placement) {
        if (placement.project() != null) out.put("project", placement.project());
        if (placement.sku() != null) out.put("sku", placement.sku());
        if (placement.role() != null) out.put("role", placement.role());
    }

    public Map<String, Object> job(Job job) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobId", job.jobId());
        out.put("name", job.name());
        out.put("status", job.status().name());
        Step first = job.steps().get(0);
        if (job.workflow()) {
            out.put("steps", job.steps().stream().map(Representations::step).toList());
        } else {
            out.putAll(step(first));
        }
        if (job.outputName() != null) out.put("outputName", job.outputName());
        out.put("counts", counts(job.counts()));
        // Only succeeded results are reviewed; the counters move with each review, so unreviewed never goes below 0.
        out.put(
                "review",
                orderedMap(
                        "approved",
                        job.reviews().approved(),
                        "rejected",
                        job.reviews().rejected(),
                        "unreviewed",
                        Math.max(
                                0,
                                job.counts().succeeded()
                                        - job.reviews().approved()
                                        - job.reviews().rejected())));
        out.put(
                "estimatedCost",
                money(job.spend().estimated(), job.spend().currency(), "estimate: every task, at submit"));
        out.put(
                "cost",
                money(
                        job.spend().spent(),
                        job.spend().currency(),
                        job.status().terminal() ? "succeeded tasks" : "succeeded tasks so far"));
        out.put(
                "budget",
                job.spend().budget() == null
                        ? null
                        : money(job.spend().budget(), job.spend().currency(), "budget"));
        out.put(
                "committedCost",
                money(
                        job.spend().committed(),
                        job.spend().currency(),
                        "running tasks' estimates plus succeeded tasks' costs"));
        out.put("pilot", pilot(job));
        out.put("createdAt", Json.time(job.createdAt()));
        out.put("updatedAt", Json.time(job.updatedAt()));
        out.put("completedAt", Json.time(job.completedAt()));
        return out;
    }

    /** A pilot job's pilot: its size, whether the rest is still held, and what the rest is estimated to cost. */
    private Map<String, Object> pilot(Job job) {
        if (job.pilot() == null) return null;
        int rest = job.counts().total() - job.pilot().size();
        return orderedMap(
                "size",
                job.pilot().size(),
                "held",
                job.pilot().held(),
                "restEstimatedCost",
                money(
                        job.pilot().rest(),
                        job.spend().currency(),
                        "estimate: the " + rest + (rest == 1 ? " task" : " tasks") + " after the pilot"));
    }

    public Map<String, Object> task(Task task) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("taskId", task.taskId());
        out.put("customId", task.customId());
        out.put("imageId", task.input() == null ? null : task.input().imageId());
        out.put("status", task.status().name());
        out.put("attempts", task.runs());
        out.put(
                "input",
                task.input() == null
                        ? null
                        : orderedMap(
                                "name", FileNames.display(task.input().name()),
                                "url",
                                        blobs.presignDownload(
                                                        task.input().key(),
                                                        urlTtl,
                                                        FileNames.display(
                                                                task.input().name()))
                                                .toString(),
                                "contentType", task.input().contentType(),
                                "width", task.input().width(),
                                "height", task.input().height(),
                                "thumbnailUrl",
                                        task.input().thumbnailKey() == null
                                                ? null
                                                : blobs.presignDownload(
                                                                task.input().thumbnailKey(), urlTtl, null)
                                                        .toString()));
        String resultName = TaskNames.resultName(task);
        out.put("outputName", task.outputName());
        out.put(
                "output",
                task.output() == null
                        ? null
                        : orderedMap(
                                "name", resultName,
                                "url",
                                        blobs.presignDownload(
                                                        task.output().key(), urlTtl, OutputNames.fileName(resultName))
                                                .toString(),
                                "contentType", task.output().contentType(),
                                "width", task.output().width(),
                                "height", task.output().height(),
                                "size", task.output().size(),
                                "thumbnailUrl",
                                        task.output().thumbnailKey() == null
                                                ? null
                                                : blobs.presignDownload(
                                                                task.output().thumbnailKey(), urlTtl, null)
                                                        .toString()));
        out.put(
                "error",
                task.error() == null
                        ? null
                        : orderedMap(
                                "code", task.error().code().wire(),
                                "message", task.error().message(),
                                "retryable", task.error().retryable()));
        out.put("prompt", task.prompt());
        out.put("params", task.params());
        out.put("provider", task.provider());
        out.put("model", task.model());
        out.put("provenance", task.provenance());
        out.put("cached", StepCache.allCached(task.provenance()));
        out.put("estimatedCost", task.estimate() == null ? null : money(task.estimate()));
        out.put("cost", taskCost(task));
        out.put("checks", ResultChecks.of(task).isEmpty() ? null : ResultChecks.of(task));
        out.put("startedAt", Json.time(task.startedAt()));
        out.put("finishedAt", Json.time(task.finishedAt()));
        out.put("durationMs", task.durationMs());
        out.put(
                "review",
                task.review() == null
                        ? null
                        : orderedMap(
                                "decision", task.review().decision().wire(),
                                "at", Json.time(task.review().at())));
        if (task.input() != null && task.input().sku() != null)
            out.put("sku", task.input().sku());
        if (task.input() != null && task.input().role() != null)
            out.put("role", task.input().role());
        out.put("attempt", task.attempt());
        out.put("previousAttempts", task.history().stream().map(this::attempt).toList());
        return out;
    }

    /** An earlier attempt that was rejected and re-run: what it was asked, its result (still downloadable), its review. */
    private Map<String, Object> attempt(Task.Attempt attempt) {
        return orderedMap(
                "attempt", attempt.attempt(),
                "prompt", attempt.prompt(),
                "params", attempt.params(),
                "output",
                        attempt.output() == null
                                ? null
                                : orderedMap(
                                        "url",
                                                blobs.presignDownload(
                                                                attempt.output().key(), urlTtl, null)
                                                        .toString(),
                                        "contentType", attempt.output().contentType(),
                                        "width", attempt.output().width(),
                                        "height", attempt.output().height(),
                                        "thumbnailUrl",
                                                attempt.output().thumbnailKey() == null
                                                        ? null
                                                        : blobs.presignDownload(
                                                                        attempt.output()
                                                                                .thumbnailKey(),
                                                                        urlTtl,
                                                                        null)
                                                                .toString()),
                "review",
                        attempt.review() == null
                                ? null
                                : attempt.review().decision().wire(),
                "finishedAt", Json.time(attempt.finishedAt()));
    }

    /** A dry run's answer: what the job would cost, per step and per provider, and which items would be refused. */
    public Map<String, Object> dryRun(JobService.DryRun run) {
        JobEstimates.Estimate estimate = run.estimate();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dryRun", true);
        out.put("tasks", estimate.tasks());
        out.put("estimatedCost", money(estimate.total()));
        out.put(
                "steps",
                estimate.steps().stream()
                        .map(step -> orderedMap(
                                "step",
                                step.step(),
                                "operation",
                                step.operation(),
                                "provider",
                                step.provider(),
                                "estimatedCost",
                                money(step.cost())))
                        .toList());
        Map<String, Object> providers = new LinkedHashMap<>();
        estimate.providers().forEach((provider, cost) -> providers.put(provider, money(cost)));
        out.put("providers", providers);
        out.put(
                "refused",
                run.refused().stream()
                        .map(error -> orderedMap("field", error.field(), "message", error.message()))
                        .toList());
        return out;
    }

    /** A dry run of a job from a prefix: the estimate over the importable objects listed, and the listing. */
    public Map<String, Object> dryRun(Imports.DryRun<JobService.DryRun> run) {
        Map<String, Object> out = dryRun(run.estimate());
        out.put("source", run.source().json());
        return out;
    }

    /** One entry of a job's log; task fields are null on job-level entries. */
    public Map<String, Object> event(JobEvent event) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("eventId", event.eventId());
        out.put("at", Json.time(event.at()));
        out.put("type", event.type());
        out.put("taskId", event.taskId());
        out.put("from", event.from() == null ? null : event.from().name());
        out.put("to", event.to() == null ? null : event.to().name());
        out.put("attempt", event.attempt());
        out.put(
                "error",
                event.error() == null
                        ? null
                        : orderedMap(
                                "code",
                                event.error().code().wire(),
                                "message",
                                event.error().message()));
        return out;
    }

    public static Map<String, Object> page(String field, List<?> items, String nextCursor) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(field, items);
        if (nextCursor != null) out.put("nextCursor", nextCursor);
        return out;
    }

    private static Map<String, Object> step(Step step) {
        Map<String, Object> out = orderedMap(
                "operation",
                step.operation(),
                "provider",
                step.provider(),
                "model",
                step.model(),
                "prompt",
                step.prompt(),
                "params",
                step.params());
        if (!step.fallback().isEmpty()) out.put("fallback", step.fallback());
        return out;
    }

    /** A finished task's cost: what its run cost if it succeeded; nothing if it failed or was canceled. */
    private static Map<String, Object> taskCost(Task task) {
        if (task.cost() != null && task.status() == TaskStatus.SUCCEEDED) return money(task.cost());
        if (!task.status().terminal()) return null;
        String currency = task.estimate() != null ? task.estimate().currency() : "USD";
        return money(
                BigDecimal.ZERO,
                currency,
                task.status() == TaskStatus.SUCCEEDED
                        ? "no price recorded"
                        : task.status().name().toLowerCase(Locale.ROOT) + ": nothing charged");
    }

    /** Money as the API shows it: the amount as decimal text, so no client reads it through a float. */
    private static Map<String, Object> money(Cost cost) {
        return money(cost.amount(), cost.currency(), cost.basis());
    }

    private static Map<String, Object> money(BigDecimal amount, String currency, String basis) {
        return orderedMap(
                "amount", new Cost(amount, currency, basis).amountText(), "currency", currency, "basis", basis);
    }

    private static Map<String, Object> counts(Counts counts) {
        return orderedMap(
                "total",
                counts.total(),
                "queued",
                counts.queued(),
                "running",
                counts.running(),
                "waiting",
                counts.waiting(),
                "succeeded",
                counts.succeeded(),
                "failed",
                counts.failed(),
                "canceled",
                counts.canceled());
    }

    private static Map<String, Object> orderedMap(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return out;
    }
}
