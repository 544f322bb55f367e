package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.atelier.config.Adapters;
import io.atelier.config.Configuration;
import io.atelier.core.TaskRunner;
import io.atelier.model.TaskMessage;
import io.atelier.store.TaskQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** Runs task messages from the tasks queue, one provider call each. */
public final class WorkerHandler extends TaskMessageHandler {
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
    protected boolean handle(TaskMessage message, SQSEvent.SQSMessage record, Context context) {
        Duration lease = context == null
                ? LEASE_WITHOUT_CONTEXT
                : Duration.ofMillis(context.getRemainingTimeInMillis()).plus(leaseMargin);
        ScheduledFuture<?> heartbeat = null;
        if (queue != null && visibility != null && record.getReceiptHandle() != null) {
            long every = Math.max(1, visibility.toMillis() / 2);
            heartbeat = HEARTBEATS.scheduleAtFixedRate(
                    () -> {
                        try {
                            queue.extendVisibility(record.getReceiptHandle(), visibility);
                        } catch (RuntimeException e) {
                            LOG.warning(
                                    "Visibility heartbeat of task " + message.taskId() + " failed: " + e.getMessage());
                        }
                    },
                    every,
                    every,
                    TimeUnit.MILLISECONDS);
        }
        try {
            return runner.run(message, lease) == TaskRunner.Outcome.RETRY_LATER;
        } finally {
            if (heartbeat != null) heartbeat.cancel(false);
        }
    }
}
