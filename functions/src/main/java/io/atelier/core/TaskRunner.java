package io.atelier.core;

import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageRejectedException;
import io.atelier.imaging.InvalidInputException;
import io.atelier.logging.LogContext;
import io.atelier.metrics.Metrics;
import io.atelier.model.Cost;
import io.atelier.model.ErrorCode;
import io.atelier.model.Job;
import io.atelier.model.JobEvent;
import io.atelier.model.PendingWork;
import io.atelier.model.Step;
import io.atelier.model.Task;
import io.atelier.model.TaskMessage;
import io.atelier.model.TaskOutput;
import io.atelier.model.TaskStatus;
import io.atelier.pricing.CostEstimator;
import io.atelier.pricing.PriceTable;
import io.atelier.providers.ImageProvider;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderException;
import io.atelier.providers.ProviderOutcome;
import io.atelier.providers.ProviderRegistry;
import io.atelier.providers.ProviderResult;
import io.atelier.providers.SourceImage;
import io.atelier.store.BlobStore;
import io.atelier.store.JobStore;
import io.atelier.store.ProviderSlots;
import io.atelier.store.TaskQueue;
import io.atelier.store.TaskTransition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one task message: claim the task (conditional QUEUED → RUNNING, or take over an expired lease), read the
 * original, run every step through its provider, write the result ({@link ResultWriter}), and end the task; a failed
 * run comes back or fails as {@link RetryPolicy} decides. Safe under duplicate delivery: every write is conditional on
 * the state and attempt the runner saw.
 */
public final class TaskRunner {
    private static final Logger LOG = Logger.getLogger(TaskRunner.class.getName());

    /** The built-in engine works in the worker's own memory: one image at a time per invocation. */
    private static final String IN_PROCESS_ENGINE = "local";

    /** What the message deserves: deleted from the queue, or left to come back after its visibility timeout. */
    public enum Outcome {
        DONE,
        RETRY_LATER
    }

    private final JobStore jobs;
    private final BlobStore blobs;
    private final TaskQueue queue;
    private final ProviderRegistry providers;
    private final Clock clock;
    private final ProviderSlots slots;
    private final RetryPolicy retries;
    private final ResultWriter results;
    private final CostEstimator costs;
    private final BudgetStops budgets;
    private final StepCache cache;
    private final Metrics metrics;

    public TaskRunner(
            JobStore jobs, BlobStore blobs, TaskQueue queue, ProviderRegistry providers, Limits limits, Clock clock) {
        this(jobs, blobs, queue, providers, limits, clock, ProviderSlots.UNLIMITED, Delays.DEFAULTS);
    }

    public TaskRunner(
            JobStore jobs,
            BlobStore blobs,
            TaskQueue queue,
            ProviderRegistry providers,
            Limits limits,
            Clock clock,
            ProviderSlots slots,
            Delays delays) {
        this(jobs, blobs, queue, providers, limits, clock, slots, delays, new CostEstimator(PriceTable.defaults()));
    }

    public TaskRunner(
            JobStore jobs,
            BlobStore blobs,
            TaskQueue queue,
            ProviderRegistry providers,
            Limits limits,
            Clock clock,
            ProviderSlots slots,
            Delays delays,
            CostEstimator costs) {
        this(jobs, blobs, queue, providers, limits, clock, slots, delays, costs, Metrics.NONE);
    }

    public TaskRunner(
            JobStore jobs,
            BlobStore blobs,
            TaskQueue queue,
            ProviderRegistry providers,
            Limits limits,
            Clock clock,
            ProviderSlots slots,
            Delays delays,
            CostEstimator costs,
            Metrics metrics) {
        this.metrics = metrics;
        this.costs = costs;
        this.slots = slots;
        this.jobs = jobs;
        this.blobs = blobs;
        this.queue = queue;
        this.providers = providers;
        this.clock = clock;
        this.retries = new RetryPolicy(limits, delays, RetryPolicy.RANDOM);
        this.results = new ResultWriter(jobs, blobs);
        this.budgets = new BudgetStops(jobs);
        this.cache = new StepCache(blobs, clock, limits.retention());
    }

