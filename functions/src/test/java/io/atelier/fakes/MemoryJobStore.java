package io.atelier.fakes;

import io.atelier.model.Counts;
import io.atelier.model.FanOutMessage;
import io.atelier.model.Ids;
import io.atelier.model.Job;
import io.atelier.model.JobEvent;
import io.atelier.model.JobStatus;
import io.atelier.model.Review;
import io.atelier.model.Task;
import io.atelier.model.TaskStatus;
import io.atelier.store.FanOutProgress;
import io.atelier.store.IdempotencyKey;
import io.atelier.store.InvalidCursorException;
import io.atelier.store.JobStore;
import io.atelier.store.KeyedJob;
import io.atelier.store.Page;
import io.atelier.store.PageRequest;
import io.atelier.store.TaskChange;
import io.atelier.store.TaskLifecycle;
import io.atelier.store.TaskTransition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A JobStore in memory with the same conditional semantics as the DynamoDB one, for fast unit tests of the core. */
public final class MemoryJobStore implements JobStore {
    private final Map<String, Job> jobs = new HashMap<>();
    private final Map<String, Map<String, Task>> tasks = new HashMap<>();
    private final Map<String, StoredKey> idempotency = new HashMap<>();
    private final Map<String, List<JobEvent>> events = new HashMap<>();
    private final Map<String, StoredFanOut> fanOuts = new HashMap<>();
    /** The sweep index: unfinished tasks by when they are overdue, as the DynamoDB store keeps it. */
    private final Map<String, Instant> sweepAt = new HashMap<>();

    public java.time.Duration queuedStale = java.time.Duration.ofMinutes(20);
    public int transitions;
    /** The owners' usage: task starts commit to its months, and a job's end gives back its slot. */
    public final MemoryUsageStore usage = new MemoryUsageStore();

    @Override
    public synchronized KeyedJob create(Job job, List<Task> newTasks, IdempotencyKey key) {
        Optional<KeyedJob> holder =
                key == null ? Optional.empty() : findIdempotencyKey(job.owner(), key.key(), job.createdAt());
        if (holder.isPresent()) return holder.get();
        jobs.put(job.owner() + "|" + job.jobId(), job);
        Map<String, Task> byId = new LinkedHashMap<>();
        newTasks.forEach(task -> byId.put(task.taskId(), task));
        newTasks.forEach(task -> sweepAt.put(task.taskId(), task.createdAt().plus(queuedStale)));
        tasks.put(job.jobId(), byId);
        if (key != null)
            idempotency.put(
                    job.owner() + "|" + key.key(),
                    new StoredKey(new KeyedJob(job.jobId(), key.requestHash()), key.expiresAt()));
        events.computeIfAbsent(job.jobId(), id -> new ArrayList<>())
                .add(JobEvent.ofJob(JobEvent.SUBMITTED, job.createdAt(), null));
        return new KeyedJob(job.jobId(), key == null ? null : key.requestHash());
    }

    @Override
    public synchronized KeyedJob createFanOut(Job job, List<Task> list, IdempotencyKey key, Instant stalledAt) {
        KeyedJob stored = create(job, List.of(), key);
        if (job.jobId().equals(stored.jobId()))
            fanOuts.put(
                    job.jobId(),
                    new StoredFanOut(
                            new FanOutProgress(
                                    job.owner(),
                                    job.jobId(),
                                    list,
                                    0,
                                    job.pilot() == null
                                            ? list.size()
                                            : job.pilot().size()),
                            stalledAt));
        return stored;
    }

    @Override
    public synchronized Optional<FanOutProgress> fanOut(String jobId) {
        return Optional.ofNullable(fanOuts.get(jobId)).map(StoredFanOut::progress);
    }

    @Override
    public synchronized int createTasks(List<Task> newTasks) {
        int created = 0;
        for (Task task : newTasks) {
            Map<String, Task> byId = tasks.computeIfAbsent(task.jobId(), id -> new LinkedHashMap<>());
            if (byId.containsKey(task.taskId())) continue;
            byId.put(task.taskId(), task);
            sweepAt.put(task.taskId(), task.createdAt().plus(queuedStale));
            created++;
        }
        return created;
    }

