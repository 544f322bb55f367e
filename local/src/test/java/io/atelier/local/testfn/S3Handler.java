package io.atelier.local.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.S3Event;

/** Records every S3 notification record it is given. */
public class S3Handler {

    public Void handleRequest(S3Event event, Context context) {
        event.getRecords().forEach(r -> Recorder.record("s3", r));
        return null;
    }
}
