package io.atelier.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.model.Counts;
import io.atelier.model.ErrorCode;
import io.atelier.model.FanOutMessage;
import io.atelier.model.FieldError;
import io.atelier.model.Ids;
import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.model.Job;
import io.atelier.model.JobEvent;
import io.atelier.model.JobStatus;
import io.atelier.model.Review;
import io.atelier.model.Step;
import io.atelier.model.Task;
import io.atelier.model.TaskInput;
import io.atelier.model.TaskMessage;
import io.atelier.model.TaskStatus;
import io.atelier.plans.Plan;
import io.atelier.pricing.CostEstimator;
import io.atelier.pricing.PriceTable;
import io.atelier.providers.ProviderRegistry;
import io.atelier.store.FanOutQueue;
import io.atelier.store.IdempotencyKey;
import io.atelier.store.ImageStore;
import io.atelier.store.JobStore;
import io.atelier.store.KeyedJob;
import io.atelier.store.Page;
import io.atelier.store.PageRequest;
import io.atelier.store.PresetStore;
import io.atelier.store.TaskQueue;
import io.atelier.store.TaskTransition;
import io.atelier.store.TemplateStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Submits, reads, cancels and retries jobs. State changes go through conditional transitions only. */
public final class JobService {
    /** Jobs with more items than this are answered once stored, their tasks made by the fan-out (constant-time submission). */
    public static final int FAN_OUT_ABOVE = 100;

    private static final Logger LOG = Logger.getLogger(JobService.class.getName());
    private final JobStore jobs;
    private final ImageStore images;
    private final TaskQueue queue;
    private final JobRequestParser parser;
    private final Limits limits;
    private final Clock clock;
    private final InputChecks inputChecks;
    private final CostEstimator costs;
    private final Reviews reviews;
    private final TemplateStore templates;
    private final PresetStore presets;
    private final FanOutQueue fanOuts;
    private final StoredManifests manifests;
    private final PlanGate gate;

    public JobService(
            JobStore jobs, ImageStore images, TaskQueue queue, ProviderRegistry providers, Limits limits, Clock clock) {
        this(jobs, images, queue, providers, limits, clock, new CostEstimator(PriceTable.defaults()));
    }

    public JobService(
            JobStore jobs,
            ImageStore images,
            TaskQueue queue,
            ProviderRegistry providers,
            Limits limits,
            Clock clock,
            CostEstimator costs) {
        this(jobs, images, queue, providers, limits, clock, costs, null);
    }

    /** @param fanOuts where jobs of more than {@link #FAN_OUT_ABOVE} items go to have their tasks made; null makes all at once */
    public JobService(
            JobStore jobs,
            ImageStore images,
            TaskQueue queue,
            ProviderRegistry providers,
            Limits limits,
            Clock clock,
            CostEstimator costs,
            FanOutQueue fanOuts) {
        this(jobs, images, queue, providers, limits, clock, costs, fanOuts, null, null);
    }

    /**
     * @param templates the callers' prompt templates, for {@code promptTemplate}; null: a job naming one is refused
     * @param presets   the callers' own presets, for {@code jobPreset}; null: a job naming one is refused
     */
    public JobService(
            JobStore jobs,
            ImageStore images,
            TaskQueue queue,
            ProviderRegistry providers,
            Limits limits,
            Clock clock,
            CostEstimator costs,
            FanOutQueue fanOuts,
            TemplateStore templates,
            PresetStore presets) {
        this(jobs, images, queue, providers, limits, clock, costs, fanOuts, templates, presets, null, null);
    }

