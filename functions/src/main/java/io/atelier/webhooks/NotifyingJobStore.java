package io.atelier.webhooks;

import io.atelier.model.FanOutMessage;
import io.atelier.model.Job;
import io.atelier.model.JobEvent;
import io.atelier.model.JobStatus;
import io.atelier.model.Review;
import io.atelier.model.Task;
import io.atelier.model.TaskStatus;
import io.atelier.store.FanOutProgress;
import io.atelier.store.IdempotencyKey;
import io.atelier.store.JobStore;
import io.atelier.store.KeyedJob;
import io.atelier.store.Page;
import io.atelier.store.PageRequest;
import io.atelier.store.TaskTransition;
import io.atelier.store.WebhookMessage;
import io.atelier.store.WebhookQueue;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A job store that reports every task reaching SUCCEEDED or FAILED to the webhook queue, wherever the move is made
 * (worker, sweeper, dead letters). One SQS send after the committed transition, nothing read: who wants the event is
 * the consumer's business. A failed send is logged and swallowed: webhooks never hold up or fail the pipeline.
 */
public final class NotifyingJobStore implements JobStore {
    private static final Logger LOG = Logger.getLogger(NotifyingJobStore.class.getName());
    private final JobStore delegate;
    private final WebhookQueue queue;

    public NotifyingJobStore(JobStore delegate, WebhookQueue queue) {
        this.delegate = delegate;
        this.queue = queue;
    }

    @Override
    public boolean transition(TaskTransition t) {
        boolean moved = delegate.transition(t);
        if (moved && t.from() != t.to() && (t.to() == TaskStatus.SUCCEEDED || t.to() == TaskStatus.FAILED)) {
            try {
                queue.send(
                        WebhookMessage.transition(
                                t.owner(),
                                t.jobId(),
                                t.taskId(),
                                t.to().name(),
                                t.newAttempt() != null ? t.newAttempt() : t.attempt(),
                                t.at()),
                        Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Webhook event for task " + t.taskId() + " not queued", e);
            }
        }
        return moved;
    }

    @Override
    public KeyedJob create(Job job, List<Task> tasks, IdempotencyKey key) {
        return delegate.create(job, tasks, key);
    }

    @Override
    public Optional<KeyedJob> findIdempotencyKey(String owner, String key, Instant now) {
        return delegate.findIdempotencyKey(owner, key, now);
    }

    @Override
    public Optional<Job> findJob(String owner, String jobId) {
        return delegate.findJob(owner, jobId);
    }

    @Override
    public Page<Job> listJobs(String owner, JobStatus status, PageRequest page) {
        return delegate.listJobs(owner, status, page);
    }

    @Override
    public Optional<Task> findTask(String jobId, String taskId) {
        return delegate.findTask(jobId, taskId);
    }

    @Override
    public Page<Task> listTasks(String jobId, TaskStatus status, PageRequest page) {
        return delegate.listTasks(jobId, status, page);
    }

    @Override
    public List<Task> tasksIn(String jobId, List<TaskStatus> states) {
        return delegate.tasksIn(jobId, states);
    }

    @Override
    public Page<JobEvent> listEvents(String jobId, PageRequest page) {
        return delegate.listEvents(jobId, page);
    }

    @Override
    public Page<JobEvent> listEventsSince(String jobId, Instant since, PageRequest page) {
        return delegate.listEventsSince(jobId, since, page);
    }

    @Override
    public List<Task> findTasks(String jobId, List<String> taskIds) {
        return delegate.findTasks(jobId, taskIds);
    }

    @Override
    public void appendEvent(String owner, String jobId, JobEvent event) {
        delegate.appendEvent(owner, jobId, event);
    }

    @Override
    public List<Task> sweepable(Instant now, int limit) {
        return delegate.sweepable(now, limit);
    }

    @Override
    public boolean takeOverLease(Task task, Instant now, Instant newLeaseUntil) {
        return delegate.takeOverLease(task, now, newLeaseUntil);
    }

    @Override
    public boolean requestCancel(String owner, String jobId, Instant at) {
        return delegate.requestCancel(owner, jobId, at);
    }

    @Override
    public void clearCancel(String owner, String jobId, Instant at) {
        delegate.clearCancel(owner, jobId, at);
    }

    @Override
    public boolean setBudget(String owner, String jobId, BigDecimal budget, Instant at) {
        return delegate.setBudget(owner, jobId, budget, at);
    }

    @Override
    public boolean review(String owner, String jobId, String taskId, Review.Decision from, Review review) {
        return delegate.review(owner, jobId, taskId, from, review);
    }

    @Override
    public boolean reviewAll(String owner, String jobId, List<ReviewChange> changes) {
        return delegate.reviewAll(owner, jobId, changes);
    }
    /** A re-run moves a finished task back to QUEUED: nothing to report until its new attempt ends (through {@link #transition}). */
    @Override
    public boolean rerun(Task task, Task.Work work, Instant at) {
        return delegate.rerun(task, work, at);
    }

    @Override
    public KeyedJob createFanOut(Job job, List<Task> tasks, IdempotencyKey key, Instant stalledAt) {
        return delegate.createFanOut(job, tasks, key, stalledAt);
    }

    @Override
    public Optional<FanOutProgress> fanOut(String jobId) {
        return delegate.fanOut(jobId);
    }

    @Override
    public int createTasks(List<Task> tasks) {
        return delegate.createTasks(tasks);
    }

    @Override
    public boolean advanceFanOut(String jobId, int from, int to, Instant stalledAt) {
        return delegate.advanceFanOut(jobId, from, to, stalledAt);
    }

    @Override
    public boolean releasePilot(String owner, String jobId, Instant at, Instant stalledAt) {
        return delegate.releasePilot(owner, jobId, at, stalledAt);
    }

    @Override
    public List<FanOutMessage> stalledFanOuts(Instant now, int limit) {
        return delegate.stalledFanOuts(now, limit);
    }
}
