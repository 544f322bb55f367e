package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.atelier.json.Json;
import io.atelier.logging.LogContext;
import io.atelier.model.TaskMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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

    /** What to do with one record of a batch. */
    protected interface RecordHandler {
        /** @return true when the message should come back later */
        boolean handle(TaskMessage message, SQSEvent.SQSMessage record, Context context);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return handleAll(event, context, 1, this::handle);
    }

    /**
     * Runs the batch's records, up to {@code lanes} side by side, and reports the ones to redeliver. An Error (the
     * process dying, say) starts no further record and fails the invocation as a whole once the running ones end.
     */
    protected final SQSBatchResponse handleAll(SQSEvent event, Context context, int lanes, RecordHandler handler) {
        List<SQSEvent.SQSMessage> records = event.getRecords();
        List<SQSBatchResponse.BatchItemFailure> failures = Collections.synchronizedList(new ArrayList<>());
        if (lanes <= 1 || records.size() <= 1) {
            for (SQSEvent.SQSMessage record : records) handleOne(record, context, handler, failures);
            return new SQSBatchResponse(failures);
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Error> died = new AtomicReference<>();
        Runnable lane = () -> {
            for (int i; died.get() == null && (i = next.getAndIncrement()) < records.size(); ) {
                try {
                    handleOne(records.get(i), context, handler, failures);
                } catch (Error e) {
                    died.compareAndSet(null, e);
                }
            }
        };
        List<Thread> threads = new ArrayList<>();
        for (int n = 1; n < Math.min(lanes, records.size()); n++)
            threads.add(Thread.ofPlatform().name("task-lane-" + n).start(lane));
        lane.run();
        threads.forEach(TaskMessageHandler::awaitEnd);
        if (died.get() != null) throw died.get();
        return new SQSBatchResponse(failures);
    }

    private static void handleOne(
            SQSEvent.SQSMessage record,
            Context context,
            RecordHandler handler,
            List<SQSBatchResponse.BatchItemFailure> failures) {
        TaskMessage message;
        try {
            message = Json.read(record.getBody(), TaskMessage.class);
        } catch (RuntimeException e) {
            LOG.warning("Dropping message " + record.getMessageId() + ": not a task message");
            return;
        }
        LogContext.begin(context == null ? null : context.getAwsRequestId());
        LogContext.put(LogContext.JOB_ID, message.jobId());
        LogContext.put(LogContext.TASK_ID, message.taskId());
        try {
            if (handler.handle(message, record, context))
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Task " + message.taskId() + " hit a fault; its message will be redelivered", e);
            failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
        } finally {
            LogContext.clear();
        }
    }

    /** Waits for a lane to end; an interrupt does not cut a record's work short. */
    private static void awaitEnd(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
