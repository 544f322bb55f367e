package io.atelier.store;

import io.atelier.model.TaskMessage;
import java.time.Duration;
import java.util.List;

/** The queue of task messages the worker consumes. */
public interface TaskQueue {
    /** The longest delay a message can be given: SQS's DelaySeconds stops at 900. Every delay is capped to it. */
    Duration MAX_DELAY = Duration.ofMinutes(15);
    /** The longest a received message can stay invisible: SQS's VisibilityTimeout stops at 12 hours. */
    Duration MAX_VISIBILITY = Duration.ofHours(12);

    void enqueue(List<TaskMessage> messages);

    /** Re-enqueues with a delay (at most {@link #MAX_DELAY}): used instead of sleeping in a Lambda. */
    void enqueueLater(TaskMessage message, Duration delay);

    /**
     * Keeps a message being worked on invisible for {@code timeout} from now (SQS ChangeMessageVisibility): the
     * heartbeat of a long provider call, so the message does not come back while its work is still going on.
     */
    default void extendVisibility(String receiptHandle, Duration timeout) {}

    /** Messages waiting (visible or delayed), when the queue can tell: the sweeper leaves QUEUED tasks alone while any wait. */
    default long backlog() {
        return 0;
    }
}
