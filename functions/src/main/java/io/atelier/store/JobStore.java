package io.atelier.store;

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
     * Sets (or, with null, clears) a SUCCEEDED task's review. Not a state change: the job's counters are untouched.
     * False if the task does not exist or is not SUCCEEDED.
     */
    boolean review(String jobId, String taskId, Review review);
}
