package io.atelier.store;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Object storage for originals and results; the API hands out presigned URLs instead of moving bytes itself. */
public interface BlobStore {
    /** A presigned PUT; the client must send exactly {@code headers()}. */
    PresignedUpload presignUpload(String key, String contentType, long contentLength, Duration ttl);

    URI presignDownload(String key, Duration ttl, String downloadName);

    InputStream open(String key);

    byte[] read(String key);

    void write(String key, byte[] bytes, String contentType);

    void delete(String key);

    record PresignedUpload(URI url, Map<String, String> headers) {}
}
