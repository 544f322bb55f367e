package io.atelier.model;

import java.time.Instant;
import java.util.Map;

/**
 * One image of a job. {@code attempt} is the retry generation (a user's retry starts a new one; messages and
 * transitions are conditional on it); {@code runs} counts how often a worker started it;
 * {@code pending} is the asynchronous provider work it is WAITING for, if any.
 */
public record Task(
        String owner,
        String jobId,
        String taskId,
        String customId,
        TaskInput input,
        String prompt,
        Map<String, Object> params,
        TaskStatus status,
        int attempt,
        int runs,
        TaskOutput output,
        TaskError error,
        String provider,
        String model,
        Map<String, Object> provenance,
        Instant leaseUntil,
        Instant startedAt,
        Instant finishedAt,
        Long durationMs,
        Instant createdAt,
        PendingWork pending,
        Review review) {

    public Task {
        params = params == null ? Map.of() : params;
        provenance = provenance == null ? Map.of() : provenance;
    }

    /** A task without a review: what every state change starts from (the store keeps a review across them). */
    public Task(String owner, String jobId, String taskId, String customId, TaskInput input, String prompt,
                Map<String, Object> params, TaskStatus status, int attempt, int runs, TaskOutput output, TaskError error,
                String provider, String model, Map<String, Object> provenance, Instant leaseUntil, Instant startedAt,
                Instant finishedAt, Long durationMs, Instant createdAt, PendingWork pending) {
        this(owner, jobId, taskId, customId, input, prompt, params, status, attempt, runs, output, error, provider, model,
                provenance, leaseUntil, startedAt, finishedAt, durationMs, createdAt, pending, null);
    }

    public Task withReview(Review value) {
        return new Task(owner, jobId, taskId, customId, input, prompt, params, status, attempt, runs, output, error, provider,
                model, provenance, leaseUntil, startedAt, finishedAt, durationMs, createdAt, pending, value);
    }
}
