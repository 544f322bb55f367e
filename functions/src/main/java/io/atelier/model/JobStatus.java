package io.atelier.model;

public enum JobStatus {
    QUEUED,
    RUNNING,
    /** A pilot's tasks ended; the rest wait for the owner to continue or cancel. */
    AWAITING_APPROVAL,
    SUCCEEDED,
    PARTIAL,
    FAILED,
    CANCELED;

    public boolean terminal() {
        return this != QUEUED && this != RUNNING && this != AWAITING_APPROVAL;
    }
}