    /**
     * @param manifests the callers' uploaded manifests, for {@code manifest.id}; null: naming one answers 404
     * @param gate      the callers' plans and quotas at every path that starts paid work; null: none
     */
    public JobService(
            JobStore jobs,
            ImageStore images,
            TaskQueue queue,
            ProviderRegistry providers,
            Limits limits,
            Clock clock,
            CostEstimator costs,
            FanOutQueue fanOuts,
            TemplateStore templates,
            PresetStore presets,
            StoredManifests manifests,
            PlanGate gate) {
        this.manifests = manifests;
        this.gate = gate;
        this.fanOuts = fanOuts;
        this.templates = templates;
        this.presets = presets;
        this.costs = costs;
        this.jobs = jobs;
        this.images = images;
        this.queue = queue;
        this.parser = new JobRequestParser(providers, limits.maxItemsPerJob());
        this.inputChecks = new InputChecks(providers);
        this.limits = limits;
        this.clock = clock;
        this.reviews = new Reviews(jobs, queue, new StepChecks(providers), clock);
    }

    /** A submission's answer: the job, and whether it is the earlier job of a replayed idempotency key. */
    public record Submission(Job job, boolean replayed) {}

    public Job submit(String owner, JsonNode body, Optional<String> idempotencyKey) {
        return accept(owner, body, idempotencyKey).job();
    }

    /**
     * {@code POST /jobs}; with an idempotency key, a repeat of the same request within 24 h answers the first job,
     * and the same key with another request is refused (422) rather than silently answered with the first job.
     */
    public Submission accept(String owner, JsonNode body, Optional<String> idempotencyKey) {
        return accept(owner, null, body, idempotencyKey);
    }

    /** @param plan the caller's plan (null: no plan applies), enforced before anything is stored */
    public Submission accept(String owner, Plan plan, JsonNode body, Optional<String> idempotencyKey) {
        idempotencyKey.ifPresent(JobService::checkKey);
        String requestHash = idempotencyKey.map(key -> RequestHash.of(body)).orElse(null);
        Instant now = clock.instant();
        if (idempotencyKey.isPresent()) {
            Optional<KeyedJob> earlier = jobs.findIdempotencyKey(owner, idempotencyKey.get(), now);
            if (earlier.isPresent()) return replay(owner, earlier.get(), requestHash);
        }
        JobRequest request = request(owner, body);
        if (gated(plan)) {
            gate.checkSteps(plan, request.steps(), request.workflow());
            gate.checkItems(
                    plan,
                    request.items().isEmpty()
                            ? request.count()
                            : request.items().size());
        }
        BigDecimal budget = Budgets.parse(body, costs.currency());
        String jobId = Ids.job();
        List<FieldError> refused = new ArrayList<>();
        List<Task> tasks = request.items().isEmpty()
                ? generateTasks(owner, jobId, request.count(), now)
                : itemTasks(owner, jobId, request.steps().get(0), request.items(), now, refused);
        if (!refused.isEmpty()) throw new InvalidRequestException(JobRequestParser.summary(refused), refused);
        Integer pilot = Pilots.parse(body, tasks.size());
        tasks = TaskNames.named(tasks, request);
        tasks = JobEstimates.withEstimates(tasks, request.steps(), costs);
        Job job = new Job(
                owner,
                jobId,
                request.name(),
                request.steps(),
                request.workflow(),
                Counts.allQueued(tasks.size()),
                false,
                now,
                now,
                JobEstimates.spendOf(tasks, costs)
                        .withBudget(budget)
                        .withMonthlyLimit(gated(plan) ? plan.quotas().monthlySpend() : null),
                null,
                request.outputName(),
                null);
        if (pilot != null) job = job.withPilot(Pilots.of(pilot, tasks, request.steps(), costs));
        IdempotencyKey key = idempotencyKey
                .map(value -> new IdempotencyKey(value, requestHash, now.plus(limits.idempotencyTtl())))
                .orElse(null);
        PlanGate.Admission admission = gated(plan) ? gate.admit(plan, owner, jobId, tasks.size()) : null;
        try {
            Submission submission = store(job, tasks, key, requestHash);
            if (submission.replayed() && admission != null) admission.undo(); // the first job was counted
            return submission;
        } catch (RuntimeException e) {
            if (admission != null) admission.undo();
            throw e;
        }
    }