    @Override
    public synchronized boolean advanceFanOut(String jobId, int from, int to, Instant stalledAt) {
        StoredFanOut stored = fanOuts.get(jobId);
        if (stored == null || stored.progress().done() != from) return false;
        FanOutProgress moved = new FanOutProgress(
                stored.progress().owner(),
                jobId,
                stored.progress().tasks(),
                to,
                stored.progress().heldFrom());
        if (moved.finished()) fanOuts.remove(jobId);
        // A held pilot's fan-out rests out of the sweeper's sight, as the DynamoDB store's leaves the Sweep index.
        else fanOuts.put(jobId, new StoredFanOut(moved, to == moved.heldFrom() ? null : stalledAt));
        return true;
    }

    @Override
    public synchronized boolean releasePilot(String owner, String jobId, Instant at, Instant stalledAt) {
        Job job = jobs.get(owner + "|" + jobId);
        StoredFanOut stored = fanOuts.get(jobId);
        if (job == null || job.pilot() == null || !job.pilot().held() || stored == null) return false;
        jobs.put(owner + "|" + jobId, job.withPilot(job.pilot().released()).withUpdatedAt(at));
        FanOutProgress progress = stored.progress();
        fanOuts.put(
                jobId,
                new StoredFanOut(new FanOutProgress(owner, jobId, progress.tasks(), progress.done()), stalledAt));
        return true;
    }

    @Override
    public synchronized List<FanOutMessage> stalledFanOuts(Instant now, int limit) {
        return fanOuts.values().stream()
                .filter(stored ->
                        stored.stalledAt() != null && stored.stalledAt().isBefore(now))
                .limit(limit)
                .map(stored -> FanOutMessage.of(
                        stored.progress().owner(), stored.progress().jobId()))
                .toList();
    }

    private record StoredFanOut(FanOutProgress progress, Instant stalledAt) {}

    @Override
    public synchronized Optional<KeyedJob> findIdempotencyKey(String owner, String key, Instant now) {
        // Like DynamoDB before its TTL sweep: the expired key is still there, and must count as absent.
        StoredKey stored = idempotency.get(owner + "|" + key);
        return stored == null || stored.expiresAt().isBefore(now) ? Optional.empty() : Optional.of(stored.job());
    }

    private record StoredKey(KeyedJob job, Instant expiresAt) {}

    /**
     * The key's claim for what else makes it ({@link MemoryImportRecords}: a job from a prefix), in this store's key
     * space as the DynamoDB stores share one table: the live holder if there is one, else {@code holder}, now stored.
     */
    public synchronized KeyedJob claim(String owner, IdempotencyKey key, KeyedJob holder, Instant now) {
        Optional<KeyedJob> live = findIdempotencyKey(owner, key.key(), now);
        if (live.isPresent()) return live.get();
        idempotency.put(owner + "|" + key.key(), new StoredKey(holder, key.expiresAt()));
        return holder;
    }

    @Override
    public synchronized Optional<Job> findJob(String owner, String jobId) {
        return Optional.ofNullable(jobs.get(owner + "|" + jobId));
    }

    @Override
    public synchronized Page<Job> listJobs(String owner, JobStatus status, PageRequest page) {
        List<Job> mine = jobs.values().stream()
                .filter(job -> job.owner().equals(owner))
                .filter(job -> status == null || job.status() == status)
                .sorted(Comparator.comparing(Job::jobId).reversed())
                .toList();
        return page(mine, page);
    }

    @Override
    public synchronized Optional<Task> findTask(String jobId, String taskId) {
        return Optional.ofNullable(tasks.getOrDefault(jobId, Map.of()).get(taskId));
    }

    @Override
    public synchronized Page<Task> listTasks(String jobId, TaskStatus status, PageRequest page) {
        List<Task> list = tasks.getOrDefault(jobId, Map.of()).values().stream()
                .filter(task -> status == null || task.status() == status)
                .toList();
        return page(list, page);
    }

    @Override
    public synchronized List<Task> tasksIn(String jobId, List<TaskStatus> states) {
        return tasks.getOrDefault(jobId, Map.of()).values().stream()
                .filter(task -> states.contains(task.status()))
                .toList();
    }