    /** The slots of one invocation's batch, taken from this runner's store (see {@link InvocationSlots}). */
    public InvocationSlots invocationSlots() {
        return new InvocationSlots(slots, IN_PROCESS_ENGINE::equals);
    }

    /** @param lease how long this invocation may hold the task (its remaining time plus a margin) */
    public Outcome run(TaskMessage message, Duration lease) {
        return run(message, lease, slots);
    }

    /**
     * The slots this run's provider calls are taken from: the store's, or an {@link InvocationSlots} shared by the
     * tasks of one batch.
     */
    public Outcome run(TaskMessage message, Duration lease, ProviderSlots slots) {
        Optional<Task> found = jobs.findTask(message.jobId(), message.taskId());
        if (found.isEmpty()
                || !found.get().owner().equals(message.owner())
                || found.get().attempt() != message.attempt())
            return Outcome.DONE; // unknown, foreign or superseded by a retry: nothing to do
        Task task = found.get();
        Instant now = clock.instant();
        if (task.status().terminal()) return Outcome.DONE;
        if (task.status() == TaskStatus.RUNNING
                && task.leaseUntil() != null
                && task.leaseUntil().isAfter(now)) return Outcome.RETRY_LATER; // a live holder
        Job job = jobs.findJob(task.owner(), task.jobId()).orElse(null);
        if (job == null) return Outcome.DONE;
        if (task.input() != null)
            LogContext.put(LogContext.IMAGE_ID, task.input().imageId());
        // A slot of the provider first, before the task is claimed: a task that finds none has not started, is not
        // failing and uses up nothing; its message comes back shortly. When a slot is already set aside for this run
        // (its batch keeps one), the task is claimed and its input read first, while the call before it is in flight:
        // the take only waits for that call to end (and should the slot be gone meanwhile, the task goes back).
        Step first = job.steps().get(task.pending() != null ? task.pending().step() : 0);
        Slots held = new Slots(slots, task, now.plus(lease), first);
        boolean claimFirst = task.status() == TaskStatus.QUEUED && task.pending() == null && held.claimsFirst();
        if (!cancels(job, task) && !claimFirst) {
            if (!held.take(first, now)) {
                queue.enqueueLater(message, retries.slotWait());
                return Outcome.DONE;
            }
        }
        try {
            return claimAndRun(task, job, now, lease, held);
        } finally {
            held.release();
        }
    }

    /**
     * A cancel stops work that has not started: a queued task, or a run whose worker died (its call's answer is lost,
     * so going on would be a new call). Work a provider already has (a task WAITING for an asynchronous provider) is
     * paid for and goes on to its result, as does a call in flight when the cancel came.
     */
    private static boolean cancels(Job job, Task task) {
        return job.cancelRequested() && task.status() != TaskStatus.WAITING;
    }

    private Outcome claimAndRun(Task task, Job job, Instant now, Duration lease, Slots held) {
        switch (task.status()) {
            case WAITING:
                // The provider works on it and this delivery is the time to look again. Of duplicate deliveries one
                // claims it; the others are dropped, since the claimer's own message stays in flight until it is done.
                if (!jobs.transition(TaskTransition.of(task, TaskStatus.RUNNING, now)
                        .lease(now.plus(lease))
                        .build())) return Outcome.DONE;
                break;
            case RUNNING:
                if (!jobs.takeOverLease(task, now, now.plus(lease))) return Outcome.RETRY_LATER;
                break;
            case QUEUED:
                // Under a budget, the start commits the task's estimate in the same conditional write.
                boolean claimed = jobs.transition(TaskTransition.of(task, TaskStatus.RUNNING, now)
                        .countRun()
                        .lease(now.plus(lease))
                        .started(task.startedAt() == null ? now : task.startedAt())
                        .within(job.spend().budget())
                        .withinMonthly(job.spend().monthlyLimit())
                        .build());
                // Refused: the budget's doing, or someone moved it meanwhile (look again on redelivery).
                if (!claimed) return budgets.overBudget(task) ? budgets.stop(task, now) : Outcome.RETRY_LATER;
                // Queued at creation, or at its last re-queue (which sets the lease to that moment).
                Instant queuedAt = task.leaseUntil() != null ? task.leaseUntil() : task.createdAt();
                if (queuedAt != null)
                    metrics.queueWait(
                            held.step.provider(),
                            Duration.between(queuedAt, now).toMillis(),
                            task.taskId());
                break;
            default:
                return Outcome.DONE;
        }
        Instant startedAt = task.startedAt() == null ? now : task.startedAt();
        if (cancels(job, task)) {
            end(task, TaskStatus.CANCELED, null, held.step, null, Map.of(), startedAt, null);
            return Outcome.DONE;
        }
        return task.pending() != null ? resume(task, job, startedAt, held) : execute(task, job, startedAt, held);
    }

