package io.atelier.store;

import io.atelier.model.Counts;
import io.atelier.model.Task;
import io.atelier.model.TaskStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a task's transitions, in one pure place: whether a transition applies, what it changes on the task,
 * how it moves the job's counters and when the sweeper should look at the task again. Stores only carry them out.
 */
public final class TaskLifecycle {
    /** What a new attempt forgets of the previous one; its start time stays as history. */
    private static final List<TaskField> RESET_BY_NEW_ATTEMPT = List.of(
            TaskField.OUTPUT,
            TaskField.ERROR,
            TaskField.FINISHED_AT,
            TaskField.DURATION_MS,
            TaskField.LEASE_UNTIL,
            TaskField.PROVENANCE,
            TaskField.COST);

    private TaskLifecycle() {}

    /** A transition applies only to the task still in its expected state and attempt: duplicates lose. */
    public static boolean applies(Task task, TaskTransition t) {
        return task != null && task.status() == t.from() && task.attempt() == t.attempt();
    }

    /** @param queuedStale how long a QUEUED task may stay untouched before the sweeper re-sends its message */
    public static TaskChange change(TaskTransition t, Duration queuedStale) {
        Map<TaskField, Object> set = new EnumMap<>(TaskField.class);
        put(set, TaskField.LEASE_UNTIL, t.leaseUntil());
        put(set, TaskField.STARTED_AT, t.startedAt());
        put(set, TaskField.FINISHED_AT, t.finishedAt());
        put(set, TaskField.DURATION_MS, t.durationMs());
        put(set, TaskField.OUTPUT, t.output());
        put(set, TaskField.ERROR, t.error());
        put(set, TaskField.PROVIDER, t.provider());
        put(set, TaskField.MODEL, t.model());
        put(set, TaskField.PROVENANCE, t.provenance());
        put(set, TaskField.PENDING, t.pending());
        put(set, TaskField.COST, t.cost());

        Set<TaskField> cleared = EnumSet.noneOf(TaskField.class);
        // Pending provider work lives only while the task runs or waits for it.
        if (t.pending() == null && t.to() != TaskStatus.RUNNING && t.to() != TaskStatus.WAITING)
            cleared.add(TaskField.PENDING);
        if (t.resetResult()) cleared.addAll(RESET_BY_NEW_ATTEMPT);
        else if (t.to() == TaskStatus.SUCCEEDED && t.error() == null)
            cleared.add(TaskField.ERROR); // an earlier transient error is history
        cleared.forEach(set::remove);

        int runs = (t.countRun() ? 1 : 0) - (t.refundRun() ? 1 : 0);
        return new TaskChange(t.to(), t.newAttempt(), runs, set, cleared, sweepAt(t, queuedStale));
    }

    /** Unfinished tasks are overdue when their lease ends, or, while QUEUED, once they sat untouched too long. */
    static Instant sweepAt(TaskTransition t, Duration queuedStale) {
        if (t.to().terminal()) return null;
        return t.to() != TaskStatus.QUEUED && t.leaseUntil() != null ? t.leaseUntil() : t.at().plus(queuedStale);
    }

    /** The task after the change; its review is kept (a review is not part of the lifecycle). */
    public static Task apply(Task task, TaskChange change) {
        Task.State state = new Task.State(
                change.status(),
                change.attempt() == null ? task.attempt() : change.attempt(),
                task.runs() + change.runsDelta(),
                value(change, TaskField.LEASE_UNTIL, task.leaseUntil()),
                value(change, TaskField.STARTED_AT, task.startedAt()),
                value(change, TaskField.FINISHED_AT, task.finishedAt()),
                value(change, TaskField.DURATION_MS, task.durationMs()),
                value(change, TaskField.PENDING, task.pending()));
        Task.Result result = new Task.Result(
                value(change, TaskField.OUTPUT, task.output()),
                value(change, TaskField.ERROR, task.error()),
                value(change, TaskField.PROVIDER, task.provider()),
                value(change, TaskField.MODEL, task.model()),
                value(change, TaskField.PROVENANCE, task.provenance()),
                value(change, TaskField.COST, task.cost()));
        return task.withState(state).withResult(result);
    }

    /** The job's counters after the transition: one task leaves its old state and enters the new one. */
    public static Counts count(Counts counts, TaskTransition t) {
        if (t.from() == t.to()) return counts;
        int[] c = {
            counts.queued(), counts.running(), counts.waiting(), counts.succeeded(), counts.failed(), counts.canceled()
        };
        c[t.from().ordinal()]--;
        c[t.to().ordinal()]++;
        return new Counts(counts.total(), c[0], c[1], c[2], c[3], c[4], c[5]);
    }

    /** What the transition adds to the job's spend: a run's cost, once, as the task succeeds. */
    public static BigDecimal charge(TaskTransition t) {
        return t.cost() != null && t.to() == TaskStatus.SUCCEEDED && t.from() != TaskStatus.SUCCEEDED
                ? t.cost().amount()
                : BigDecimal.ZERO;
    }

    /**
     * What the transition moves the job's committed spend by: a start commits the task's estimate; leaving the running
     * states releases it, and a success puts the run's actual cost in its place.
     */
    public static BigDecimal commitment(TaskTransition t) {
        BigDecimal estimate = t.estimate() == null ? BigDecimal.ZERO : t.estimate();
        boolean wasRunning = RUNNING_STATES.contains(t.from());
        boolean isRunning = RUNNING_STATES.contains(t.to());
        if (!wasRunning && isRunning) return estimate;
        if (wasRunning && !isRunning) return charge(t).subtract(estimate);
        return BigDecimal.ZERO;
    }

    /** Whether the transition's start fits the budget it carries, given the job's committed spend now. */
    public static boolean withinBudget(TaskTransition t, BigDecimal committed) {
        BigDecimal delta = commitment(t);
        return t.budget() == null || delta.signum() <= 0 || committed.add(delta).compareTo(t.budget()) <= 0;
    }

    /** The most the committed spend may be before the start, for a conditional write; null if unconditional. */
    public static BigDecimal budgetLimit(TaskTransition t) {
        return limitBefore(t, t.budget());
    }

    /** The most the owner's committed spend of the month may be before the start; null if unconditional. */
    public static BigDecimal monthlyLimit(TaskTransition t) {
        return limitBefore(t, t.monthlyLimit());
    }

    /** Whether the start fits the owner's monthly spend, given what the month has committed now. */
    public static boolean withinMonthly(TaskTransition t, BigDecimal committedThisMonth) {
        BigDecimal before = monthlyLimit(t);
        return before == null || committedThisMonth.compareTo(before) <= 0;
    }

    private static BigDecimal limitBefore(TaskTransition t, BigDecimal limit) {
        BigDecimal delta = commitment(t);
        return limit == null || delta.signum() <= 0 ? null : limit.subtract(delta);
    }

    private static final Set<TaskStatus> RUNNING_STATES = EnumSet.of(TaskStatus.RUNNING, TaskStatus.WAITING);

    @SuppressWarnings("unchecked")
    private static <T> T value(TaskChange change, TaskField field, T current) {
        if (change.cleared().contains(field)) return null;
        return change.set().containsKey(field) ? (T) change.set().get(field) : current;
    }

    private static void put(Map<TaskField, Object> set, TaskField field, Object value) {
        if (value != null) set.put(field, value);
    }
}
