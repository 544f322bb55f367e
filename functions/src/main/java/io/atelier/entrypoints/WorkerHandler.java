package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.atelier.config.Adapters;
import io.atelier.core.Clock;
import io.atelier.core.Limits;
import io.atelier.core.TaskRunner;
import io.atelier.json.Json;
import io.atelier.model.TaskMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Runs task messages; a message that hits a fault is reported alone, so it never fails its siblings. */
public final class WorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = Logger.getLogger(WorkerHandler.class.getName());
    /** The lease outlives this invocation by a margin so a slow write is not mistaken for a dead holder. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);
    private final TaskRunner runner;

    public WorkerHandler() {
        this(new TaskRunner(Adapters.jobStore(), Adapters.blobStore(), Adapters.taskQueue(), Adapters.providers(),
                Limits.fromEnv(), Clock.SYSTEM));
    }

    public WorkerHandler(TaskRunner runner) {
        this.runner = runner;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            TaskMessage message;
            try {
                message = Json.read(record.getBody(), TaskMessage.class);
            } catch (RuntimeException e) {
                LOG.warning("Dropping message " + record.getMessageId() + ": not a task message");
                continue; // can never succeed: redelivering it would only feed the DLQ
            }
            try {
                Duration lease = Duration.ofMillis(context == null ? 120_000 : context.getRemainingTimeInMillis()).plus(LEASE_MARGIN);
                if (runner.run(message, lease) == TaskRunner.Outcome.RETRY_LATER)
                    failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Task " + message.taskId() + " hit a fault; it will be redelivered", e);
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