    /** The caller's plan from their JWT's claims; null where no plans apply. */
    public Plan planOf(Map<String, String> claims) {
        return gate == null ? null : gate.planOf(claims);
    }

    private boolean gated(Plan plan) {
        return gate != null && plan != null;
    }

    private Submission store(Job job, List<Task> tasks, IdempotencyKey key, String requestHash) {
        // A pilot's rest is held in a fan-out's list, whatever the job's size.
        if (job.pilot() != null || (fanOuts != null && tasks.size() > FAN_OUT_ABOVE))
            return fanOut(job, tasks, key, requestHash);
        KeyedJob stored = jobs.create(job, tasks, key);
        if (!job.jobId().equals(stored.jobId()))
            return replay(job.owner(), stored, requestHash); // lost a race with the same key
        queue.enqueue(tasks.stream().map(TaskMessage::of).toList());
        return new Submission(job, false);
    }

    /**
     * A large job: stored at once with its task list (counted QUEUED), the tasks made and queued by the fan-out function.
     * Should its message not be sent, the job still gets its tasks: the sweeper finishes a fan-out that makes no progress.
     */
    private Submission fanOut(Job job, List<Task> tasks, IdempotencyKey key, String requestHash) {
        KeyedJob stored = jobs.createFanOut(job, tasks, key, job.createdAt().plus(FanOut.STALL));
        if (!job.jobId().equals(stored.jobId())) return replay(job.owner(), stored, requestHash);
        startFanOut(job.owner(), job.jobId());
        return new Submission(job, false);
    }

