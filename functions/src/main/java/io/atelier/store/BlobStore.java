package io.atelier.store;

import java.io.InputStream;
import java.io.OutputStream;
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

    /**
     * Writes an object of unknown length as a stream, in parts (S3 multipart upload): at most about two parts are held
     * in memory however large the object grows. Nothing appears under {@code key} until {@link StreamingUpload#complete()};
     * closing an upload that was not completed abandons it.
     */
    StreamingUpload startUpload(String key, String contentType);

    /** An object being written; use in try-with-resources and call {@link #complete()} once everything is written. */
    interface StreamingUpload extends AutoCloseable {
        /** Where the bytes go; closing it does not complete the upload. */
        OutputStream stream();

        /** Sends what is left and makes the object visible; answers its size in bytes. */
        long complete();

        /** Parts sent so far (the last one counted once {@link #complete()} returned). */
        int parts();

        /** Abandons the upload unless it was completed. */
        @Override
        void close();
    }

    record PresignedUpload(URI url, Map<String, String> headers) {}
}
