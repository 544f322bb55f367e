package io.atelier.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.model.Ids;
import io.atelier.model.Job;
import io.atelier.model.Keys;
import io.atelier.model.Review;
import io.atelier.model.Task;
import io.atelier.model.TaskOutput;
import io.atelier.model.TaskStatus;
import io.atelier.store.BlobStore;
import io.atelier.store.JobStore;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.logging.Logger;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code POST /jobs/{jobId}/archive}: one zip of a job's results, named by the job's {@code outputName} (folders
 * per SKU when it has them) or else after the originals, with a manifest.csv of
 * every task. Built as a stream: each result is read from the blob store as a stream into the zip, whose bytes go out
 * in multipart-upload parts; neither the zip nor the images are ever whole in memory.
 */
public final class Archives {
    private static final Logger LOG = Logger.getLogger(Archives.class.getName());
    public static final String MANIFEST = "manifest.csv";
    static final List<String> COLUMNS = List.of(
            "task",
            "customId",
            "original name",
            "status",
            "provider",
            "model",
            "width",
            "height",
            "size",
            "file",
            "review",
            "error",
            "checks",
            "failed checks");
    /**
     * Entries are DEFLATED at level 0 (stored deflate blocks): results are PNG/JPEG/WebP, already compressed. Measured
     * on photo-like 1600×1200 results: DEFLATE level 1 saved 0% on PNG and 3% on JPEG but ran at 8–27 MB/s, which
     * would make a 1 GB archive outlast API Gateway's 30 s; STORED must know each entry's CRC before its bytes, so it
     * reads every result twice; level 0 is one read, about 2 GB/s, and 0.02–0.06% larger than STORED.
     */
    static final int LEVEL = Deflater.NO_COMPRESSION;

    private final JobStore jobs;
    private final BlobStore blobs;
    private final Clock clock;
    private final Duration urlTtl;

    public Archives(JobStore jobs, BlobStore blobs, Clock clock, Duration urlTtl) {
        this.jobs = jobs;
        this.blobs = blobs;
        this.clock = clock;
        this.urlTtl = urlTtl;
    }

    /** A finished zip: where to download it, until when, and what it holds. */
    public record Archive(String key, URI url, Instant expiresAt, String name, int count, long size, int parts) {}

    /**
     * What an archive request would make, checked (an unknown job is a 404, nothing to download a 409) but not built:
     * where it goes, its name, and how many results and bytes it would hold.
     */
    public record Plan(
            String owner,
            String jobId,
            boolean approvedOnly,
            String archiveId,
            String key,
            String name,
            int count,
            long bytes) {}

    /** @param body null, or {@code {"only":"approved"}} to include only the results marked approved */
    public Archive create(String owner, String jobId, JsonNode body) {
        return build(plan(owner, jobId, body));
    }

    public Plan plan(String owner, String jobId, JsonNode body) {
        Job job = jobs.findJob(owner, jobId).orElseThrow(() -> new NotFoundException("Job " + jobId));
        boolean approvedOnly = approvedOnly(body);
        List<Task> tasks = jobs.tasksIn(jobId, Arrays.asList(TaskStatus.values()));
        List<Task> included =
                tasks.stream().filter(task -> included(task, approvedOnly)).toList();
        if (included.isEmpty())
            throw new ConflictException(
                    approvedOnly
                            ? "Job " + jobId
                                    + " has no approved results to download; approve some, or download all results."
                            : "Job " + jobId + " has no succeeded results to download yet.");
        String archiveId = "arc_" + Ids.ulid();
        String key = Keys.archive(owner, jobId, archiveId);
        String base = ArchiveNames.safe(job.name() == null ? "" : job.name());
        String name = (base.isEmpty() ? jobId : base) + (approvedOnly ? " (approved)" : "") + ".zip";
        return new Plan(
                owner,
                jobId,
                approvedOnly,
                archiveId,
                key,
                name,
                included.size(),
                included.stream().mapToLong(task -> task.output().size()).sum());
    }

