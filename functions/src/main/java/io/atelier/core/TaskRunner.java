package io.atelier.core;

import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageRejectedException;
import io.atelier.model.ErrorCode;
import io.atelier.model.Job;
import io.atelier.model.Keys;
import io.atelier.model.Step;
import io.atelier.model.Task;
import io.atelier.model.TaskMessage;
import io.atelier.model.TaskOutput;
import io.atelier.model.TaskStatus;
import io.atelier.providers.ImageProvider;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderException;
import io.atelier.providers.ProviderOutcome;
import io.atelier.providers.ProviderRegistry;
import io.atelier.providers.ProviderResult;
import io.atelier.providers.SourceImage;
import io.atelier.store.BlobStore;
import io.atelier.store.JobStore;
import io.atelier.store.TaskQueue;
import io.atelier.store.TaskTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one task message: claim the task (conditional QUEUED → RUNNING, or take over an expired lease), read the
 * original, run every step through its provider, write the result, and end the task. Safe under duplicate
 * delivery: every write is conditional on the state and attempt the runner saw.
 */
public final class TaskRunner {
    private static final Logger LOG = Logger.getLogger(TaskRunner.class.getName());
    private static final Duration MAX_SQS_DELAY = Duration.ofMinutes(15);

    /** What the message deserves: deleted from the queue, or left to come back after its visibility timeout. */
    public enum Outcome { DONE, RETRY_LATER }

    private final JobStore jobs;
    private final BlobStore blobs;
    private final TaskQueue queue;
    private final ProviderRegistry providers;
    private final Limits limits;
    private final Clock clock;

    public TaskRunner(JobStore jobs, BlobStore blobs, TaskQueue queue, ProviderRegistry providers, Limits limits, Clock clock) {
        this.jobs = jobs;
        this.blobs = blobs;
        this.queue = queue;
        this.providers = providers;
        this.limits = limits;
        this.clock = clock;
    }

    /** @param lease how long this invocation may hold the task (its remaining time plus a margin) */
    public Outcome run(TaskMessage message, Duration lease) {
        Optional<Task> found = jobs.findTask(message.jobId(), message.taskId());
        if (found.isEmpty() || !found.get().owner().equals(message.owner()) || found.get().attempt() != message.attempt())
            return Outcome.DONE; // unknown, foreign or superseded by a retry: nothing to do
        Task task = found.get();
        Instant now = clock.now();
        switch (task.status()) {
            case SUCCEEDED, FAILED, CANCELED:
                return Outcome.DONE;
            case RUNNING, WAITING:
                if (task.leaseUntil() != null && task.leaseUntil().isAfter(now)) return Outcome.RETRY_LATER; // a live holder
                if (!jobs.takeOverLease(task, now, now.plus(lease))) return Outcome.RETRY_LATER;
                break;
            case QUEUED:
                boolean claimed = jobs.transition(TaskTransition.of(task.owner(), task.jobId(), task.taskId(), TaskStatus.QUEUED,
                        task.attempt(), TaskStatus.RUNNING, now).countRun().lease(now.plus(lease))
                        .started(task.startedAt() == null ? now : task.startedAt()).build());
                if (!claimed) return Outcome.RETRY_LATER; // someone moved it meanwhile; look again on redelivery
                break;
        }
        Job job = jobs.findJob(task.owner(), task.jobId()).orElse(null);
        if (job == null) return Outcome.DONE;
        Instant startedAt = task.startedAt() == null ? now : task.startedAt();
        if (job.cancelRequested()) {
            end(task, TaskStatus.CANCELED, null, null, null, Map.of(), startedAt);
            return Outcome.DONE;
        }
        return execute(task, job, startedAt);
    }

    private Outcome execute(Task task, Job job, Instant startedAt) {
        try {
            SourceImage current = task.input() == null ? null : readInput(task);
            ProviderResult result = null;
            List<Map<String, Object>> stepProvenance = new ArrayList<>();
            for (int index = 0; index < job.steps().size(); index++) {
                Step step = job.steps().get(index);
                ImageProvider provider = providers.find(step.provider())
                        .orElseThrow(() -> new ProviderException(ErrorCode.PROVIDER_INVALID_REQUEST, "Provider " + step.provider() + " is no longer available."));
                Map<String, Object> params = new HashMap<>(step.params());
                params.putAll(task.params());
                String prompt = task.prompt() != null ? task.prompt() : step.prompt();
                result = call(provider, new ProviderCall(step.operation(), step.model(), prompt, params, current));
                current = new SourceImage(result.bytes(), result.format(), result.width(), result.height());
                stepProvenance.add(stepProvenance(step, result));
            }
            // One step: its provenance as is; a workflow: each step's, in order.
            Map<String, Object> provenance = stepProvenance.size() == 1 ? stepProvenance.get(0) : Map.of("steps", stepProvenance);
            int lastStep = job.steps().size() - 1;
            String key = Keys.result(task.owner(), task.jobId(), task.taskId(), lastStep, result.format().extension());
            blobs.write(key, result.bytes(), result.format().mimeType());
            TaskOutput output = new TaskOutput(key, result.format().mimeType(), result.width(), result.height(), result.bytes().length);
            Step last = job.steps().get(lastStep);
            if (!end(task, TaskStatus.SUCCEEDED, output, last.provider(), result.model(), provenance, startedAt)) {
                blobs.delete(key); // the task was canceled while we worked: leave no result behind
            }
            return Outcome.DONE;
        } catch (ProviderException e) {
            return failed(task, job, e.code(), e.getMessage(), e.retryAfter(), startedAt);
        } catch (ImageRejectedException e) {
            return failed(task, job, ErrorCode.INVALID_INPUT, e.getMessage(), null, startedAt);
        } catch (IllegalArgumentException e) {
            return failed(task, job, ErrorCode.INVALID_INPUT, e.getMessage(), null, startedAt);
        }
    }

