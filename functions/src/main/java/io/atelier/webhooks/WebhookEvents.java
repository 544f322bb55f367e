package io.atelier.webhooks;

import io.atelier.model.JobStatus;
import io.atelier.model.TaskStatus;
import io.atelier.store.WebhookEndpoint;
import java.util.List;
import java.util.Optional;

/** The event types an endpoint may subscribe to, and which state each one reports. */
public final class WebhookEvents {
    public static final String JOB_COMPLETED = "job.completed";
    public static final String JOB_PARTIAL = "job.partial";
    public static final String JOB_FAILED = "job.failed";
    /** A pilot's tasks ended: the rest of the job waits for its owner's approval. */
    public static final String JOB_AWAITING_APPROVAL = "job.awaiting_approval";

    public static final String TASK_SUCCEEDED = "task.succeeded";
    public static final String TASK_FAILED = "task.failed";
    /** Sent on request only ("test ping"), whatever the endpoint's filter. */
    public static final String PING = WebhookEndpoint.PING;

    public static final List<String> ALL =
            List.of(JOB_COMPLETED, JOB_PARTIAL, JOB_FAILED, JOB_AWAITING_APPROVAL, TASK_SUCCEEDED, TASK_FAILED);

    private WebhookEvents() {}

    public static Optional<String> ofTask(TaskStatus status) {
        return switch (status) {
            case SUCCEEDED -> Optional.of(TASK_SUCCEEDED);
            case FAILED -> Optional.of(TASK_FAILED);
            default -> Optional.empty();
        };
    }

    /** A canceled job is the owner's own doing and is not reported; a pilot's end is, since the owner has to act. */
    public static Optional<String> ofJob(JobStatus status) {
        return switch (status) {
            case SUCCEEDED -> Optional.of(JOB_COMPLETED);
            case PARTIAL -> Optional.of(JOB_PARTIAL);
            case FAILED -> Optional.of(JOB_FAILED);
            case AWAITING_APPROVAL -> Optional.of(JOB_AWAITING_APPROVAL);
            default -> Optional.empty();
        };
    }
}
