package io.atelier.core;

import io.atelier.model.ErrorCode;
import io.atelier.model.Job;
import io.atelier.model.JobEvent;
import io.atelier.model.Task;
import io.atelier.model.TaskStatus;
import io.atelier.store.JobStore;
import io.atelier.store.TaskTransition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * A queued task whose start the job's budget (or its owner's monthly spend) refused ends CANCELED with
 * {@code budget_exceeded}, until the budget is raised (or the month rolls over and the job is retried).
 */
final class BudgetStops {
    private final JobStore jobs;

    BudgetStops(JobStore jobs) {
        this.jobs = jobs;
    }

    /**
     * Whether a refused claim was the budget's doing: the task is still queued at its attempt and its estimate does not
     * fit what is left. Anything else (another worker moved it, the budget was raised meanwhile) is looked at again later.
     */
    boolean overBudget(Task claimed) {
        Optional<Task> task = jobs.findTask(claimed.jobId(), claimed.taskId());
        if (task.isEmpty()
                || task.get().status() != TaskStatus.QUEUED
                || task.get().attempt() != claimed.attempt()) return false;
        Optional<Job> job = jobs.findJob(claimed.owner(), claimed.jobId());
        BigDecimal estimate = claimed.estimate() == null
                ? BigDecimal.ZERO
                : claimed.estimate().amount();
        // Still queued at its attempt and within the job's budget: the month's limit refused it (the only other
        // condition).
        return job.isPresent()
                && (!job.get().spend().allows(estimate)
                        || job.get().spend().monthlyLimit() != null && estimate.signum() > 0);
    }

    TaskRunner.Outcome stop(Task task, Instant now) {
        Job job = jobs.findJob(task.owner(), task.jobId()).orElseThrow();
        String message = job.spend().monthlyLimit() != null
                        && job.spend().allows(task.estimate().amount())
                ? "Not started: its estimate of " + task.estimate().amount().toPlainString() + " "
                        + job.spend().currency() + " would take this month's committed spend over your plan's "
                        + job.spend().monthlyLimit().toPlainString() + " a month; retry the job next month."
                : "Not started: its estimate of "
                        + task.estimate().amount().toPlainString() + " "
                        + job.spend().currency()
                        + " would take the job's committed spend ("
                        + job.spend().committed().toPlainString() + ") over its budget of "
                        + job.spend().budget().toPlainString() + "; raise the budget to run it.";
        jobs.transition(TaskTransition.of(task, TaskStatus.CANCELED, now)
                .finished(now, null)
                .error(ErrorCode.BUDGET_EXCEEDED, message, false)
                .event(JobEvent.BUDGET_EXCEEDED)
                .build());
        return TaskRunner.Outcome.DONE;
    }
}