    /** Builds the planned zip from the job's results as they are now. */
    public Archive build(Plan plan) {
        String key = plan.key();
        List<Task> tasks = jobs.tasksIn(plan.jobId(), Arrays.asList(TaskStatus.values()));
        long started = System.nanoTime();
        try (BlobStore.StreamingUpload upload = blobs.startUpload(key, "application/zip")) {
            int count = write(tasks, plan.approvedOnly(), upload.stream());
            long size = upload.complete();
            long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
            LOG.info(() -> "Archive " + key + ": " + count + " results, " + size + " bytes in " + upload.parts()
                    + " parts, " + millis + " ms (" + (size * 1000 / millis >> 20) + " MiB/s)");
            Instant now = clock.instant();
            return new Archive(
                    key,
                    blobs.presignDownload(key, urlTtl, plan.name()),
                    now.plus(urlTtl),
                    plan.name(),
                    count,
                    size,
                    upload.parts());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh download link for an archive built earlier. */
    public URI link(String key, String name) {
        return blobs.presignDownload(key, urlTtl, name);
    }

    /** Writes the zip; answers how many results went in. */
    private int write(List<Task> tasks, boolean approvedOnly, OutputStream target) throws IOException {
        ArchiveNames names = new ArchiveNames();
        names.reserve(MANIFEST);
        Csv manifest = new Csv().row(COLUMNS);
        int count;
        try (ZipOutputStream zip = new ZipOutputStream(new KeepOpen(target), StandardCharsets.UTF_8)) {
            zip.setLevel(LEVEL);
            count = entries(zip, tasks, approvedOnly, names, manifest);
            ZipEntry entry = new ZipEntry(MANIFEST);
            entry.setLastModifiedTime(FileTime.from(clock.instant()));
            zip.putNextEntry(entry);
            zip.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } // closing finishes the zip (central directory) and frees the deflater; the upload's stream stays open
        return count;
    }

    /** A result's name in a zip or an export: its task's chosen name, else its original's, made unique. */
    static String entryName(Task task, ArchiveNames names) {
        return task.outputName() != null
                ? names.nextPath(TaskNames.resultName(task))
                : names.next(
                        task.input() == null ? null : task.input().name(),
                        task.customId() != null ? task.customId() : task.taskId(),
                        extension(task.output()));
    }

    private int entries(ZipOutputStream zip, List<Task> tasks, boolean approvedOnly, ArchiveNames names, Csv manifest)
            throws IOException {
        int count = 0;
        for (Task task : tasks) {
            String file = null;
            if (included(task, approvedOnly)) {
                String candidate = entryName(task, names);
                try (InputStream in = blobs.open(task.output().key())) {
                    ZipEntry entry = new ZipEntry(candidate);
                    if (task.finishedAt() != null) entry.setLastModifiedTime(FileTime.from(task.finishedAt()));
                    zip.putNextEntry(entry);
                    in.transferTo(zip);
                    zip.closeEntry();
                    file = candidate;
                    count++;
                } catch (NoSuchElementException expired) {
                    LOG.warning(() -> "Result of " + task.taskId() + " is gone ("
                            + task.output().key() + "); left out of the archive");
                }
            }
            manifest.row(row(task, file));
        }
        return count;
    }

    static List<Object> row(Task task, String file) {
        TaskOutput output = task.output();
        List<Object> row = new ArrayList<>();
        row.add(task.taskId());
        row.add(task.customId());
        row.add(task.input() == null ? null : FileNames.display(task.input().name()));
        row.add(task.status().name());
        row.add(task.provider());
        row.add(task.model());
        row.add(output == null ? null : output.width());
        row.add(output == null ? null : output.height());
        row.add(output == null ? null : output.size());
        row.add(file);
        row.add(task.review() == null ? null : task.review().decision().wire());
        row.add(
                task.error() == null
                        ? null
                        : task.error().code().wire() + ": " + task.error().message());
        List<Map<String, Object>> checks = ResultChecks.of(task);
        row.add(checks.isEmpty() ? null : ResultChecks.anyFailed(task) ? "failed" : "passed");
        row.add(String.join(
                " ",
                checks.stream()
                        .filter(check -> Boolean.FALSE.equals(check.get("passed")))
                        .map(check -> check.get("rule") + "=" + check.get("value"))
                        .toList()));
        return row;
    }

    static boolean included(Task task, boolean approvedOnly) {
        return task.status() == TaskStatus.SUCCEEDED
                && task.output() != null
                && (!approvedOnly || task.review() != null && task.review().decision() == Review.Decision.APPROVE);
    }

    private static boolean approvedOnly(JsonNode body) {
        JsonNode only = body == null ? null : body.get("only");
        if (only == null || only.isNull()) return false;
        if (only.isTextual() && only.asText().equals("approved")) return true;
        throw new InvalidRequestException(
                "only", "only must be \"approved\" (just the approved results) or left out (every result).");
    }

    /** The result's extension, from its key ({@code results/…/0.png}) or its type. */
    static String extension(TaskOutput output) {
        String key = output.key();
        int slash = key.lastIndexOf('/'), dot = key.lastIndexOf('.');
        if (dot > slash) return key.substring(dot + 1);
        String type = output.contentType() == null ? "" : output.contentType();
        return switch (type) {
            case "image/jpeg" -> "jpg";
            case "image/webp" -> "webp";
            case "image/png" -> "png";
            default -> "bin";
        };
    }

    /** The zip closes its stream when finished; the upload's stream must stay open for complete(). */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
