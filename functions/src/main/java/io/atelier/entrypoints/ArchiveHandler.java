package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.atelier.config.Adapters;
import io.atelier.core.ArchiveRequests;
import io.atelier.core.Archives;
import io.atelier.json.Json;
import io.atelier.logging.LogContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Builds the archives too large for a request (past the sync thresholds), one planned archive per message. */
public final class ArchiveHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = Logger.getLogger(ArchiveHandler.class.getName());
    private final ArchiveRequests archives;

    /** Lambda: the runtime's environment, read once. */
    public ArchiveHandler() {
        this(System.getenv());
    }

    /** Configured from {@code environment} alone: the local runner gives each function its own. */
    public ArchiveHandler(Map<String, String> environment) {
        this(Adapters.from(environment).archiveRequests());
    }

    public ArchiveHandler(ArchiveRequests archives) {
        this.archives = archives;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            Archives.Plan plan;
            try {
                plan = Json.read(record.getBody(), Archives.Plan.class);
            } catch (RuntimeException e) {
                LOG.warning("Dropping message " + record.getMessageId() + ": not an archive plan");
                continue;
            }
            LogContext.begin(context == null ? null : context.getAwsRequestId());
            LogContext.put(LogContext.JOB_ID, plan.jobId());
            try {
                archives.build(plan);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Archive " + plan.archiveId() + " hit a fault; its message will be redelivered", e);
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
