package io.atelier.local.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;

/** Package-private base: its public subclass exposes handleRequest only through a compiler bridge. */
abstract class BatchHandlerBase implements RequestHandler<SQSEvent, SQSBatchResponse> {

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure(
                label() + ":" + event.getRecords().size())));
    }

    protected abstract String label();
}
