package io.atelier.store;

/** The parts of a task that a transition may set or clear (status, attempt and runs are always handled). */
public enum TaskField {
    LEASE_UNTIL,
    STARTED_AT,
    FINISHED_AT,
    DURATION_MS,
    OUTPUT,
    ERROR,
    PROVIDER,
    MODEL,
    PROVENANCE,
    PENDING,
    COST
}
