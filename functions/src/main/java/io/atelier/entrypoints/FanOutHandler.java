package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.atelier.config.Adapters;
import io.atelier.core.FanOut;
import io.atelier.json.Json;
import io.atelier.logging.LogContext;
import io.atelier.model.FanOutMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Consumes the fan-out queue: creates and queues a large job's tasks from its stored list. A run that fails is
 * reported as a partial batch failure, so the message comes back and the next run resumes from the checkpoint.
 */
public final class FanOutHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = Logger.getLogger(FanOutHandler.class.getName());
    private final FanOut fanOut;

    /** Lambda: the runtime's environment, read once. */
    public FanOutHandler() {
        this(System.getenv());
    }

    /** Configured from {@code environment} alone: the local runner gives each function its own. */
    public FanOutHandler(Map<String, String> environment) {
        this(Adapters.from(environment));
    }

    private FanOutHandler(Adapters adapters) {
        this(new FanOut(adapters.jobStore(), adapters.taskQueue(), Clock.systemUTC()));
    }

    public FanOutHandler(FanOut fanOut) {
        this.fanOut = fanOut;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            FanOutMessage message;
            try {
                message = Json.read(record.getBody(), FanOutMessage.class);
            } catch (RuntimeException e) {
                LOG.warning("Dropping message " + record.getMessageId()
                        + ": not a fan-out message"); // it can never succeed
                continue;
            }
            LogContext.begin(context == null ? null : context.getAwsRequestId());
            LogContext.put(LogContext.JOB_ID, message.jobId());
            try {
                FanOut.Result result = fanOut.run(message);
                LOG.info("Fan-out of job " + message.jobId() + ": " + result.created() + " tasks created, "
                        + result.queued() + " queued" + (result.finished() ? "" : "; another run of it is ahead"));
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "Fan-out of job " + message.jobId() + " failed; its message comes back and resumes it",
                        e);
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        LogContext.clear();
        return new SQSBatchResponse(failures);
    }
}
