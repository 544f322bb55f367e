package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.atelier.json.Json;
import io.atelier.logging.LogContext;
import io.atelier.model.TaskMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Base of the queue consumers: reads each record as a task message and reports the ones to redeliver as partial
 * batch failures, so one bad message never fails its siblings. A body that is no task message can never succeed,
 * so it is dropped (logged) rather than fed to the DLQ.
 */
public abstract class TaskMessageHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = Logger.getLogger(TaskMessageHandler.class.getName());

    /** @return true when the message should come back later */
    protected abstract boolean handle(TaskMessage message, SQSEvent.SQSMessage record, Context context);

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            TaskMessage message;
            try {
                message = Json.read(record.getBody(), TaskMessage.class);
            } catch (RuntimeException e) {
                LOG.warning("Dropping message " + record.getMessageId() + ": not a task message");
                continue;
            }
            LogContext.begin(context == null ? null : context.getAwsRequestId());
            LogContext.put(LogContext.JOB_ID, message.jobId());
            LogContext.put(LogContext.TASK_ID, message.taskId());
            try {
                if (handle(message, record, context))
                    failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Task " + message.taskId() + " hit a fault; its message will be redelivered", e);
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        LogContext.clear();
        return new SQSBatchResponse(failures);
    }
}