    /**
     * A provider that breaks in an unexpected way (a bug, a missing native library) fails the task with `internal`
     * and a sentence, instead of crashing the invocation until the message is given up as exhausted.
     */
    private static ProviderResult call(ImageProvider provider, ProviderCall call) throws ProviderException {
        try {
            ProviderOutcome outcome = provider.start(call);
            if (outcome instanceof ProviderOutcome.Done done) return done.result();
            throw new ProviderException(ErrorCode.INTERNAL, "asynchronous work is not handled yet");
        } catch (RuntimeException | LinkageError | InternalError e) {
            LOG.log(Level.SEVERE, "Provider " + provider.id() + " failed on " + call.operation(), e);
            throw new ProviderException(ErrorCode.INTERNAL, "The " + provider.id() + " provider failed unexpectedly on "
                    + call.operation() + " (" + e.getClass().getSimpleName() + "); retrying will not help until it is fixed.");
        }
    }

    private SourceImage readInput(Task task) throws ImageRejectedException {
        byte[] bytes;
        try {
            bytes = blobs.read(task.input().key());
        } catch (java.util.NoSuchElementException e) {
            throw new ImageRejectedException("The original image was deleted before the task ran.");
        }
        ImageFormat format = ImageFormat.fromMimeType(task.input().contentType()).orElse(ImageFormat.PNG);
        return new SourceImage(bytes, format, task.input().width(), task.input().height());
    }

    /** Transient faults go back to the queue with backoff (never a sleep in the Lambda) until attempts run out. */
    private Outcome failed(Task task, Job job, ErrorCode code, String message, Duration hint, Instant startedAt) {
        boolean again = code.transientFault() && task.runs() + 1 < limits.maxAttempts();
        if (again) {
            Instant now = clock.now();
            boolean requeued = jobs.transition(TaskTransition.of(task.owner(), task.jobId(), task.taskId(), TaskStatus.RUNNING,
                    task.attempt(), TaskStatus.QUEUED, now).lease(now).error(code, message, true).build());
            if (requeued) queue.enqueueLater(TaskMessage.of(task), backoff(task.runs() + 1, hint));
            return Outcome.DONE;
        }
        Instant now = clock.now();
        jobs.transition(TaskTransition.of(task.owner(), task.jobId(), task.taskId(), TaskStatus.RUNNING, task.attempt(),
                TaskStatus.FAILED, now).finished(now, Duration.between(startedAt, now).toMillis())
                .error(code, message, code.transientFault()).build());
        return Outcome.DONE;
    }

    /** Exponential backoff with full jitter, never shorter than the provider's own hint, capped at SQS's 15 minutes. */
    static Duration backoff(int run, Duration hint) {
        long base = Math.min(MAX_SQS_DELAY.toSeconds(), 2L << Math.min(run, 8));
        long jittered = ThreadLocalRandom.current().nextLong(base / 2, base + 1);
        long seconds = Math.max(jittered, hint == null ? 0 : hint.toSeconds() + 1);
        return Duration.ofSeconds(Math.min(seconds, MAX_SQS_DELAY.toSeconds()));
    }

    /** Ends a running task; a SUCCEEDED end turns into CANCELED when the job was canceled meanwhile. */
    private boolean end(Task task, TaskStatus to, TaskOutput output, String provider, String model, Map<String, Object> provenance,
                        Instant startedAt) {
        Instant now = clock.now();
        TaskStatus target = to;
        if (to == TaskStatus.SUCCEEDED && jobs.findJob(task.owner(), task.jobId()).map(Job::cancelRequested).orElse(false))
            target = TaskStatus.CANCELED;
        var builder = TaskTransition.of(task.owner(), task.jobId(), task.taskId(), TaskStatus.RUNNING, task.attempt(), target, now)
                .finished(now, Duration.between(startedAt, now).toMillis()).lease(now);
        if (target == TaskStatus.SUCCEEDED) builder.output(output).producedBy(provider, model, provenance);
        boolean moved = jobs.transition(builder.build());
        return moved && target == TaskStatus.SUCCEEDED;
    }

    private static Map<String, Object> stepProvenance(Step step, ProviderResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("provider", step.provider());
        out.put("operation", step.operation());
        out.put("model", result.model());
        out.putAll(result.provenance());
        return out;
    }
}
