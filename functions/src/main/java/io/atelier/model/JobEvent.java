package io.atelier.model;

import java.time.Instant;

/**
 * One entry of a job's append-only log: its submission, each task transition (with the attempt and any provider
 * error; a requeue after a transient fault is a {@code task.retrying} entry), cancel and retry requests, and the sweeper's rescues. Task events are written in the same transaction as
 * the transition they record, so the log never disagrees with the states.
 */
public record JobEvent(
        String eventId,
        Instant at,
        String type,
        String taskId,
        TaskStatus from,
        TaskStatus to,
        Integer attempt,
        TaskError error) {
    public static final String SUBMITTED = "job.submitted";
    public static final String TRANSITION = "task.transition";
    public static final String CANCEL_REQUESTED = "job.cancel_requested";
    public static final String RETRY = "job.retry";
    /** The owner approved a pilot: the held rest runs. */
    public static final String CONTINUED = "job.continued";

    public static final String BUDGET_CHANGED = "job.budget_changed";
    public static final String SWEPT = "task.swept";
    /** A queued task canceled because its start would have gone over the job's budget. */
    public static final String BUDGET_EXCEEDED = "task.budget_exceeded";
    /** A task sent back to the queue after a transient fault; its error says why and which try it was. */
    public static final String RETRYING = "task.retrying";

    /** An object of the S3 prefix a job was submitted from that was not imported; its error says which and why. */
    public static final String IMPORT_REFUSED = "import.refused";

    /** A job-level event; {@code taskId} only for a retry of one task. */
    public static JobEvent ofJob(String type, Instant at, String taskId) {
        return new JobEvent(Ids.event(), at, type, taskId, null, null, null, null);
    }
}
