package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.atelier.config.Adapters;
import io.atelier.core.StoredManifests;
import io.atelier.core.UploadCheck;
import io.atelier.logging.LogContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/** S3 ObjectCreated on {@code uploads/}: checks the new bytes and marks the image READY or REJECTED. */
public final class UploadEventsHandler implements RequestHandler<S3Event, Void> {
    private final UploadCheck check;
    private final StoredManifests manifests;

    /** Lambda: the runtime's environment, read once. */
    public UploadEventsHandler() {
        this(System.getenv());
    }

    /** Configured from {@code environment} alone: the local runner gives each function its own. */
    public UploadEventsHandler(Map<String, String> environment) {
        this(Adapters.from(environment));
    }

    private UploadEventsHandler(Adapters adapters) {
        this(
                new UploadCheck(adapters.imageStore(), adapters.blobStore(), Clock.systemUTC(), adapters.metrics()),
                adapters.storedManifests());
    }

    public UploadEventsHandler(UploadCheck check) {
        this(check, null);
    }

    /** @param manifests checks uploaded manifests ({@code uploads/<owner>/man_…}); null: only images are uploaded */
    public UploadEventsHandler(UploadCheck check, StoredManifests manifests) {
        this.check = check;
        this.manifests = manifests;
    }

    /** A fault propagates: S3 invokes asynchronously, so Lambda retries the event. */
    @Override
    public Void handleRequest(S3Event event, Context context) {
        for (var record : event.getRecords()) {
            var object = record.getS3().getObject();
            // Keys arrive URL-encoded, spaces as '+'.
            String key = URLDecoder.decode(object.getKey(), StandardCharsets.UTF_8);
            LogContext.begin(context == null ? null : context.getAwsRequestId());
            LogContext.put(LogContext.IMAGE_ID, key.substring(key.lastIndexOf('/') + 1)); // uploads/<owner>/<imageId>
            long size = object.getSizeAsLong() == null ? 0 : object.getSizeAsLong();
            if (manifests != null && StoredManifests.isManifestKey(key)) manifests.objectCreated(key, size);
            else check.objectCreated(key, size);
        }
        return null;
    }
}
