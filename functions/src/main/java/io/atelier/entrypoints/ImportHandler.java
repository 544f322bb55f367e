package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.atelier.config.Adapters;
import io.atelier.core.ImportRun;
import io.atelier.core.Imports;
import io.atelier.json.Json;
import io.atelier.logging.LogContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Consumes the import queue: runs an import from its checkpoint, a page at a time. A run that fails is reported as a
 * partial batch failure, so the message comes back and the next run resumes from the last page recorded; one that
 * runs short of time sends its message again and ends.
 */
public final class ImportHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = Logger.getLogger(ImportHandler.class.getName());
    /** A page (100 copies and checks of up to 50 MB each) must fit in what is left; else the run is handed on. */
    static final long MARGIN_MILLIS = 180_000;
    /** ImportQueue's maxReceiveCount: the delivery after which SQS moves the message to the dead-letter queue. */
    static final int LAST_RECEIVE = 5;

    private final ImportRun imports;

    /** Lambda: the runtime's environment, read once. */
    public ImportHandler() {
        this(System.getenv());
    }

    /** Configured from {@code environment} alone: the local runner gives each function its own. */
    public ImportHandler(Map<String, String> environment) {
        this(Adapters.from(environment).importRun());
    }

    public ImportHandler(ImportRun imports) {
        this.imports = imports;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            Imports.Message message;
            try {
                message = Json.read(record.getBody(), Imports.Message.class);
            } catch (RuntimeException e) {
                LOG.warning("Dropping message " + record.getMessageId() + ": not an import"); // it can never succeed
                continue;
            }
            LogContext.begin(context == null ? null : context.getAwsRequestId());
            try {
                imports.run(message, () -> context == null || context.getRemainingTimeInMillis() > MARGIN_MILLIS);
            } catch (RuntimeException e) {
                String receives = record.getAttributes() == null
                        ? null
                        : record.getAttributes().get("ApproximateReceiveCount");
                if (receives != null && receives.matches("\\d{1,9}") && Integer.parseInt(receives) >= LAST_RECEIVE) {
                    LOG.log(Level.SEVERE, "Import " + message.importId() + " failed on its last delivery", e);
                    imports.abandon(
                            message,
                            "The import stopped after " + receives + " faults ("
                                    + e.getClass().getSimpleName()
                                    + "); what was imported so far stays, the rest was not imported.");
                    continue;
                }
                LOG.log(Level.WARNING, "Import " + message.importId() + " hit a fault; it will be redelivered", e);
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
