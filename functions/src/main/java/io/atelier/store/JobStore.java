package io.atelier.store;

import io.atelier.model.FanOutMessage;
import io.atelier.model.Job;
import io.atelier.model.JobEvent;
import io.atelier.model.JobStatus;
import io.atelier.model.Review;
import io.atelier.model.Task;
import io.atelier.model.TaskStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Jobs and their tasks. Jobs are reached through their owner; a task only after its job was found for the caller. */
public interface JobStore {
    /**
     * Stores a new job with its tasks, and the {@code job.submitted} entry of its log. With an idempotency key (or
     * null), the first job stored under that key for this owner wins: the answer is then that job and its request
     * hash, and nothing new is stored. A key past its expiry counts as absent even while its item still exists.
     */
    KeyedJob create(Job job, List<Task> tasks, IdempotencyKey idempotencyKey);

    /**
     * Stores a new job (and its {@code job.submitted} entry, and the key as {@link #create} does) with the list of the
     * tasks it is to have instead of the tasks: the fan-out creates them ({@link #createTasks}), recording its progress
     * ({@link #advanceFanOut}). The job's counts are the whole list's from the start. Until the fan-out finishes the job
     * is among {@link #stalledFanOuts} from {@code stalledAt} on. A job with a pilot holds its list's rest: the fan-out
     * stops at the pilot's size and, once there, rests outside {@link #stalledFanOuts} until {@link #releasePilot}.
     */
    KeyedJob createFanOut(Job job, List<Task> tasks, IdempotencyKey idempotencyKey, Instant stalledAt);

    /** The unfinished fan-out of a job: its whole task list and its progress; empty once it finished (or for a job without). */
    Optional<FanOutProgress> fanOut(String jobId);

    /**
     * Stores those of the new tasks that do not exist yet and answers how many it stored: a task already there (made by
     * an earlier fan-out that died before its checkpoint, and maybe already run) is left as it is.
     */
    int createTasks(List<Task> tasks);

    /**
     * Records that the first {@code to} tasks of the list exist and were queued, if the progress still says
     * {@code from} (false otherwise: another fan-out of the job moved on). Reaching the end removes the list. Until
     * then the job is stalled from {@code stalledAt} on.
     */
    boolean advanceFanOut(String jobId, int from, int to, Instant stalledAt);

    /**
     * Lets a pilot job's held rest go (the owner continued or canceled): the job's pilot is no longer held, and its
     * fan-out is among {@link #stalledFanOuts} again from {@code stalledAt} on, all at once. False if the pilot was not
     * held (already let go, or no such job).
     */
    boolean releasePilot(String owner, String jobId, Instant at, Instant stalledAt);

    /** Jobs whose fan-out made no progress until {@code now}: its function died and its message is gone. */
    List<FanOutMessage> stalledFanOuts(Instant now, int limit);

    /** The job stored under a live key; a key expired at {@code now} is absent. */
    Optional<KeyedJob> findIdempotencyKey(String owner, String idempotencyKey, Instant now);

    Optional<Job> findJob(String owner, String jobId);

    Page<Job> listJobs(String owner, JobStatus status, PageRequest page);

    Optional<Task> findTask(String jobId, String taskId);

    Page<Task> listTasks(String jobId, TaskStatus status, PageRequest page);

    /** All of a job's tasks in the given states, for cancel and retry. */
    List<Task> tasksIn(String jobId, List<TaskStatus> states);

    /** Applies the transition and the job's counter change atomically; false if the task had moved on. */
    boolean transition(TaskTransition transition);

    /** The job's log, oldest first: submission, task transitions, cancel and retry requests. */
    Page<JobEvent> listEvents(String jobId, PageRequest page);

    /**
     * The log from {@code since} on, oldest first: what a client that has seen everything before {@code since} still
     * needs. A page's cursor continues the same read.
     */
    Page<JobEvent> listEventsSince(String jobId, Instant since, PageRequest page);

    /** The tasks of the job among {@code taskIds} (at most 100), in that order; ids of no task are left out. */
    List<Task> findTasks(String jobId, List<String> taskIds);

    /** Appends a job-level entry (cancel, retry) to the job's log; task transitions write theirs themselves. */
    void appendEvent(String owner, String jobId, JobEvent event);

    /** Unfinished tasks overdue at {@code now} (lease expired, or QUEUED untouched too long), for the sweeper. */
    List<Task> sweepable(Instant now, int limit);

    /** Takes over a RUNNING task whose previous holder's lease expired; false if someone else holds a live lease. */
    boolean takeOverLease(Task task, Instant now, Instant newLeaseUntil);

    /** Marks a job canceled by its owner; false if the job is unknown. */
    boolean requestCancel(String owner, String jobId, Instant at);

    void clearCancel(String owner, String jobId, Instant at);

    /** Sets the job's budget (its committed spend is left as it is); false if the job is unknown. */
    boolean setBudget(String owner, String jobId, BigDecimal budget, Instant at);

    /**
     * Sets (or, with null, clears) a SUCCEEDED task's review, if it is still {@code from} (null: unreviewed), and moves
     * the job's review counters in the same transaction; the task's state and the job's task counts are untouched.
     * False if the task does not exist, is not SUCCEEDED, or its review is no longer {@code from}.
     */
    boolean review(String owner, String jobId, String taskId, Review.Decision from, Review review);

    /** One task's review change: from the mark it was read with (null: none) to {@code review} (null clears it). */
    record ReviewChange(String taskId, Review.Decision from, Review review) {}

    /** The most changes {@link #reviewAll} takes at once (a transaction holds 100 items, one of them the job). */
    int MAX_REVIEWS_AT_ONCE = 99;

    /**
     * Several reviews of one job at once, all or none, with the job's review counters moved by their sum: each task
     * must still be SUCCEEDED with the mark it was read with. False (and nothing changed) if any had changed.
     */
    boolean reviewAll(String owner, String jobId, List<ReviewChange> changes);

    /**
     * A rejected result's task as a new attempt: still SUCCEEDED, at {@code task}'s attempt and rejected, it becomes
     * QUEUED at the next attempt with {@code work}'s prompt and parameters, its result and review moved to its history,
     * and the job's counters (succeeded → queued, one rejection fewer) move in the same transaction. False if the task
     * had changed.
     */
    boolean rerun(Task task, Task.Work work, Instant at);
}
