package io.atelier.core;

import io.atelier.model.FanOutMessage;
import io.atelier.model.Task;
import io.atelier.model.TaskMessage;
import io.atelier.store.FanOutProgress;
import io.atelier.store.JobStore;
import io.atelier.store.TaskQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Creates and queues the tasks of a job submitted as a list ({@code POST /jobs} with many items), a batch at a time
 * from its checkpoint on: create the batch's tasks (those not there yet), send their messages, then record the
 * progress. A fan-out that dies anywhere in a batch is finished by the next one (its message redelivered, or the
 * sweeper): it redoes at most that batch, finds the tasks already made (and leaves them, run or not) and sends their
 * messages again, which the worker ignores for tasks that moved on. The job's counts never change here: the list was
 * counted QUEUED at submission. A pilot's fan-out stops where the held rest begins; the store takes it out of the
 * sweeper's sight there, until the owner continues.
 */
public final class FanOut {
    /** Tasks per checkpoint: one transaction of conditional puts, ten message batches. */
    public static final int BATCH = 100;
    /** A fan-out that records no progress for this long is taken as dead; the sweeper resumes it. */
    public static final Duration STALL = Duration.ofMinutes(2);

    /** What one run did: tasks it stored (not those an earlier run had), and whether the job's list is all done. */
    public record Result(int created, int queued, boolean finished) {}

    private final JobStore jobs;
    private final TaskQueue queue;
    private final Clock clock;

    public FanOut(JobStore jobs, TaskQueue queue, Clock clock) {
        this.jobs = jobs;
        this.queue = queue;
        this.clock = clock;
    }

    public Result run(FanOutMessage message) {
        Optional<FanOutProgress> pending = jobs.fanOut(message.jobId());
        if (pending.isEmpty()) return new Result(0, 0, true); // finished before, or a duplicate message
        List<Task> tasks = pending.get().tasks();
        int end = pending.get().end(), done = pending.get().done(), created = 0, queued = 0;
        while (done < end) {
            int to = Math.min(end, done + BATCH);
            List<Task> batch = tasks.subList(done, to);
            created += jobs.createTasks(batch);
            queue.enqueue(batch.stream().map(TaskMessage::of).toList());
            queued += batch.size();
            if (!jobs.advanceFanOut(message.jobId(), done, to, clock.instant().plus(STALL)))
                return new Result(created, queued, false); // another run of this job's fan-out is ahead: it goes on
            done = to;
        }
        return new Result(created, queued, done >= tasks.size());
    }
}
