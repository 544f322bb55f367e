package io.atelier.local.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;

/** Records the bodies that reached the dead-letter queue. */
public class DeadLetterHandler {

    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        event.getRecords().forEach(m -> Recorder.record("dlq", m.getBody()));
        return new SQSBatchResponse(List.of());
    }
}
