package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.atelier.config.Adapters;
import io.atelier.core.Clock;
import io.atelier.core.DeadLetters;
import io.atelier.json.Json;
import io.atelier.model.TaskMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Consumes the tasks DLQ: each message's task ends FAILED with {@code exhausted}. */
public final class DeadLetterHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = Logger.getLogger(DeadLetterHandler.class.getName());
    private final DeadLetters deadLetters;

    public DeadLetterHandler() {
        this(new DeadLetters(Adapters.jobStore(), Clock.SYSTEM));
    }

    public DeadLetterHandler(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            TaskMessage message;
            try {
                message = Json.read(record.getBody(), TaskMessage.class);
            } catch (RuntimeException e) {
                LOG.warning("Dropping dead letter " + record.getMessageId() + ": not a task message");
                continue;
            }
            try {
                String count = record.getAttributes() == null ? null : record.getAttributes().get("ApproximateReceiveCount");
                deadLetters.exhausted(message, count == null ? 0 : Integer.parseInt(count));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not settle dead letter for task " + message.taskId(), e);
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