    /**
     * The provider slots one run holds: one at a time, for the provider of the step at hand ({@link #step}, which the
     * task's outcome metric is counted under).
     */
    private static final class Slots {
        private final ProviderSlots slots;
        private final String holder;
        private final Instant leaseUntil;
        private ProviderSlots.Slot slot;
        private Step step;
        /** The provider whose turn {@link #claimsFirst} asked for, until the first take (or the end) settles it. */
        private String turnOf;

        Slots(ProviderSlots slots, Task task, Instant leaseUntil, Step first) {
            this.slots = slots;
            this.holder = task.taskId() + "/" + task.attempt() + "/"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong());
            this.leaseUntil = leaseUntil;
            this.step = first;
        }

        /** Whether the task may be claimed before the first step's take (see {@link ProviderSlots#claimsFirst}). */
        boolean claimsFirst() {
            turnOf = step.provider();
            return slots.claimsFirst(turnOf, holder);
        }

        /** Holds a slot of the step's provider (keeping the one held if it is that provider's); false if none is free. */
        boolean take(Step at, Instant now) {
            step = at;
            String provider = at.provider();
            LogContext.put(LogContext.PROVIDER, provider); // every step's provider passes here first
            if (slot != null && slot.provider().equals(provider)) return true;
            giveBack();
            slot = slots.acquire(provider, holder, now, leaseUntil).orElse(null);
            turnOf = null; // a take ends the holder's turn
            return slot != null;
        }

        void release() {
            giveBack();
            if (turnOf != null) slots.withdraw(turnOf, holder);
            turnOf = null;
        }

