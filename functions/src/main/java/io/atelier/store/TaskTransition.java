package io.atelier.store;

import io.atelier.model.Cost;
import io.atelier.model.ErrorCode;
import io.atelier.model.Ids;
import io.atelier.model.JobEvent;
import io.atelier.model.PendingWork;
import io.atelier.model.Task;
import io.atelier.model.TaskError;
import io.atelier.model.TaskOutput;
import io.atelier.model.TaskStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * A conditional task state change: applied only if the task is still {@code from} at {@code attempt}, in one
 * transaction with the job's counters. Nullable fields are left as they are; {@code resetResult} clears output
 * and error for a new attempt. Pending provider work is kept while the task is WAITING or RUNNING and dropped on
 * any other state. Every transition appends its {@code event} (type) to the job's log in the same transaction.
 * {@code spendMonth} is the UTC month of the task's first start: what a start commits of its owner's monthly spend
 * goes there, and its end gives it back there.
 */
public record TaskTransition(
        String owner,
        String jobId,
        String taskId,
        TaskStatus from,
        int attempt,
        TaskStatus to,
        Instant at,
        Integer newAttempt,
        boolean countRun,
        boolean resetResult,
        Instant leaseUntil,
        Instant startedAt,
        Instant finishedAt,
        Long durationMs,
        TaskOutput output,
        TaskError error,
        String provider,
        String model,
        Map<String, Object> provenance,
        boolean refundRun,
        PendingWork pending,
        String event,
        Cost cost,
        BigDecimal estimate,
        BigDecimal budget,
        BigDecimal monthlyLimit,
        YearMonth spendMonth) {

    /** The log entry this transition writes: its move, the attempt it leaves the task at, and any error. */
    public JobEvent logEntry() {
        return new JobEvent(Ids.event(), at, event, taskId, from, to, newAttempt != null ? newAttempt : attempt, error);
    }

    public static Builder of(
            String owner, String jobId, String taskId, TaskStatus from, int attempt, TaskStatus to, Instant at) {
        return new Builder(owner, jobId, taskId, from, attempt, to, at);
    }

    /** A move of {@code task} from the state it was read in, at the attempt it was read at. */
    public static Builder of(Task task, TaskStatus to, Instant at) {
        return of(task, task.status(), to, at);
    }

    /** A move of {@code task} from {@code from} (where this run put it since reading it), at the attempt it was read at. */
    public static Builder of(Task task, TaskStatus from, TaskStatus to, Instant at) {
        return new Builder(task.owner(), task.jobId(), task.taskId(), from, task.attempt(), to, at)
                .estimate(task.estimate() == null ? null : task.estimate().amount())
                .firstStarted(task.startedAt());
    }

    /** Fluent construction: most transitions set only two or three fields. */
    public static final class Builder {
        private final String owner, jobId, taskId;
        private final TaskStatus from, to;
        private final int attempt;
        private final Instant at;
        private Integer newAttempt;
        private boolean countRun, resetResult;
        private Instant leaseUntil, startedAt, finishedAt;
        private Long durationMs;
        private TaskOutput output;
        private TaskError error;
        private String provider, model;
        private Map<String, Object> provenance;
        private boolean refundRun;
        private PendingWork pending;
        private String event;
        private Cost cost;
        private BigDecimal estimate, budget, monthlyLimit;
        private Instant firstStarted;

        private Builder(
                String owner, String jobId, String taskId, TaskStatus from, int attempt, TaskStatus to, Instant at) {
            this.owner = owner;
            this.jobId = jobId;
            this.taskId = taskId;
            this.from = from;
            this.attempt = attempt;
            this.to = to;
            this.at = at;
        }

        public Builder newAttempt(int value) {
            newAttempt = value;
            return this;
        }

        public Builder countRun() {
            countRun = true;
            return this;
        }

        public Builder resetResult() {
            resetResult = true;
            return this;
        }
        /** The run did not reach the provider's work (throttled, no free slot): it does not use up an attempt. */
        public Builder refundRun() {
            refundRun = true;
            return this;
        }

        public Builder pending(PendingWork value) {
            pending = value;
            return this;
        }
        /** The type of the event the transition writes to the job's log; {@code task.transition} unless set. */
        public Builder event(String type) {
            event = type;
            return this;
        }

        public Builder lease(Instant until) {
            leaseUntil = until;
            return this;
        }

        public Builder started(Instant value) {
            startedAt = value;
            return this;
        }

        public Builder finished(Instant value, Long millis) {
            finishedAt = value;
            durationMs = millis;
            return this;
        }

        public Builder output(TaskOutput value) {
            output = value;
            return this;
        }

        public Builder error(ErrorCode code, String message, boolean retryable) {
            error = new TaskError(code, message, retryable);
            return this;
        }
        /** What the succeeded run cost; the job's spend grows by it in the same transaction. */
        public Builder cost(Cost value) {
            cost = value;
            return this;
        }
        /** The task's estimate: what its start commits of the job's budget, and its end releases. */
        public Builder estimate(BigDecimal value) {
            estimate = value;
            return this;
        }
        /** The job's budget: the start applies only if the committed spend stays within it. */
        public Builder within(BigDecimal value) {
            budget = value;
            return this;
        }

        /** The owner's monthly spend: the start applies only if the month's committed spend stays within it. */
        public Builder withinMonthly(BigDecimal value) {
            monthlyLimit = value;
            return this;
        }

        private Builder firstStarted(Instant value) {
            firstStarted = value;
            return this;
        }

        public Builder producedBy(String providerId, String modelId, Map<String, Object> details) {
            provider = providerId;
            model = modelId;
            provenance = details;
            return this;
        }

        public TaskTransition build() {
            return new TaskTransition(
                    owner,
                    jobId,
                    taskId,
                    from,
                    attempt,
                    to,
                    at,
                    newAttempt,
                    countRun,
                    resetResult,
                    leaseUntil,
                    startedAt,
                    finishedAt,
                    durationMs,
                    output,
                    error,
                    provider,
                    model,
                    provenance,
                    refundRun,
                    pending,
                    event == null ? JobEvent.TRANSITION : event,
                    cost,
                    estimate,
                    budget,
                    monthlyLimit,
                    YearMonth.from((startedAt != null ? startedAt : firstStarted != null ? firstStarted : at)
                            .atOffset(ZoneOffset.UTC)));
        }
    }
}
