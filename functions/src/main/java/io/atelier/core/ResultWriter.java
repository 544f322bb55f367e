package io.atelier.core;

import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageRejectedException;
import io.atelier.imaging.Thumbnails;
import io.atelier.model.ErrorCode;
import io.atelier.model.Keys;
import io.atelier.model.Task;
import io.atelier.model.TaskOutput;
import io.atelier.model.TaskStatus;
import io.atelier.providers.ProviderException;
import io.atelier.providers.ProviderResult;
import io.atelier.store.BlobStore;
import io.atelier.store.JobStore;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A task's result in storage: the image and its preview, and nothing left behind when the task moved on meanwhile. */
final class ResultWriter {
    private static final Logger LOG = Logger.getLogger(ResultWriter.class.getName());

    private final JobStore jobs;
    private final BlobStore blobs;

    ResultWriter(JobStore jobs, BlobStore blobs) {
        this.jobs = jobs;
        this.blobs = blobs;
    }

    /**
     * Writes the result of step {@code step} (with a few tries) and its preview.
     *
     * @throws ProviderException {@code internal} when storage stays unavailable
     */
    TaskOutput store(Task task, int step, ProviderResult result) throws ProviderException {
        String key = Keys.result(
                task.owner(),
                task.jobId(),
                task.taskId(),
                task.attempt(),
                step,
                result.format().extension());
        try {
            StorageTries.write(blobs, key, result.bytes(), result.format().mimeType());
        } catch (StorageTries.Unavailable e) {
            LOG.log(Level.WARNING, "Task " + task.taskId() + " could not store its result", e);
            throw new ProviderException(ErrorCode.INTERNAL, "Could not store the result: " + e.getMessage() + ".");
        }
        return new TaskOutput(
                key,
                result.format().mimeType(),
                result.width(),
                result.height(),
                result.bytes().length,
                writeThumbnail(task, result));
    }

    /**
     * The task was canceled or moved on while we worked: leave no result behind. But a run that took over our expired
     * lease may have succeeded with the same (deterministic) key: that result stays.
     */
    void discard(Task task, TaskOutput output) {
        boolean theirs = jobs.findTask(task.jobId(), task.taskId())
                .map(now -> now.status() == TaskStatus.SUCCEEDED
                        && now.output() != null
                        && output.key().equals(now.output().key()))
                .orElse(false);
        if (theirs) return;
        blobs.delete(output.key());
        if (output.thumbnailKey() != null) blobs.delete(output.thumbnailKey());
    }

    /** A preview is a convenience: one that cannot be made is logged and the task succeeds without it. */
    private String writeThumbnail(Task task, ProviderResult result) {
        String key = Keys.resultThumbnail(task.owner(), task.jobId(), task.taskId(), task.attempt());
        try {
            blobs.write(
                    key, Thumbnails.jpeg(result.bytes(), result.width(), result.height()), ImageFormat.JPEG.mimeType());
            return key;
        } catch (ImageRejectedException | RuntimeException e) {
            LOG.log(Level.WARNING, "No preview for task " + task.taskId() + ": " + e.getMessage());
            return null;
        }
    }
}
