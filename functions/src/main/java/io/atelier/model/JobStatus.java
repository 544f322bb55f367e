package io.atelier.model;

public enum JobStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    PARTIAL,
    FAILED,
    CANCELED;

    public boolean terminal() {
        return this != QUEUED && this != RUNNING;
    }
}
