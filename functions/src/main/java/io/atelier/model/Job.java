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
        String outputName,
        Pilot pilot) {

    public Job {
        spend = spend == null ? Spend.NONE : spend;
        reviews = reviews == null ? ReviewCounts.NONE : reviews;
    }

    /** A job without a pilot whose results keep their originals' names (no {@code outputName} template). */
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
                reviews,
                null,
                null);
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
                value,
                pilot);
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
                outputName,
                pilot);
    }

    public Job withUpdatedAt(Instant value) {
        return new Job(
                owner,
                jobId,
                name,
                steps,
                workflow,
                counts,
                cancelRequested,
                createdAt,
                value,
                spend,
                reviews,
                outputName,
                pilot);
    }

    public Job withPilot(Pilot value) {
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
                outputName,
                value);
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

    /**
     * Derived from the counts; a held pilot whose tasks all ended waits for its owner. Held tasks do not exist yet, so
     * they cannot end before the owner continues or cancels.
     */
    public JobStatus status() {
        if (pilot != null && pilot.held() && !cancelRequested && counts.total() - counts.unfinished() >= pilot.size())
            return JobStatus.AWAITING_APPROVAL;
        return counts.status(cancelRequested);
    }

    /** The last transition that made the job terminal is also its last update. */
    public Instant completedAt() {
        return status().terminal() ? updatedAt : null;
    }
}