        private void giveBack() {
            if (slot != null) slots.release(slot);
            slot = null;
        }
    }

    private Outcome execute(Task task, Job job, Instant startedAt, Slots held) {
        try {
            SourceImage input = task.input() == null ? null : readInput(task);
            return runSteps(task, job, startedAt, 0, input, new ArrayList<>(), held, null);
        } catch (Fallbacks.Spent e) {
            return failedForGood(task, e.failure().code(), e.failure().getMessage(), startedAt, held.step);
        } catch (ProviderException e) {
            return failed(task, e.code(), e.getMessage(), e.retryAfter(), startedAt, held.step);
        } catch (ImageRejectedException | InvalidInputException e) {
            return failed(task, ErrorCode.INVALID_INPUT, e.getMessage(), null, startedAt, held.step);
        } catch (StorageTries.Unavailable e) {
            return unreadableInput(task, e, startedAt, held.step);
        } catch (IllegalArgumentException e) {
            return unexpected(task, e, startedAt, held.step);
        }
    }

    /** Looks at the step an asynchronous provider is working on; when it is done, the remaining steps follow. */
    private Outcome resume(Task task, Job job, Instant startedAt, Slots held) {
        PendingWork pending = task.pending();
        Step step = Fallbacks.stepOf(job.steps().get(pending.step()), pending);
        try {
            ImageProvider provider = provider(step);
            boolean overdue = clock.instant().isAfter(pending.since().plus(provider.maxWait()));
            ProviderOutcome outcome;
            try {
                outcome = call(
                        provider,
                        step.operation(),
                        "poll",
                        () -> provider.poll(stepCall(step, task, null), pending.handle()));
            } catch (ProviderException e) {
                // A hiccup while looking is no reason to start the provider's work over: look again later. Work that
                // ended failed, or a provider that stays down past its wait, is what the step's fallbacks are for.
                if (!e.code().transientFault() || overdue || e.endedWork())
                    return pollFailed(task, job, step, e, startedAt, held);
                return waitFor(task, job, pending.polledOnce(), retries.pollBackoff(pending.polls(), e.retryAfter()));
            }
            if (outcome instanceof ProviderOutcome.Pending again) {
                if (overdue)
                    return pollFailed(
                            task,
                            job,
                            step,
                            new ProviderException(
                                    ErrorCode.TIMEOUT,
                                    provider.id() + " did not finish " + step.operation() + " within "
                                            + provider.maxWait().toMinutes() + " minutes."),
                            startedAt,
                            held);
                return waitFor(task, job, pending.polledOnce(), again.pollAfter());
            }
            ProviderResult result = ((ProviderOutcome.Done) outcome).result();
            // Paid for like a synchronous step's result, and kept for reuse the same way.
            if (pending.submitted().get(StepCache.PENDING_KEY) instanceof String fingerprint)
                cache.store(task, fingerprint, result);
            List<Map<String, Object>> provenance = new ArrayList<>(pending.doneSteps());
            provenance.add(stepProvenance(
                    step,
                    StepCache.withoutKey(pending.submitted()),
                    result,
                    costs.actual(step, result.model(), task.params(), 0)));
            int next = pending.step() + 1;
            if (next < job.steps().size())
                return runSteps(task, job, startedAt, next, asSource(result), provenance, held, null);
            held.release(); // as in runSteps: no slot while the result is stored
            return finish(task, job, startedAt, result, provenance);
        } catch (Fallbacks.Spent e) {
            return failedForGood(task, e.failure().code(), e.failure().getMessage(), startedAt, held.step);
        } catch (ProviderException e) {
            return failed(task, e.code(), e.getMessage(), e.retryAfter(), startedAt, held.step);
        } catch (ImageRejectedException | InvalidInputException e) {
            return failed(task, ErrorCode.INVALID_INPUT, e.getMessage(), null, startedAt, held.step);
        } catch (StorageTries.Unavailable e) {
            return unreadableInput(task, e, startedAt, held.step);
        } catch (IllegalArgumentException e) {
            return unexpected(task, e, startedAt, held.step);
        }
    }

    /**
     * The provider of a pending step failed for good as the synchronous path sees it (down, throttled past its retries,
     * its key refused, or past its wait): the step's next fallback provider takes the step, as it would have had the
     * start failed. The step's input is gone by now, so the steps run again from the original: those before it reuse
     * their stored results. Anything else fails as before (a refusal or a bad input never falls back).
     */
    private Outcome pollFailed(Task task, Job job, Step used, ProviderException e, Instant startedAt, Slots held)
            throws ProviderException, Fallbacks.Spent, ImageRejectedException, StorageTries.Unavailable {
        PendingWork pending = task.pending();
        Step asked = job.steps().get(pending.step());
        boolean primary = used.provider().equals(asked.provider());
        if (!Fallbacks.eligible(e.code()) || (primary && !givesUp(task, e, startedAt))) throw e;
        int next = primary ? 0 : asked.fallback().indexOf(used.provider()) + 1;
        if (next >= asked.fallback().size()) {
            if (primary) throw e;
            throw new Fallbacks.Spent(e);
        }
        String to = asked.fallback().get(next);
        List<Map<String, Object>> fellBack = Fallbacks.earlier(pending);
        fellBack.add(Fallbacks.record(used.provider(), e));
        jobs.appendEvent(
                task.owner(),
                task.jobId(),
                Fallbacks.event(task, pending.step(), used.provider(), to, e, clock.instant()));
        SourceImage input = task.input() == null ? null : readInput(task);
        return runSteps(
                task,
                job,
                startedAt,
                0,
                input,
                new ArrayList<>(),
                held,
                new Fallbacks.Resume(pending.step(), next, fellBack));
    }

    /**
     * Runs the steps from {@code first} on, each step's output the next one's input. An asynchronous step parks the
     * task in WAITING and the rest continues when a later delivery finds the provider done.
     */
    private Outcome runSteps(
            Task task,
            Job job,
            Instant startedAt,
            int first,
            SourceImage input,
            List<Map<String, Object>> provenance,
            Slots held,
            Fallbacks.Resume resume)
            throws ProviderException, Fallbacks.Spent {
        SourceImage current = input;
        ProviderResult result = null;
        List<Runnable> toReuse = new ArrayList<>(); // paid results to store for reuse, once no slot is held
        try {
            for (int index = first; index < job.steps().size(); index++) {
                Step step = job.steps().get(index);
                // The same input through the same step was paid for before: its stored result stands in for a new call.
                String fingerprint =
                        StepCache.fingerprint(step, effectiveParams(step, task), effectivePrompt(step, task), current);
                Optional<StepCache.Hit> hit =
                        fingerprint == null ? Optional.empty() : cache.find(task.owner(), fingerprint);
                if (hit.isPresent()) {
                    result = hit.get().result();
                    provenance.add(cachedProvenance(step, hit.get()));
                    current = asSource(result);
                    continue;
                }
                Step used = step;
                List<Map<String, Object>> fellBack = new ArrayList<>();
                int from = 0;
                if (resume != null && resume.step() == index) { // its provider(s) up to this fallback failed already
                    used = step.on(step.fallback().get(resume.fallbackIndex()));
                    fellBack.addAll(resume.fellBack());
                    from = resume.fallbackIndex() + 1;
                }
                ProviderOutcome outcome;
                long callStarted;
                for (int next = from; ; next++) {
                    ImageProvider provider = provider(used);
                    if (!held.take(used, clock.instant())) return waitForSlot(task);
                    ProviderCall stepCall = stepCall(used, task, current);
                    callStarted = System.nanoTime(); // the engine's cost is its measured time
                    try {
                        outcome = call(provider, used.operation(), "start", () -> provider.start(stepCall));
                        break;
                    } catch (ProviderException e) {
                        boolean primary = used == step;
                        if (!Fallbacks.eligible(e.code()) || (primary && !givesUp(task, e, startedAt))) throw e;
                        if (next >= step.fallback().size()) {
                            if (primary) throw e;
                            throw new Fallbacks.Spent(e);
                        }
                        String to = step.fallback().get(next);
                        fellBack.add(Fallbacks.record(used.provider(), e));
                        jobs.appendEvent(
                                task.owner(),
                                task.jobId(),
                                Fallbacks.event(task, index, used.provider(), to, e, clock.instant()));
                        used = step.on(to);
                    }
                }
                Map<String, Object> via = fellBack.isEmpty() ? Map.of() : Map.of(Fallbacks.FIELD, fellBack);
                if (outcome instanceof ProviderOutcome.Pending pending) {
                    Map<String, Object> submitted = new LinkedHashMap<>(pending.provenance());
                    submitted.putAll(via);
                    if (fingerprint != null) submitted.put(StepCache.PENDING_KEY, fingerprint);
                    if (used != step) submitted.put(Fallbacks.PROVIDER, used.provider());
                    PendingWork work = new PendingWork(
                            index, pending.handle(), clock.instant().toEpochMilli(), 0, submitted, provenance);
                    return waitFor(task, job, work, pending.pollAfter());
                }
                result = ((ProviderOutcome.Done) outcome).result();
                long millis = (System.nanoTime() - callStarted) / 1_000_000;
                if (fingerprint != null) {
                    ProviderResult paid = result;
                    toReuse.add(() -> cache.store(task, fingerprint, paid));
                }
                provenance.add(
                        stepProvenance(used, via, result, costs.actual(used, result.model(), task.params(), millis)));
                current = asSource(result);
            }
        } finally {
            // The calls are done (or one failed): storing results needs no slot, and the next task's call can start.
            // What was paid for is kept for reuse even when a later step failed: a retry resumes after it.
            held.release();
            toReuse.forEach(Runnable::run);
        }
        return finish(task, job, startedAt, result, provenance);
    }

    /**
     * The task's runs before this one, as the retry policy counts them: a task read WAITING is still in the run that
     * submitted its work (resuming it starts no run), so an asynchronous step gets as many tries as a synchronous one.
     */
    private static int runsBefore(Task task) {
        return task.status() == TaskStatus.WAITING ? Math.max(0, task.runs() - 1) : task.runs();
    }

    /** Whether this failure is the step's provider's last: the retry policy would fail the task rather than retry it. */
    private boolean givesUp(Task task, ProviderException e, Instant startedAt) {
        return retries.afterFailure(
                        e.code(),
                        e.code().transientFault(),
                        runsBefore(task),
                        startedAt,
                        clock.instant(),
                        e.retryAfter(),
                        e.getMessage())
                instanceof RetryPolicy.Fail;
    }

    /** Stores the last step's result and its preview, and ends the task SUCCEEDED (or cleans up if it moved on). */
    private Outcome finish(
            Task task, Job job, Instant startedAt, ProviderResult result, List<Map<String, Object>> provenance)
            throws ProviderException {
        // One step: its provenance as is; a workflow: each step's, in order.
        Map<String, Object> merged = provenance.size() == 1 ? provenance.get(0) : Map.of("steps", provenance);
        int lastStep = job.steps().size() - 1;
        TaskOutput output = results.store(task, lastStep, result);
        Step last = job.steps().get(lastStep);
        merged = ResultChecks.attach(merged, last, task, result);
        Cost cost = StepCosts.total(provenance, costs.currency());
        // A fallback (or a reused result of one) may have made the last step.
        String madeByProvider =
                String.valueOf(provenance.get(provenance.size() - 1).getOrDefault("provider", last.provider()));
        Step madeBy = madeByProvider.equals(last.provider()) ? last : last.on(madeByProvider);
        if (!end(task, TaskStatus.SUCCEEDED, output, madeBy, result.model(), merged, startedAt, cost))
            results.discard(task, output);
        return Outcome.DONE;
    }

    /** Parks the task while its provider works, and sends the message that will look again after {@code delay}. */
    private Outcome waitFor(Task task, Job job, PendingWork work, Duration delay) {
        Instant now = clock.instant();
        Duration wait = retries.pollDelay(delay);
        // The lease of a WAITING task says when its poll is overdue, for the sweeper that re-sends lost messages.
        boolean parked = jobs.transition(TaskTransition.of(task, TaskStatus.RUNNING, TaskStatus.WAITING, now)
                .pending(work)
                .lease(now.plus(wait).plus(retries.pollGrace()))
                .build());
        if (parked) queue.enqueueLater(TaskMessage.of(task), wait);
        return Outcome.DONE;
    }

    /**
     * A later step of a workflow whose provider has no free slot: the task goes back to the queue without using up an
     * attempt, and starts over when its message returns.
     */
    private Outcome waitForSlot(Task task) {
        Instant now = clock.instant();
        if (jobs.transition(TaskTransition.of(task, TaskStatus.RUNNING, TaskStatus.QUEUED, now)
                .lease(now)
                .refundRun()
                .build())) queue.enqueueLater(TaskMessage.of(task), retries.slotWait());
        return Outcome.DONE;
    }

    private ImageProvider provider(Step step) throws ProviderException {
        return providers
                .find(step.provider())
                .orElseThrow(() -> new ProviderException(
                        ErrorCode.PROVIDER_INVALID_REQUEST,
                        "Provider " + step.provider() + " is no longer available."));
    }

    /** The job's step with the task's own prompt and parameters layered over it. */
    private ProviderCall stepCall(Step step, Task task, SourceImage input) throws ProviderException {
        return new ProviderCall(
                step.operation(),
                step.model(),
                effectivePrompt(step, task),
                Backdrops.load(effectiveParams(step, task), blobs),
                input);
    }

    private static Map<String, Object> effectiveParams(Step step, Task task) {
        Map<String, Object> params = new HashMap<>(step.params());
        params.putAll(task.params());
        return params;
    }

    private static String effectivePrompt(Step step, Task task) {
        return task.prompt() != null ? task.prompt() : step.prompt();
    }

    /** A step that reused a stored result: nothing paid, and the task that paid for it. */
    private Map<String, Object> cachedProvenance(Step step, StepCache.Hit hit) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("provider", step.provider());
        out.put("operation", step.operation());
        out.put("model", hit.result().model());
        out.put("cached", true);
        out.put("sourceJobId", hit.sourceJobId());
        out.put("sourceTaskId", hit.sourceTaskId());
        out.put(
                StepCosts.FIELD,
                StepCosts.json(costs.nothing("cached: reused the result of task " + hit.sourceTaskId())));
        return out;
    }

    private static SourceImage asSource(ProviderResult result) {
        return new SourceImage(result.bytes(), result.format(), result.width(), result.height());
    }

    private interface ProviderAction {
        ProviderOutcome run() throws ProviderException;
    }

    /**
     * A provider that breaks in an unexpected way (a bug, a missing native library) fails the task with `internal`
     * and a sentence, instead of crashing the invocation until the message is given up as exhausted.
     */
    private ProviderOutcome call(ImageProvider provider, String operation, String kind, ProviderAction action)
            throws ProviderException {
        long started = System.nanoTime();
        String outcome = "error";
        try {
            ProviderOutcome answer = action.run();
            outcome = answer instanceof ProviderOutcome.Pending ? "pending" : "done";
            return answer;
        } catch (InvalidInputException e) {
            throw e; // the one unchecked error that is the caller's: invalid_input
        } catch (RuntimeException | LinkageError | InternalError e) {
            LOG.log(Level.SEVERE, "Provider " + provider.id() + " failed on " + operation, e);
            throw new ProviderException(
                    ErrorCode.INTERNAL,
                    "The " + provider.id() + " provider failed unexpectedly on " + operation + " ("
                            + e.getClass().getSimpleName() + "); retrying will not help until it is fixed.");
        } finally {
            metrics.providerCall(provider.id(), operation, kind, outcome, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private SourceImage readInput(Task task) throws ImageRejectedException, StorageTries.Unavailable {
        byte[] bytes;
        try {
            bytes = StorageTries.read(blobs, task.input().key());
        } catch (java.util.NoSuchElementException e) {
            throw new ImageRejectedException("The original image was deleted before the task ran.");
        }
        ImageFormat format =
                ImageFormat.fromMimeType(task.input().contentType()).orElse(ImageFormat.PNG);
        return new SourceImage(bytes, format, task.input().width(), task.input().height());
    }

    /** An unchecked error that is not the typed invalid input is a bug: `internal`, with its stack trace in the log. */
    private Outcome unexpected(Task task, RuntimeException e, Instant startedAt, Step step) {
        LOG.log(Level.SEVERE, "Task " + task.taskId() + " failed unexpectedly", e);
        return failed(
                task,
                ErrorCode.INTERNAL,
                "Atelier failed unexpectedly (" + e.getClass().getSimpleName()
                        + "); retrying will not help until it is fixed.",
                null,
                startedAt,
                step);
    }

    /** The original could not be read: the task comes back like a transient fault, and fails once its tries are spent. */
    private Outcome unreadableInput(Task task, StorageTries.Unavailable e, Instant startedAt, Step step) {
        LOG.log(Level.WARNING, "Task " + task.taskId() + " could not read its original", e);
        return failed(
                task,
                ErrorCode.INTERNAL,
                true,
                "Could not read the original: " + e.getMessage() + ".",
                "Could not read the original: " + e.getMessage() + " after " + (runsBefore(task) + 1) + " tries.",
                null,
                startedAt,
                step);
    }

    private Outcome failed(Task task, ErrorCode code, String message, Duration hint, Instant startedAt, Step step) {
        return failed(task, code, code.transientFault(), message, message, hint, startedAt, step);
    }

    /** Back to the queue or FAILED, as the retry policy decides. */
    private Outcome failed(
            Task task,
            ErrorCode code,
            boolean transientFault,
            String retryMessage,
            String message,
            Duration hint,
            Instant startedAt,
            Step step) {
        Instant now = clock.instant();
        if (retries.afterFailure(code, transientFault, runsBefore(task), startedAt, now, hint, retryMessage)
                instanceof RetryPolicy.Retry retry) {
            // The log says why the task keeps coming back, and which try it was: a task.retrying entry.
            var requeue = TaskTransition.of(task, TaskStatus.RUNNING, TaskStatus.QUEUED, now)
                    .lease(now)
                    .error(code, retry.reason(), true)
                    .event(JobEvent.RETRYING);
            if (!retry.usesAttempt()) requeue.refundRun();
            if (jobs.transition(requeue.build())) queue.enqueueLater(TaskMessage.of(task), retry.delay());
            return Outcome.DONE;
        }
        long duration = Duration.between(startedAt, now).toMillis();
        if (jobs.transition(TaskTransition.of(task, TaskStatus.RUNNING, TaskStatus.FAILED, now)
                .finished(now, duration)
                .error(code, message, transientFault)
                .build()))
            metrics.taskEnded(
                    step.provider(), step.operation(), TaskStatus.FAILED, code, task.jobId(), task.taskId(), duration);
        return Outcome.DONE;
    }

    /** Every fallback failed too: the tries were spent on the step's own provider, so the task fails now. */
    private Outcome failedForGood(Task task, ErrorCode code, String message, Instant startedAt, Step step) {
        Instant now = clock.instant();
        long duration = Duration.between(startedAt, now).toMillis();
        if (jobs.transition(TaskTransition.of(task, TaskStatus.RUNNING, TaskStatus.FAILED, now)
                .finished(now, duration)
                .error(code, message + " (every fallback provider failed too)", false)
                .build()))
            metrics.taskEnded(
                    step.provider(), step.operation(), TaskStatus.FAILED, code, task.jobId(), task.taskId(), duration);
        return Outcome.DONE;
    }

    /** Ends a running task. A result made after the job was canceled is kept: its call was already paid for. */
    private boolean end(
            Task task,
            TaskStatus to,
            TaskOutput output,
            Step step,
            String model,
            Map<String, Object> provenance,
            Instant startedAt,
            Cost cost) {
        Instant now = clock.instant();
        TaskStatus target = to;
        long duration = Duration.between(startedAt, now).toMillis();
        var builder = TaskTransition.of(task, TaskStatus.RUNNING, target, now)
                .finished(now, duration)
                .lease(now);
        if (target == TaskStatus.SUCCEEDED)
            builder.output(output)
                    .producedBy(step.provider(), model, provenance)
                    .cost(cost);
        boolean moved = jobs.transition(builder.build());
        if (moved) {
            metrics.taskEnded(step.provider(), step.operation(), target, null, task.jobId(), task.taskId(), duration);
            if (cost != null && target == TaskStatus.SUCCEEDED)
                metrics.spend(step.provider(), cost, task.jobId(), task.taskId());
        }
        return moved && target == TaskStatus.SUCCEEDED;
    }

    private static Map<String, Object> stepProvenance(
            Step step, Map<String, Object> submitted, ProviderResult result, Cost cost) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("provider", step.provider());
        out.put("operation", step.operation());
        out.put("model", result.model());
        out.putAll(submitted);
        out.putAll(result.provenance());
        out.put(StepCosts.FIELD, StepCosts.json(cost));
        return out;
    }
}
