package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.atelier.config.Adapters;
import io.atelier.json.Json;
import io.atelier.logging.LogContext;
import io.atelier.store.WebhookMessage;
import io.atelier.webhooks.WebhookDispatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Consumes the webhook queue. A receiver's failure is not this function's: the dispatcher schedules the retry itself.
 * Only a fault of ours (the table unreachable) returns the message to the queue, as a partial batch failure.
 */
public final class WebhookDeliveryHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = Logger.getLogger(WebhookDeliveryHandler.class.getName());
    private final WebhookDispatcher dispatcher;

    /** Lambda: the runtime's environment, read once. */
    public WebhookDeliveryHandler() {
        this(System.getenv());
    }

    /** Configured from {@code environment} alone: the local runner gives each function its own. */
    public WebhookDeliveryHandler(Map<String, String> environment) {
        this(Adapters.from(environment).webhookDispatcher());
    }

    public WebhookDeliveryHandler(WebhookDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            WebhookMessage message;
            try {
                message = Json.read(record.getBody(), WebhookMessage.class);
            } catch (RuntimeException e) {
                LOG.warning("Dropping message " + record.getMessageId() + ": not a webhook message");
                continue;
            }
            LogContext.begin(context == null ? null : context.getAwsRequestId());
            LogContext.put(LogContext.JOB_ID, message.jobId());
            LogContext.put(LogContext.TASK_ID, message.taskId());
            try {
                dispatcher.handle(message);
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "Webhook message " + record.getMessageId() + " hit a fault; it will be redelivered",
                        e);
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
