package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.atelier.config.Adapters;
import io.atelier.config.Configuration;
import io.atelier.core.InvocationSlots;
import io.atelier.core.TaskRunner;
import io.atelier.model.TaskMessage;
import io.atelier.store.TaskQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Runs task messages from the tasks queue, one provider call each. A batch's tasks run in up to {@link #LANES} lanes:
 * a remote provider's calls side by side on as many slots as its cap grants, the in-process engine's one at a time
 * while the next task is claimed and the last one's result stored; slots pass from one call to the next
 * ({@link InvocationSlots}).
 */
public final class WorkerHandler extends TaskMessageHandler {
    /** The template's batch size: a small job whose messages arrive in one batch still runs all at once. */
    static final int LANES = 10;

    private static final Logger LOG = Logger.getLogger(WorkerHandler.class.getName());
    private final Duration leaseMargin;
    private static final Duration LEASE_WITHOUT_CONTEXT = Duration.ofMinutes(2);
    private final TaskRunner runner;
    private final TaskQueue queue;
    private final Duration visibility;
    /** One daemon thread per container sends the heartbeats of the message being worked on. */
    private static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor(work -> {
        Thread thread = new Thread(work, "visibility-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    /** Lambda: the runtime's environment, read once. */
    public WorkerHandler() {
        this(System.getenv());
    }

    /** Configured from {@code environment} alone: the local runner gives each function its own. */
    public WorkerHandler(Map<String, String> environment) {
        this(Adapters.from(environment));
    }

    private WorkerHandler(Adapters adapters) {
        this(adapters, adapters.taskQueue());
    }

    private WorkerHandler(Adapters adapters, TaskQueue queue) {
        this(
                new TaskRunner(
                        adapters.jobStore(),
                        adapters.blobStore(),
                        queue,
                        adapters.providers(),
                        adapters.configuration().limits(),
                        Clock.systemUTC(),
                        adapters.providerSlots(),
                        adapters.configuration().delays(),
                        adapters.costs(),
                        adapters.metrics()),
                queue,
                adapters.configuration().visibilityTimeout(),
                adapters.configuration().leaseMargin());
    }

    public WorkerHandler(TaskRunner runner) {
        this(runner, null, null);
    }

    /**
     * @param visibility the queue's visibility timeout: while a task runs, every half of it the message's visibility is
     *                   set to it again (never shortened), so a long provider call does not see its message come back
     */
    public WorkerHandler(TaskRunner runner, TaskQueue queue, Duration visibility) {
        this(runner, queue, visibility, Configuration.DEFAULT_LEASE_MARGIN);
    }

    public WorkerHandler(TaskRunner runner, TaskQueue queue, Duration visibility, Duration leaseMargin) {
        this.leaseMargin = leaseMargin;
        this.runner = runner;
        this.queue = queue;
        this.visibility = visibility;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        // Every message of the batch is kept invisible from the start: the last ones wait for the first ones' calls.
        Map<String, ScheduledFuture<?>> heartbeats = new ConcurrentHashMap<>();
        for (SQSEvent.SQSMessage record : event.getRecords())
            heartbeat(record).ifPresent(beat -> heartbeats.put(record.getMessageId(), beat));
        AtomicLong longest = new AtomicLong();
        try (InvocationSlots slots = runner.invocationSlots()) {
            return handleAll(event, context, LANES, (message, record, ctx) -> {
                try {
                    return run(message, ctx, slots, longest);
                } finally {
                    ScheduledFuture<?> beat = heartbeats.remove(record.getMessageId());
                    if (beat != null) beat.cancel(false);
                }
            });
        } finally {
            heartbeats.values().forEach(beat -> beat.cancel(false));
        }
    }

    /** One message alone (the batch path above is the one Lambda calls). */
    @Override
    protected boolean handle(TaskMessage message, SQSEvent.SQSMessage record, Context context) {
        ScheduledFuture<?> beat = heartbeat(record).orElse(null);
        try (InvocationSlots slots = runner.invocationSlots()) {
            return run(message, context, slots, new AtomicLong());
        } finally {
            if (beat != null) beat.cancel(false);
        }
    }

    /**
     * Runs one task of the batch. A task that would likely not finish in the invocation's remaining time (less than
     * three times the longest task so far: the calls before it, and its own) is handed back as a new message at once,
     * rather than cut off mid-call by the timeout after its provider was paid.
     */
    private boolean run(TaskMessage message, Context context, InvocationSlots slots, AtomicLong longest) {
        if (context != null && longest.get() > 0 && context.getRemainingTimeInMillis() < 3 * longest.get()) {
            if (queue == null) return true;
            queue.enqueueLater(message, Duration.ZERO);
            return false;
        }
        long started = System.nanoTime();
        Duration lease = context == null
                ? LEASE_WITHOUT_CONTEXT
                : Duration.ofMillis(context.getRemainingTimeInMillis()).plus(leaseMargin);
        try {
            return runner.run(message, lease, slots) == TaskRunner.Outcome.RETRY_LATER;
        } finally {
            longest.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
        }
    }

    /** Sets the message's visibility to the queue's timeout again every half of it (never shortened) while it runs. */
    private Optional<ScheduledFuture<?>> heartbeat(SQSEvent.SQSMessage record) {
        if (queue == null || visibility == null || record.getReceiptHandle() == null) return Optional.empty();
        long every = Math.max(1, visibility.toMillis() / 2);
        return Optional.of(HEARTBEATS.scheduleAtFixedRate(
                () -> {
                    try {
                        queue.extendVisibility(record.getReceiptHandle(), visibility);
                    } catch (RuntimeException e) {
                        LOG.warning("Visibility heartbeat of message " + record.getMessageId() + " failed: "
                                + e.getMessage());
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS));
    }
}
