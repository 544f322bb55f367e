package io.atelier.store;

import io.atelier.model.TaskMessage;
import java.time.Duration;
import java.util.List;

/** The queue of task messages the worker consumes. */
public interface TaskQueue {
    void enqueue(List<TaskMessage> messages);

    /** Re-enqueues with a delay (SQS allows up to 15 minutes): used instead of sleeping in a Lambda. */
    void enqueueLater(TaskMessage message, Duration delay);

    /** Messages waiting (visible or delayed), when the queue can tell: the sweeper leaves QUEUED tasks alone while any wait. */
    default long backlog() {
        return 0;
    }
}
