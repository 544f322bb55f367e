package io.atelier.store;

import io.atelier.model.Task;
import java.util.List;

/**
 * A job whose tasks are still being created: the list stored at submission, in order, and how many of them (from the
 * start) already exist and have their message.
 */
public record FanOutProgress(String owner, String jobId, List<Task> tasks, int done) {
    public FanOutProgress {
        tasks = List.copyOf(tasks);
    }

    public boolean finished() {
        return done >= tasks.size();
    }
}
