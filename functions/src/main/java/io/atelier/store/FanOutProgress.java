package io.atelier.store;

import io.atelier.model.Task;
import java.util.List;

/**
 * A job whose tasks are still being created: the list stored at submission, in order, and how many of them (from the
 * start) already exist and have their message. {@code heldFrom} is where a pilot stops the fan-out until its owner
 * continues: the list's size when nothing is held.
 */
public record FanOutProgress(String owner, String jobId, List<Task> tasks, int done, int heldFrom) {
    public FanOutProgress {
        tasks = List.copyOf(tasks);
    }

    public FanOutProgress(String owner, String jobId, List<Task> tasks, int done) {
        this(owner, jobId, tasks, done, tasks.size());
    }

    public boolean finished() {
        return done >= tasks.size();
    }

    /** Where this fan-out stops for now: the end of the list, or the start of the held rest. */
    public int end() {
        return Math.min(heldFrom, tasks.size());
    }
}
