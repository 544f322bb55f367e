package io.atelier.model;

/** A job's per-state task counts; they always sum to {@code total}. */
public record Counts(int total, int queued, int running, int waiting, int succeeded, int failed, int canceled) {

    public static Counts allQueued(int total) {
        return new Counts(total, total, 0, 0, 0, 0, 0);
    }

    public int of(TaskStatus status) {
        return switch (status) {
            case QUEUED -> queued;
            case RUNNING -> running;
            case WAITING -> waiting;
            case SUCCEEDED -> succeeded;
            case FAILED -> failed;
            case CANCELED -> canceled;
        };
    }

    public int unfinished() {
        return queued + running + waiting;
    }

    /** The job status API.md defines, derived from the counts so it can never disagree with them. */
    public JobStatus status(boolean cancelRequested) {
        if (unfinished() > 0) return queued == total ? JobStatus.QUEUED : JobStatus.RUNNING;
        if (succeeded == total) return JobStatus.SUCCEEDED;
        if (succeeded == 0)
            return cancelRequested || (canceled > 0 && failed == 0) ? JobStatus.CANCELED : JobStatus.FAILED;
        return JobStatus.PARTIAL;
    }
}
