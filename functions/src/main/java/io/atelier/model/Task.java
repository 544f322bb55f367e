package io.atelier.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One image of a job, in four parts: which task it is ({@link Key}), what it is asked to do ({@link Work}), where it
 * stands ({@link State}) and what came of it ({@link Result}); plus a person's review of a succeeded result. Only
 * the state and the result change, and only through {@code TaskLifecycle}.
 */
public record Task(Key key, Work work, State state, Result result, Review review, List<Attempt> history) {

    public Task {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** A task with no earlier attempts kept. */
    public Task(Key key, Work work, State state, Result result, Review review) {
        this(key, work, state, result, review, List.of());
    }

    /**
     * An earlier attempt whose result was rejected and re-run: what it was asked, what it made and its review. Its
     * result stays in storage (each attempt writes under its own key), so compare can show it beside the new one.
     */
    public record Attempt(
            int attempt,
            String prompt,
            Map<String, Object> params,
            TaskOutput output,
            String provider,
            String model,
            Review review,
            Instant finishedAt) {
        public Attempt {
            params = params == null ? Map.of() : params;
        }
    }

    /** Whose task, in which job. */
    public record Key(String owner, String jobId, String taskId) {}

    /** The caller's label, the original, the prompt and parameters as submitted (after per-item overrides). */
    public record Work(
            String customId,
            TaskInput input,
            String prompt,
            Map<String, Object> params,
            Instant createdAt,
            Cost estimate,
            String outputName) {
        public Work {
            params = params == null ? Map.of() : params;
        }

        /** Work without a chosen output name (the result is named after its original). */
        public Work(
                String customId,
                TaskInput input,
                String prompt,
                Map<String, Object> params,
                Instant createdAt,
                Cost estimate) {
            this(customId, input, prompt, params, createdAt, estimate, null);
        }

        public Work withEstimate(Cost value) {
            return new Work(customId, input, prompt, params, createdAt, value, outputName);
        }

        /** The work of a re-run: another prompt or parameters, the same original and name. */
        public Work rerun(String newPrompt, Map<String, Object> newParams) {
            return new Work(customId, input, newPrompt, newParams, createdAt, estimate, outputName);
        }

        /** Work without an estimate (tests, tasks stored before prices existed). */
        public Work(String customId, TaskInput input, String prompt, Map<String, Object> params, Instant createdAt) {
            this(customId, input, prompt, params, createdAt, null);
        }
    }

    /**
     * {@code attempt} is the retry generation (a user's retry starts a new one; messages and transitions are conditional
     * on it); {@code runs} counts how often a worker started it; {@code pending} is the asynchronous provider work it is
     * WAITING for, if any.
     */
    public record State(
            TaskStatus status,
            int attempt,
            int runs,
            Instant leaseUntil,
            Instant startedAt,
            Instant finishedAt,
            Long durationMs,
            PendingWork pending) {
        public static State queued() {
            return new State(TaskStatus.QUEUED, 1, 0, null, null, null, null, null);
        }
    }

    /** The result object, or the error, who produced it, and what it cost (set when it succeeded). */
    public record Result(
            TaskOutput output,
            TaskError error,
            String provider,
            String model,
            Map<String, Object> provenance,
            Cost cost) {
        public static final Result NONE = new Result(null, null, null, null, Map.of(), null);

        public Result {
            provenance = provenance == null ? Map.of() : provenance;
        }

        public Result(
                TaskOutput output, TaskError error, String provider, String model, Map<String, Object> provenance) {
            this(output, error, provider, model, provenance, null);
        }
    }

    /** A new task as a job's submission creates it: QUEUED, first attempt, no result. */
    public static Task queued(String owner, String jobId, String taskId, Work work) {
        return new Task(new Key(owner, jobId, taskId), work, State.queued(), Result.NONE, null);
    }

    public Task withState(State value) {
        return new Task(key, work, value, result, review, history);
    }

    public Task withResult(Result value) {
        return new Task(key, work, state, value, review, history);
    }

    public Task withReview(Review value) {
        return new Task(key, work, state, result, value, history);
    }

    public Task withWork(Work value) {
        return new Task(key, value, state, result, review, history);
    }

    public Task withHistory(List<Attempt> value) {
        return new Task(key, work, state, result, review, value);
    }

    /** What this attempt was and made, for the history a re-run keeps. */
    public Attempt asAttempt() {
        return new Attempt(attempt(), prompt(), params(), output(), provider(), model(), review, finishedAt());
    }

    public String owner() {
        return key.owner();
    }

    public String jobId() {
        return key.jobId();
    }

    public String taskId() {
        return key.taskId();
    }

    public String customId() {
        return work.customId();
    }

    public TaskInput input() {
        return work.input();
    }

    public String prompt() {
        return work.prompt();
    }

    public Map<String, Object> params() {
        return work.params();
    }

    public Instant createdAt() {
        return work.createdAt();
    }

    public TaskStatus status() {
        return state.status();
    }

    public int attempt() {
        return state.attempt();
    }

    public int runs() {
        return state.runs();
    }

    public Instant leaseUntil() {
        return state.leaseUntil();
    }

    public Instant startedAt() {
        return state.startedAt();
    }

    public Instant finishedAt() {
        return state.finishedAt();
    }

    public Long durationMs() {
        return state.durationMs();
    }

    public PendingWork pending() {
        return state.pending();
    }

    public TaskOutput output() {
        return result.output();
    }

    public TaskError error() {
        return result.error();
    }

    public String provider() {
        return result.provider();
    }

    public String model() {
        return result.model();
    }

    public Map<String, Object> provenance() {
        return result.provenance();
    }

    public Cost estimate() {
        return work.estimate();
    }

    public Cost cost() {
        return result.cost();
    }

    public String outputName() {
        return work.outputName();
    }
}
