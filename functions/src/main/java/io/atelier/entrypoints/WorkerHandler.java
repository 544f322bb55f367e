package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.atelier.config.Adapters;
import io.atelier.config.Env;
import io.atelier.core.Clock;
import io.atelier.core.Delays;
import io.atelier.core.Limits;
import io.atelier.core.TaskRunner;
import io.atelier.model.TaskMessage;
import java.time.Duration;

/** Runs task messages from the tasks queue, one provider call each. */
public final class WorkerHandler extends TaskMessageHandler {
    /** The lease outlives this invocation by a margin so a slow write is not mistaken for a dead holder. */
    private final Duration leaseMargin = Duration.ofSeconds(Env.getInt("LEASE_MARGIN_SECONDS", 30));
    private static final Duration LEASE_WITHOUT_CONTEXT = Duration.ofMinutes(2);
    private final TaskRunner runner;

    public WorkerHandler() {
        this(new TaskRunner(Adapters.jobStore(), Adapters.blobStore(), Adapters.taskQueue(), Adapters.providers(),
                Limits.fromEnv(), Clock.SYSTEM, Adapters.providerSlots(), Delays.fromEnv()));
    }

    public WorkerHandler(TaskRunner runner) {
        this.runner = runner;
    }

    @Override
    protected boolean handle(TaskMessage message, SQSEvent.SQSMessage record, Context context) {
        Duration lease = context == null ? LEASE_WITHOUT_CONTEXT
                : Duration.ofMillis(context.getRemainingTimeInMillis()).plus(leaseMargin);
        return runner.run(message, lease) == TaskRunner.Outcome.RETRY_LATER;
    }
}
