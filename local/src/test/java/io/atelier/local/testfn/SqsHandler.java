package io.atelier.local.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Fails messages by their body: "fail-once:..." on its first delivery, "always-fail:..." every time; "throw:..."
 * makes the whole invocation throw. Records "body#receiveCount" per delivery.
 */
public class SqsHandler {

    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            String count = m.getAttributes().get("ApproximateReceiveCount");
            Recorder.record("sqs", m.getBody() + "#" + count);
            Recorder.record("sqs-record", m);
            if (m.getBody().startsWith("throw:")) {
                throw new IllegalStateException("asked to throw");
            }
            boolean fail = m.getBody().startsWith("always-fail:")
                    || (m.getBody().startsWith("fail-once:") && "1".equals(count));
            if (fail) {
                failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