    /** Sends the job's fan-out message (without a fan-out queue, runs it here); a lost message is the sweeper's. */
    private void startFanOut(String owner, String jobId) {
        FanOutMessage message = FanOutMessage.of(owner, jobId);
        if (fanOuts == null) {
            new FanOut(jobs, queue, clock).run(message);
            return;
        }
        try {
            fanOuts.start(message);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Job " + jobId + ": its fan-out message was not sent; the sweeper will make its tasks",
                    e);
        }
    }

    /**
     * Where a job from an S3 prefix keeps its submitter's plan until the import has found its images (a request naming
     * it is a 400: no such field).
     */
    public static final String IMPORT_PLAN = "x-atelier-plan";

    /**
     * A job over the objects an import let in (its idempotency key the import's): the objects it refused are written to
     * the job's log, one {@code import.refused} entry each ({@code error.message} "key: why"), once.
     */
    public Job submitImported(String owner, JsonNode body, String idempotencyKey, Map<String, String> refused) {
        Plan plan = null;
        if (body.has(IMPORT_PLAN)) { // the submitter's plan, counted now that the images are known
            ObjectNode job = body.deepCopy();
            String name = job.remove(IMPORT_PLAN).asText();
            body = job;
            plan = gate == null ? null : gate.named(name);
        }
        Submission submission = accept(owner, plan, body, Optional.of(idempotencyKey));
        if (!submission.replayed()) {
            Instant now = clock.instant();
            refused.forEach((key, reason) -> jobs.appendEvent(
                    owner,
                    submission.job().jobId(),
                    new JobEvent(
                            Ids.event(),
                            now,
                            JobEvent.IMPORT_REFUSED,
                            null,
                            null,
                            null,
                            null,
                            new io.atelier.model.TaskError(ErrorCode.INVALID_INPUT, key + ": " + reason, false))));
        }
        return submission.job();
    }

    /**
     * The checks of a submission that need no stored state (presets, templates and manifests expanded, the request
     * parsed, the budget read): a job whose inputs come later (from an import) is refused now if the rest is wrong.
     */
    public void check(String owner, Plan plan, JsonNode body) {
        JobRequest request = request(owner, body);
        if (gated(plan)) gate.checkSteps(plan, request.steps(), request.workflow());
        Budgets.parse(body, costs.currency());
    }

    /** What a dry run found: the estimate of the tasks that would run, and the items that would be refused. */
    public record DryRun(JobEstimates.Estimate estimate, List<FieldError> refused) {}

    /**
     * {@code POST /jobs} with {@code "dryRun": true}: the same checks as a submission, nothing stored or queued. A
     * request that is wrong as a whole is still a 400; items that would be refused are listed, and left out of the total.
     */
    public DryRun dryRun(String owner, JsonNode body) {
        return dryRun(owner, null, body);
    }

    /** @param plan the caller's plan: what it lacks is the same 403 a submission would get (null: none) */
    public DryRun dryRun(String owner, Plan plan, JsonNode body) {
        JobRequest request = request(owner, body);
        if (gated(plan)) {
            gate.checkSteps(plan, request.steps(), request.workflow());
            gate.checkItems(
                    plan,
                    request.items().isEmpty()
                            ? request.count()
                            : request.items().size());
        }
        BigDecimal budget = Budgets.parse(body, costs.currency());
        List<FieldError> refused = new ArrayList<>();
        List<Task> tasks = request.items().isEmpty()
                ? generateTasks(owner, "dry-run", request.count(), clock.instant())
                : itemTasks(owner, "dry-run", request.steps().get(0), request.items(), clock.instant(), refused);
        Budgets.overBudget(JobEstimates.withEstimates(tasks, request.steps(), costs), budget, costs.currency())
                .ifPresent(refused::add);
        Pilots.parse(body, tasks.size());
        return new DryRun(
                JobEstimates.estimate(
                        request.steps(), tasks.stream().map(Task::params).toList(), costs),
                refused);
    }

    /**
     * A dry run of a job from a prefix ({@link Imports#dryRunJob}): the job as {@code probe} (its one stand-in image)
     * over {@code count} images, checked as a dry run is. The import's images have no per-item fields, so each task is
     * the stand-in's; with more objects to come ({@code !complete}) {@code count} is a lower bound, and only what it
     * alone rules out is refused.
     */
    public DryRun dryRunImported(String owner, Plan plan, JsonNode probe, int count, boolean complete) {
        JobRequest request = request(owner, probe);
        if (gated(plan)) {
            gate.checkSteps(plan, request.steps(), request.workflow());
            gate.checkItems(plan, count);
        }
        BigDecimal budget = Budgets.parse(probe, costs.currency());
        Instant now = clock.instant();
        JobRequest.Item item = request.items().get(0);
        List<Task> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) tasks.add(newTask(owner, "dry-run", item, null, now));
        List<FieldError> refused = new ArrayList<>();
        Budgets.overBudget(JobEstimates.withEstimates(tasks, request.steps(), costs), budget, costs.currency())
                .ifPresent(refused::add);
        Pilots.parse(probe, complete ? Math.max(count, 2) : Integer.MAX_VALUE);
        return new DryRun(
                JobEstimates.estimate(
                        request.steps(), tasks.stream().map(Task::params).toList(), costs),
                refused);
    }

    /** The body as it will run: its preset, manifest and prompt template expanded, parsed and checked. */
    private JobRequest request(String owner, JsonNode body) {
        return Backdrops.resolve(
                owner,
                parser.parse(TemplatePrompts.expand(
                        owner,
                        ManifestJobs.expand(owner, PresetJobs.expand(owner, body, presets, images), images, manifests),
                        templates,
                        images)),
                images);
    }

    /** Whether the body asks for a dry run; anything but a boolean is a 400 naming the field. */
    public static boolean isDryRun(JsonNode body) {
        JsonNode flag = body == null ? null : body.get("dryRun");
        if (flag == null || flag.isNull()) return false;
        if (!flag.isBoolean()) throw new InvalidRequestException("dryRun", "dryRun must be true or false");
        return flag.asBoolean();
    }

    private Submission replay(String owner, KeyedJob earlier, String requestHash) {
        // Keys stored before request hashes were have none: they replay as before. A key that names an import was
        // used by a job from a prefix: this request (without a source) is another one.
        if (earlier.jobId() == null
                || earlier.requestHash() != null && !earlier.requestHash().equals(requestHash))
            throw keyReused(limits.idempotencyTtl());
        return new Submission(get(owner, earlier.jobId()), true);
    }

    /** The same key with another request: 422 naming {@code Idempotency-Key}, on either kind of job. */
    static IdempotencyKeyReusedException keyReused(Duration ttl) {
        return new IdempotencyKeyReusedException("This Idempotency-Key was used within the last "
                + ttl.toHours()
                + " hours for a different request; use a new key for a new request.");
    }

    public Job get(String owner, String jobId) {
        return jobs.findJob(owner, jobId).orElseThrow(() -> new NotFoundException("Job " + jobId));
    }

    public Page<Job> list(String owner, Optional<String> status, PageRequest page) {
        JobStatus filter =
                status.map(value -> parseEnum(JobStatus.class, value, "status")).orElse(null);
        return jobs.listJobs(owner, filter, page);
    }

    public Page<Task> tasks(String owner, String jobId, Optional<String> status, PageRequest page) {
        get(owner, jobId); // ownership: another user's job answers 404 before any task is read
        TaskStatus filter = status.map(value -> parseEnum(TaskStatus.class, value, "status"))
                .orElse(null);
        return jobs.listTasks(jobId, filter, page);
    }

    /**
     * {@code GET /jobs/{jobId}/tasks?ids=}: the named tasks of one job, for a client that follows the log and fetches only
     * what changed; another user's job answers 404.
     */
    public List<Task> tasks(String owner, String jobId, List<String> taskIds) {
        get(owner, jobId);
        return jobs.findTasks(jobId, taskIds);
    }

    /**
     * {@code GET /jobs/{jobId}/events}: the job's log, oldest first, from {@code since} on when given; another user's job
     * answers 404.
     */
    public Page<JobEvent> events(String owner, String jobId, PageRequest page) {
        return events(owner, jobId, Optional.empty(), page);
    }

    public Page<JobEvent> events(String owner, String jobId, Optional<Instant> since, PageRequest page) {
        get(owner, jobId);
        return since.map(from -> jobs.listEventsSince(jobId, from, page)).orElseGet(() -> jobs.listEvents(jobId, page));
    }

    /**
     * Queued tasks end CANCELED now. Started work is paid for and keeps its result: a running call finishes, and a task
     * an asynchronous provider works on (WAITING) is polled to its end.
     */
    public Job cancel(String owner, String jobId) {
        Job job = get(owner, jobId);
        if (job.status().terminal()) return job;
        Instant now = clock.instant();
        jobs.requestCancel(owner, jobId, now);
        jobs.appendEvent(owner, jobId, JobEvent.ofJob(JobEvent.CANCEL_REQUESTED, now, null));
        // The held rest is made and queued like any fan-out's tasks, and the worker ends them CANCELED.
        if (job.pilot() != null && job.pilot().held() && release(owner, jobId, now)) startFanOut(owner, jobId);
        for (Task task : jobs.tasksIn(jobId, List.of(TaskStatus.QUEUED))) {
            jobs.transition(TaskTransition.of(
                            owner, jobId, task.taskId(), task.status(), task.attempt(), TaskStatus.CANCELED, now)
                    .finished(now, null)
                    .build());
        }
        return get(owner, jobId);
    }

    /**
     * {@code POST /jobs/{jobId}/continue}: the pilot looked right, so the held rest is made and queued (through the
     * fan-out, for any size). Only a job awaiting approval continues; anything else is a 409.
     */
    public Job continuePilot(String owner, String jobId) {
        Job job = get(owner, jobId);
        if (job.status() != JobStatus.AWAITING_APPROVAL)
            throw new ConflictException("Job " + jobId + " is " + job.status()
                    + (job.pilot() == null
                            ? "; it has no pilot to continue from."
                            : "; only a job AWAITING_APPROVAL (its pilot done, the rest held) can continue."));
        Instant now = clock.instant();
        if (!release(owner, jobId, now))
            throw new ConflictException("Job " + jobId + " was continued or canceled meanwhile.");
        jobs.appendEvent(owner, jobId, JobEvent.ofJob(JobEvent.CONTINUED, now, null));
        startFanOut(owner, jobId);
        return get(owner, jobId);
    }

    private boolean release(String owner, String jobId, Instant now) {
        return jobs.releasePilot(owner, jobId, now, now.plus(FanOut.STALL));
    }

    /** Re-queues failed and canceled tasks (or just {@code taskId}) as a new attempt. */
    public Job retry(String owner, String jobId, Optional<String> taskId) {
        return retry(owner, null, jobId, taskId);
    }

    public Job retry(String owner, Plan plan, String jobId, Optional<String> taskId) {
        Job job = get(owner, jobId);
        List<Task> candidates;
        if (taskId.isPresent()) {
            Task task =
                    jobs.findTask(jobId, taskId.get()).orElseThrow(() -> new NotFoundException("Task " + taskId.get()));
            if (task.status() != TaskStatus.FAILED && task.status() != TaskStatus.CANCELED)
                throw new ConflictException("Task " + task.taskId() + " is " + task.status()
                        + "; only failed or canceled tasks can be retried.");
            if (!retryCanSucceed(task))
                throw new ConflictException("Task " + task.taskId() + " failed with "
                        + task.error().code().wire()
                        + ", which a retry cannot fix: submit a new job with another input or other parameters.");
            candidates = List.of(task);
        } else {
            List<Task> stopped = jobs.tasksIn(jobId, List.of(TaskStatus.FAILED, TaskStatus.CANCELED));
            candidates = stopped.stream().filter(JobService::retryCanSucceed).toList();
            if (candidates.isEmpty() && !stopped.isEmpty())
                throw new ConflictException(
                        "None of the " + stopped.size() + " failed tasks can succeed on retry: they failed with "
                                + String.join(
                                        ", ",
                                        stopped.stream()
                                                .map(t -> t.error().code().wire())
                                                .distinct()
                                                .sorted()
                                                .toList())
                                + ", which need another input or other parameters.");
        }
        PlanGate.Admission admission = candidates.isEmpty() ? null : admitAgain(plan, job, candidates.size());
        Instant now = clock.instant();
        if (!candidates.isEmpty()) {
            jobs.clearCancel(owner, jobId, now);
            jobs.appendEvent(owner, jobId, JobEvent.ofJob(JobEvent.RETRY, now, taskId.orElse(null)));
        }
        List<TaskMessage> messages = new ArrayList<>();
        for (Task task : candidates) {
            int next = task.attempt() + 1;
            boolean moved = jobs.transition(TaskTransition.of(
                            owner, jobId, task.taskId(), task.status(), task.attempt(), TaskStatus.QUEUED, now)
                    .newAttempt(next)
                    .resetResult()
                    .build());
            if (moved) messages.add(new TaskMessage(1, owner, jobId, task.taskId(), next));
        }
        if (messages.isEmpty() && admission != null) admission.undo();
        queue.enqueue(messages);
        return get(owner, jobId);
    }

    /**
     * Work that starts a stored job's tasks again, under the caller's plan as it is now: its steps must still be in
     * the plan, the tasks count as today's images and the job takes a concurrent-job slot if it had given its back.
     */
    private PlanGate.Admission admitAgain(Plan plan, Job job, int tasks) {
        if (!gated(plan)) return null;
        gate.checkSteps(plan, job.steps(), job.workflow());
        return gate.admit(plan, job.owner(), job.jobId(), tasks);
    }

    /**
     * {@code PATCH /jobs/{jobId}} with a new {@code budget}: the budget applies to every task that starts from now on,
     * and the tasks the old one stopped ({@code budget_exceeded}) are queued again as a new attempt.
     */
    public Job changeBudget(String owner, String jobId, JsonNode body) {
        return changeBudget(owner, null, jobId, body);
    }

    public Job changeBudget(String owner, Plan plan, String jobId, JsonNode body) {
        Job job = get(owner, jobId);
        if (body == null || !body.has("budget") || body.get("budget").isNull())
            throw new InvalidRequestException(
                    "budget",
                    "budget is required: the job's new budget, e.g. {\"amount\": \"25.00\", \"currency\": \""
                            + costs.currency() + "\"}");
        BigDecimal budget = Budgets.parse(body, costs.currency());
        Instant now = clock.instant();
        if (!jobs.setBudget(owner, jobId, budget, now)) throw new NotFoundException("Job " + jobId);
        jobs.appendEvent(owner, jobId, JobEvent.ofJob(JobEvent.BUDGET_CHANGED, now, null));
        List<Task> stopped = jobs.tasksIn(jobId, List.of(TaskStatus.CANCELED)).stream()
                .filter(task -> task.error() != null && task.error().code() == ErrorCode.BUDGET_EXCEEDED)
                .toList();
        // Tasks the budget stopped never ran: they were counted as images when submitted, and are not counted again.
        PlanGate.Admission admission = stopped.isEmpty() ? null : admitAgain(plan, job, 0);
        List<TaskMessage> messages = new ArrayList<>();
        for (Task task : stopped) {
            int next = task.attempt() + 1;
            if (jobs.transition(TaskTransition.of(
                            owner, jobId, task.taskId(), task.status(), task.attempt(), TaskStatus.QUEUED, now)
                    .newAttempt(next)
                    .resetResult()
                    .build())) messages.add(new TaskMessage(1, owner, jobId, task.taskId(), next));
        }
        if (messages.isEmpty() && admission != null) admission.undo();
        queue.enqueue(messages);
        return get(owner, jobId);
    }

    /** A task that failed on its input or parameters would fail the same way again; a canceled one may run. */
    private static boolean retryCanSucceed(Task task) {
        return task.status() != TaskStatus.FAILED
                || task.error() == null
                || task.error().code().retryCanSucceed();
    }

    /**
     * {@code POST /jobs/{jobId}/tasks/{taskId}/review}: marks a succeeded result approved or rejected, or clears the mark
     * ({@code "decision": null}). A review is not a state change: the job's counts do not move.
     */
    public Task review(String owner, String jobId, String taskId, JsonNode body) {
        get(owner, jobId);
        Task task = jobs.findTask(jobId, taskId).orElseThrow(() -> new NotFoundException("Task " + taskId));
        Review review = parseReview(body);
        if (!reviews.mark(task, review)) {
            Task now = jobs.findTask(jobId, taskId).orElseThrow(() -> new NotFoundException("Task " + taskId));
            throw new ConflictException("Task " + taskId + " is " + now.status()
                    + "; only a succeeded result can be approved or rejected.");
        }
        return jobs.findTask(jobId, taskId).orElseThrow(() -> new NotFoundException("Task " + taskId));
    }

    /** What {@code POST /jobs/{jobId}/review} answers: how many results the filter picked, how many changed, the job. */
    public record BulkReview(int matched, int changed, Job job) {}

    /**
     * {@code POST /jobs/{jobId}/review}: approves, rejects or clears ({@code "decision": null}) every succeeded result
     * the filter picks ({@code checks}: passed|failed, {@code sku}, {@code taskIds}, {@code review}: unreviewed|approved|
     * rejected; none: every succeeded result).
     */
    public BulkReview reviewAll(String owner, String jobId, JsonNode body) {
        Job job = get(owner, jobId);
        Review review = parseReview(body);
        Reviews.Outcome outcome = reviews.byFilter(job, review, body.get("filter"));
        return new BulkReview(outcome.matched(), outcome.changed(), outcome.job());
    }

    /**
     * {@code POST /jobs/{jobId}/rerun}: the rejected results (or {@code taskIds} among them) run again as a new attempt
     * with {@code prompt} and {@code params} changed; the earlier attempts stay visible on each task.
     */
    public Job rerun(String owner, String jobId, JsonNode body) {
        return rerun(owner, null, jobId, body);
    }

    /** Under a plan, the job's rejected results count as today's images, and the job takes a slot to run again. */
    public Job rerun(String owner, Plan plan, String jobId, JsonNode body) {
        Job job = get(owner, jobId);
        PlanGate.Admission admission =
                admitAgain(plan, job, Math.max(1, job.reviews().rejected()));
        try {
            Job after = reviews.rerun(job, body);
            if (admission != null && after.status().terminal()) admission.undo();
            return after;
        } catch (RuntimeException e) {
            if (admission != null) admission.undo();
            throw e;
        }
    }

    private Review parseReview(JsonNode body) {
        String hint = "decision must be \"approve\", \"reject\" or null (to clear the mark).";
        JsonNode decision = body == null ? null : body.get("decision");
        if (decision == null) throw new InvalidRequestException("decision", "decision is required: " + hint);
        if (decision.isNull()) return null;
        if (!decision.isTextual()) throw new InvalidRequestException("decision", hint);
        return Review.Decision.fromWire(decision.asText())
                .map(value -> new Review(value, clock.instant()))
                .orElseThrow(() -> new InvalidRequestException(
                        "decision", "unknown decision '" + abbreviate(decision.asText()) + "'; " + hint));
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    /** The items' tasks; an item that cannot run is named in {@code errors} instead. */
    private List<Task> itemTasks(
            String owner, String jobId, Step first, List<JobRequest.Item> items, Instant now, List<FieldError> errors) {
        Map<String, ImageRecord> found = images.findAll(
                owner,
                items.stream()
                        .map(JobRequest.Item::imageId)
                        .filter(id -> Ids.isValid(Ids.IMAGE, id))
                        .distinct()
                        .toList()); // a malformed id is an unknown image
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JobRequest.Item item = items.get(i);
            ImageRecord image = found.get(item.imageId());
            String at = "items[" + i + "].imageId";
            if (image == null) errors.add(new FieldError(at, "unknown image " + item.imageId()));
            else if (image.status() == ImageStatus.PENDING)
                errors.add(new FieldError(
                        at, "image " + item.imageId() + " is still being checked; submit once it is READY"));
            else if (image.status() == ImageStatus.REJECTED)
                errors.add(new FieldError(at, "image " + item.imageId() + " was rejected: " + image.reason()));
            else if (inputChecks.refusal(first, item, image) instanceof String refused)
                errors.add(new FieldError(at, refused));
            else
                tasks.add(newTask(
                        owner,
                        jobId,
                        item,
                        new TaskInput(
                                image.imageId(),
                                image.name(),
                                image.objectKey(),
                                image.contentType(),
                                image.width(),
                                image.height(),
                                image.previewKey(),
                                item.sku() != null
                                        ? item.sku()
                                        : image.placement().sku(),
                                image.placement().role()),
                        now));
        }
        return tasks;
    }

    private static List<Task> generateTasks(String owner, String jobId, int count, Instant now) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++)
            tasks.add(newTask(owner, jobId, new JobRequest.Item(null, null, null, Map.of()), null, now));
        return tasks;
    }

    private static Task newTask(String owner, String jobId, JobRequest.Item item, TaskInput input, Instant now) {
        return Task.queued(
                owner, jobId, Ids.task(), new Task.Work(item.customId(), input, item.prompt(), item.params(), now));
    }

    static void checkKey(String key) {
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e))
            throw new InvalidRequestException(
                    "Idempotency-Key", "The Idempotency-Key header must be 1 to 255 printable ASCII characters.");
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(
                    field,
                    "unknown " + field + " '" + value + "'; use one of "
                            + String.join(
                                    ", ",
                                    Arrays.stream(type.getEnumConstants())
                                            .map(Enum::name)
                                            .toList()));
        }
    }
}
