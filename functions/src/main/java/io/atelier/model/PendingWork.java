package io.atelier.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A step an asynchronous provider is working on: which step, the provider's handle to poll, since when, how often it
 * was polled (times as epoch milliseconds: stored as JSON without a date-time module), what the provider said at submission, and the provenance of the steps already done before it.
 */
public record PendingWork(
        int step,
        String handle,
        long sinceEpochMillis,
        int polls,
        Map<String, Object> submitted,
        List<Map<String, Object>> doneSteps) {
    public PendingWork {
        submitted = submitted == null ? Map.of() : submitted;
        doneSteps = doneSteps == null ? List.of() : doneSteps;
    }

    public PendingWork polledOnce() {
        return new PendingWork(step, handle, sinceEpochMillis, polls + 1, submitted, doneSteps);
    }

    public Instant since() {
        return Instant.ofEpochMilli(sinceEpochMillis);
    }
}
