package io.atelier.model;

import java.time.Instant;
import java.util.List;

/**
 * A batch job. {@code workflow} is true when the caller sent {@code steps}; otherwise the single step's fields
 * are shown flat, as API.md's job object has them.
 */
public record Job(
        String owner,
        String jobId,
        String name,
        List<Step> steps,
        boolean workflow,
        Counts counts,
        boolean cancelRequested,
        Instant createdAt,
        Instant updatedAt,
        Spend spend,
        ReviewCounts reviews,
        String outputName) {

    public Job {
        spend = spend == null ? Spend.NONE : spend;
        reviews = reviews == null ? ReviewCounts.NONE : reviews;
    }

    /** A job whose results keep their originals' names (no {@code outputName} template). */
    public Job(
            String owner,
            String jobId,
            String name,
            List<Step> steps,
            boolean workflow,
            Counts counts,
            boolean cancelRequested,
            Instant createdAt,
            Instant updatedAt,
            Spend spend,
            ReviewCounts reviews) {
        this(owner, jobId, name, steps, workflow, counts, cancelRequested, createdAt, updatedAt, spend, reviews, null);
    }

    public Job withOutputName(String value) {
        return new Job(
                owner,
                jobId,
                name,
                steps,
                workflow,
                counts,
                cancelRequested,
                createdAt,
                updatedAt,
                spend,
                reviews,
                value);
    }

    /** A job whose results nobody reviewed yet. */
    public Job(
            String owner,
            String jobId,
            String name,
            List<Step> steps,
            boolean workflow,
            Counts counts,
            boolean cancelRequested,
            Instant createdAt,
            Instant updatedAt,
            Spend spend) {
        this(
                owner,
                jobId,
                name,
                steps,
                workflow,
                counts,
                cancelRequested,
                createdAt,
                updatedAt,
                spend,
                ReviewCounts.NONE);
    }

    public Job withReviews(ReviewCounts value) {
        return new Job(
                owner,
                jobId,
                name,
                steps,
                workflow,
                counts,
                cancelRequested,
                createdAt,
                updatedAt,
                spend,
                value,
                outputName);
    }

    /** A job without prices (tests, jobs stored before prices existed). */
    public Job(
            String owner,
            String jobId,
            String name,
            List<Step> steps,
            boolean workflow,
            Counts counts,
            boolean cancelRequested,
            Instant createdAt,
            Instant updatedAt) {
        this(owner, jobId, name, steps, workflow, counts, cancelRequested, createdAt, updatedAt, Spend.NONE);
    }

    public JobStatus status() {
        return counts.status(cancelRequested);
    }

    /** The last transition that made the job terminal is also its last update. */
    public Instant completedAt() {
        return status().terminal() ? updatedAt : null;
    }
}
