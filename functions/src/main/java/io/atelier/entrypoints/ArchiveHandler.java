package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.atelier.config.Adapters;
import io.atelier.core.ArchiveRequests;
import io.atelier.core.Archives;
import io.atelier.core.Exports;
import io.atelier.json.Json;
import io.atelier.logging.LogContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Builds the archives too large for a request (past the sync thresholds) and runs exports, one plan per message. */
public final class ArchiveHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = Logger.getLogger(ArchiveHandler.class.getName());
    private final ArchiveRequests archives;
    private final Exports exports;

    /** Lambda: the runtime's environment, read once. */
    public ArchiveHandler() {
        this(System.getenv());
    }

    /** Configured from {@code environment} alone: the local runner gives each function its own. */
    public ArchiveHandler(Map<String, String> environment) {
        this(Adapters.from(environment));
    }

    private ArchiveHandler(Adapters adapters) {
        this(adapters.archiveRequests(), adapters.exports());
    }

    public ArchiveHandler(ArchiveRequests archives, Exports exports) {
        this.archives = archives;
        this.exports = exports;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            Runnable work;
            String jobId;
            try {
                // An export's plan names an exportId, an archive's an archiveId.
                if (Json.map(record.getBody()).containsKey("exportId")) {
                    Exports.Plan plan = Json.read(record.getBody(), Exports.Plan.class);
                    jobId = plan.jobId();
                    work = () -> exports.run(plan);
                } else {
                    Archives.Plan plan = Json.read(record.getBody(), Archives.Plan.class);
                    jobId = plan.jobId();
                    work = () -> archives.build(plan);
                }
            } catch (RuntimeException e) {
                LOG.warning("Dropping message " + record.getMessageId() + ": not an archive or export plan");
                continue;
            }
            LogContext.begin(context == null ? null : context.getAwsRequestId());
            LogContext.put(LogContext.JOB_ID, jobId);
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Message " + record.getMessageId() + " hit a fault; it will be redelivered", e);
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
