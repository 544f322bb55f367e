package io.atelier.core;

import io.atelier.metrics.Metrics;
import io.atelier.model.ErrorCode;
import io.atelier.model.FanOutMessage;
import io.atelier.model.JobEvent;
import io.atelier.model.Task;
import io.atelier.model.TaskMessage;
import io.atelier.model.TaskStatus;
import io.atelier.store.JobStore;
import io.atelier.store.TaskQueue;
import io.atelier.store.TaskTransition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds work nobody is doing and sets it going again, so no job stays RUNNING with nothing running: a RUNNING task
 * whose lease expired (its worker died and its message is gone) goes back to QUEUED, or ends FAILED {@code exhausted}
 * when it already used its attempts; a WAITING task whose poll is overdue, and a QUEUED task untouched for longer than
 * any SQS delay, get their message again. Each rescue is a conditional transition with a {@code task.swept} entry, and
 * a duplicate message is harmless: the worker is idempotent. A job whose fan-out stalled gets the rest of its tasks.
 */
public final class Sweeper {
    /** What one sweep did; {@code fanOuts} counts the stalled fan-outs it finished. */
    public record Result(int examined, int requeued, int failed, int fanOuts) {
        public Result(int examined, int requeued, int failed) {
            this(examined, requeued, failed, 0);
        }
    }

    private static final Logger LOG = Logger.getLogger(Sweeper.class.getName());
    private static final int BATCH = 500;
    /** Stalled fan-outs finished per sweep: each may create thousands of tasks within the sweeper's timeout. */
    private static final int FAN_OUTS = 5;

    private final JobStore jobs;
    private final TaskQueue queue;
    private final Limits limits;
    private final Delays delays;
    private final Clock clock;
    private final Metrics metrics;
    private final FanOut fanOut;

    public Sweeper(JobStore jobs, TaskQueue queue, Limits limits, Delays delays, Clock clock) {
        this(jobs, queue, limits, delays, clock, Metrics.NONE);
    }

    public Sweeper(JobStore jobs, TaskQueue queue, Limits limits, Delays delays, Clock clock, Metrics metrics) {
        this.metrics = metrics;
        this.fanOut = new FanOut(jobs, queue, clock);
        this.jobs = jobs;
        this.queue = queue;
        this.limits = limits;
        this.delays = delays;
        this.clock = clock;
    }

    public Result sweep() {
        Instant now = clock.instant();
        // A job whose fan-out died (and whose message is gone) first gets its remaining tasks: they are swept from then
        // on.
        int fanOuts = 0;
        for (FanOutMessage stalled : jobs.stalledFanOuts(now, FAN_OUTS)) {
            try {
                if (fanOut.run(stalled).finished()) fanOuts++;
            } catch (RuntimeException e) { // the rest of the sweep still runs; the next sweep tries this job again
                LOG.log(Level.WARNING, "Fan-out of job " + stalled.jobId() + " failed again", e);
            }
        }
        List<Task> overdue = jobs.sweepable(now, BATCH);
        // Behind a backlog a QUEUED task's message is most likely just waiting its turn: leave those for a later sweep.
        boolean backlog = overdue.stream().anyMatch(task -> task.status() == TaskStatus.QUEUED) && queue.backlog() > 0;
        int requeued = 0, failed = 0;
        for (Task task : overdue) {
            if (task.status() != TaskStatus.QUEUED
                    && task.leaseUntil() != null
                    && task.leaseUntil().isAfter(now)) continue;
            var move = TaskTransition.of(task, task.status(), now).event(JobEvent.SWEPT);
            switch (task.status()) {
                case RUNNING -> {
                    if (task.runs() >= limits.maxAttempts()) {
                        Long duration = task.startedAt() == null
                                ? null
                                : Duration.between(task.startedAt(), now).toMillis();
                        move = TaskTransition.of(task, TaskStatus.FAILED, now)
                                .event(JobEvent.SWEPT)
                                .finished(now, duration)
                                .lease(now)
                                .error(
                                        ErrorCode.EXHAUSTED,
                                        "Its worker stopped " + task.runs() + " times without finishing it.",
                                        true);
                        if (jobs.transition(move.build())) failed++;
                        continue;
                    }
                    // Asynchronous work in progress is kept: the task waits again and polls; otherwise it starts over.
                    move = TaskTransition.of(task, task.pending() != null ? TaskStatus.WAITING : TaskStatus.QUEUED, now)
                            .event(JobEvent.SWEPT)
                            .lease(task.pending() != null ? now.plus(delays.pollGrace()) : now);
                }
                case WAITING -> move.lease(now.plus(delays.pollGrace()));
                case QUEUED -> {
                    if (backlog) continue;
                }
                default -> {
                    continue;
                }
            }
            if (jobs.transition(move.build())) {
                queue.enqueue(List.of(TaskMessage.of(task)));
                requeued++;
            }
        }
        metrics.swept(overdue.size(), requeued, failed);
        return new Result(overdue.size(), requeued, failed, fanOuts);
    }
}