    /** Only stores what {@link TaskLifecycle} decides, as the DynamoDB store does. */
    @Override
    public synchronized boolean transition(TaskTransition t) {
        Task task = tasks.getOrDefault(t.jobId(), Map.of()).get(t.taskId());
        Job job = jobs.get(t.owner() + "|" + t.jobId());
        if (job == null
                || !TaskLifecycle.applies(task, t)
                || !TaskLifecycle.withinBudget(t, job.spend().committed())
                || !TaskLifecycle.withinMonthly(t, usage.committed(t.owner(), t.spendMonth()))) return false;
        transitions++;
        usage.commit(t.owner(), t.spendMonth(), TaskLifecycle.commitment(t));
        TaskChange change = TaskLifecycle.change(t, queuedStale);
        tasks.get(t.jobId()).put(t.taskId(), TaskLifecycle.apply(task, change));
        events.computeIfAbsent(t.jobId(), id -> new ArrayList<>()).add(t.logEntry());
        if (change.sweepAt() == null) sweepAt.remove(t.taskId());
        else sweepAt.put(t.taskId(), change.sweepAt());
        jobs.put(
                t.owner() + "|" + t.jobId(),
                new Job(
                        job.owner(),
                        job.jobId(),
                        job.name(),
                        job.steps(),
                        job.workflow(),
                        TaskLifecycle.count(job.counts(), t),
                        job.cancelRequested(),
                        job.createdAt(),
                        t.at(),
                        job.spend().charged(TaskLifecycle.charge(t)).committing(TaskLifecycle.commitment(t)),
                        job.reviews(),
                        job.outputName(),
                        job.pilot()));
        if (t.to().terminal()
                && !t.from().terminal()
                && jobs.get(t.owner() + "|" + t.jobId()).status().terminal())
            usage.releaseJobSlot(t.owner(), t.jobId());
        return true;
    }

    @Override
    public synchronized Page<JobEvent> listEvents(String jobId, PageRequest page) {
        return page(events.getOrDefault(jobId, List.of()), page);
    }

    @Override
    public synchronized Page<JobEvent> listEventsSince(String jobId, Instant since, PageRequest page) {
        return page(
                events.getOrDefault(jobId, List.of()).stream()
                        .filter(event -> Ids.millis(event.eventId()) >= since.toEpochMilli())
                        .toList(),
                page);
    }

    @Override
    public synchronized List<Task> findTasks(String jobId, List<String> taskIds) {
        Map<String, Task> job = tasks.getOrDefault(jobId, Map.of());
        return taskIds.stream()
                .distinct()
                .map(job::get)
                .filter(Objects::nonNull)
                .toList();
    }

    @Override
    public synchronized void appendEvent(String owner, String jobId, JobEvent event) {
        events.computeIfAbsent(jobId, id -> new ArrayList<>()).add(event);
    }

    public synchronized List<JobEvent> events(String jobId) {
        return List.copyOf(events.getOrDefault(jobId, List.of()));
    }

    @Override
    public synchronized List<Task> sweepable(Instant now, int limit) {
        return tasks.values().stream()
                .flatMap(byId -> byId.values().stream())
                .filter(task -> sweepAt.containsKey(task.taskId())
                        && sweepAt.get(task.taskId()).isBefore(now))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized boolean takeOverLease(Task task, Instant now, Instant newLeaseUntil) {
        Task current = tasks.get(task.jobId()).get(task.taskId());
        if (current.status() != task.status()
                || current.attempt() != task.attempt()
                || (current.leaseUntil() != null && !current.leaseUntil().isBefore(now))) return false;
        sweepAt.put(task.taskId(), newLeaseUntil);
        Task.State state = current.state();
        tasks.get(task.jobId())
                .put(
                        task.taskId(),
                        current.withState(new Task.State(
                                state.status(),
                                state.attempt(),
                                state.runs() + 1,
                                newLeaseUntil,
                                state.startedAt(),
                                state.finishedAt(),
                                state.durationMs(),
                                state.pending())));
        return true;
    }

    @Override
    public synchronized boolean requestCancel(String owner, String jobId, Instant at) {
        return setCancel(owner, jobId, true, at);
    }

    @Override
    public synchronized void clearCancel(String owner, String jobId, Instant at) {
        setCancel(owner, jobId, false, at);
    }

    private boolean setCancel(String owner, String jobId, boolean value, Instant at) {
        Job job = jobs.get(owner + "|" + jobId);
        if (job == null) return false;
        jobs.put(
                owner + "|" + jobId,
                new Job(
                        job.owner(),
                        job.jobId(),
                        job.name(),
                        job.steps(),
                        job.workflow(),
                        job.counts(),
                        value,
                        job.createdAt(),
                        at,
                        job.spend(),
                        job.reviews(),
                        job.outputName(),
                        job.pilot()));
        return true;
    }

    @Override
    public synchronized boolean setBudget(String owner, String jobId, BigDecimal budget, Instant at) {
        Job job = jobs.get(owner + "|" + jobId);
        if (job == null) return false;
        jobs.put(
                owner + "|" + jobId,
                new Job(
                        job.owner(),
                        job.jobId(),
                        job.name(),
                        job.steps(),
                        job.workflow(),
                        job.counts(),
                        job.cancelRequested(),
                        job.createdAt(),
                        at,
                        job.spend().withBudget(budget),
                        job.reviews(),
                        job.outputName(),
                        job.pilot()));
        return true;
    }

    @Override
    public synchronized boolean review(String owner, String jobId, String taskId, Review.Decision from, Review review) {
        Task task = tasks.getOrDefault(jobId, Map.of()).get(taskId);
        Job job = jobs.get(owner + "|" + jobId);
        if (job == null || task == null || task.status() != TaskStatus.SUCCEEDED || decision(task.review()) != from)
            return false;
        tasks.get(jobId).put(taskId, task.withReview(review));
        jobs.put(owner + "|" + jobId, job.withReviews(job.reviews().moved(from, decision(review))));
        return true;
    }

    @Override
    public synchronized boolean reviewAll(String owner, String jobId, List<ReviewChange> changes) {
        Job job = jobs.get(owner + "|" + jobId);
        if (job == null) return false;
        for (ReviewChange change : changes) {
            Task task = tasks.getOrDefault(jobId, Map.of()).get(change.taskId());
            if (task == null || task.status() != TaskStatus.SUCCEEDED || decision(task.review()) != change.from())
                return false;
        }
        for (ReviewChange change : changes) review(owner, jobId, change.taskId(), change.from(), change.review());
        return true;
    }

    @Override
    public synchronized boolean rerun(Task task, Task.Work work, Instant at) {
        Task current = tasks.getOrDefault(task.jobId(), Map.of()).get(task.taskId());
        Job job = jobs.get(task.owner() + "|" + task.jobId());
        if (job == null
                || current == null
                || current.status() != TaskStatus.SUCCEEDED
                || current.attempt() != task.attempt()
                || decision(current.review()) != Review.Decision.REJECT) return false;
        List<Task.Attempt> history = new ArrayList<>(current.history());
        history.add(current.asAttempt());
        Task.State queued =
                new Task.State(TaskStatus.QUEUED, current.attempt() + 1, current.runs(), null, null, null, null, null);
        tasks.get(task.jobId())
                .put(
                        task.taskId(),
                        new Task(
                                current.key(),
                                work,
                                queued,
                                new Task.Result(null, null, current.provider(), current.model(), Map.of()),
                                null,
                                history));
        sweepAt.put(task.taskId(), at.plus(queuedStale));
        events.computeIfAbsent(task.jobId(), id -> new ArrayList<>())
                .add(new JobEvent(
                        Ids.event(),
                        at,
                        JobEvent.TRANSITION,
                        task.taskId(),
                        TaskStatus.SUCCEEDED,
                        TaskStatus.QUEUED,
                        current.attempt() + 1,
                        null));
        Counts counts = job.counts();
        jobs.put(
                task.owner() + "|" + task.jobId(),
                new Job(
                        job.owner(),
                        job.jobId(),
                        job.name(),
                        job.steps(),
                        job.workflow(),
                        new Counts(
                                counts.total(),
                                counts.queued() + 1,
                                counts.running(),
                                counts.waiting(),
                                counts.succeeded() - 1,
                                counts.failed(),
                                counts.canceled()),
                        job.cancelRequested(),
                        job.createdAt(),
                        at,
                        job.spend(),
                        job.reviews().moved(Review.Decision.REJECT, null),
                        job.outputName(),
                        job.pilot()));
        return true;
    }

    private static Review.Decision decision(Review review) {
        return review == null ? null : review.decision();
    }

    public synchronized List<Task> allTasks(String jobId) {
        return new ArrayList<>(tasks.getOrDefault(jobId, Map.of()).values());
    }

    /** Pages by position, with the same contract as the DynamoDB store: a cursor it did not hand out is refused. */
    private static <T> Page<T> page(List<T> all, PageRequest page) {
        int from;
        try {
            from = page.cursor() == null ? 0 : Integer.parseInt(page.cursor());
        } catch (NumberFormatException e) {
            throw new InvalidCursorException();
        }
        if (from < 0 || from > all.size()) throw new InvalidCursorException();
        int to = Math.min(all.size(), from + page.limit());
        return new Page<>(List.copyOf(all.subList(from, to)), to < all.size() ? Integer.toString(to) : null);
    }
}
