package io.atelier.store.s3;

import io.atelier.store.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * An S3 multipart upload behind an OutputStream. Bytes fill a part buffer; a full buffer is sent as one part on a
 * background thread while the next one fills, so reading the sources and sending the parts overlap. Memory: two part
 * buffers, whatever the object's size. An object that fits in one part is sent with a single PutObject instead.
 */
final class S3StreamingUpload implements BlobStore.StreamingUpload {
    private static final Logger LOG = Logger.getLogger(S3StreamingUpload.class.getName());
    /** S3's lower bound for every part but the last. */
    static final int MIN_PART_SIZE = 5 << 20;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String contentType;
    private final int partSize;
    private final List<CompletedPart> completed = new ArrayList<>();
    private final Stream stream = new Stream();
    private ExecutorService sender;
    private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
    private byte[] buffer;
    private byte[] spare;
    private int filled;
    private long size;
    private String uploadId;
    private boolean done;
    private boolean closed;

    S3StreamingUpload(S3Client s3, String bucket, String key, String contentType, int partSize) {
        if (partSize < MIN_PART_SIZE) throw new IllegalArgumentException("S3 parts are at least 5 MiB");
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.contentType = contentType;
        this.partSize = partSize;
        this.buffer = new byte[partSize];
    }

    @Override
    public OutputStream stream() {
        return stream;
    }

    @Override
    public synchronized long complete() {
        if (closed) throw new IllegalStateException("upload already closed");
        if (uploadId == null) {
            s3.putObject(
                    b -> b.bucket(bucket).key(key).contentType(contentType),
                    RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, filled), filled));
        } else {
            if (filled > 0) sendPart(); // the last part may be smaller than 5 MiB (but not empty)
            awaitInFlight();
            List<CompletedPart> parts = List.copyOf(completed);
            s3.completeMultipartUpload(
                    b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        }
        done = true;
        close();
        return size;
    }

    @Override
    public synchronized int parts() {
        return uploadId == null ? (done ? 1 : 0) : completed.size();
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (sender != null) sender.shutdown();
        buffer = spare = null;
        if (!done && uploadId != null) {
            try {
                inFlight.exceptionally(e -> null).join();
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException e) {
                // The bucket's lifecycle rule aborts incomplete uploads after a day.
                LOG.log(Level.WARNING, "Could not abort the upload of " + key + ": " + e);
            }
        }
    }

    private void write(byte[] bytes, int offset, int length) throws IOException {
        if (closed) throw new IOException("upload closed");
        while (length > 0) {
            int n = Math.min(length, partSize - filled);
            System.arraycopy(bytes, offset, buffer, filled, n);
            filled += n;
            size += n;
            offset += n;
            length -= n;
            if (filled == partSize) {
                try {
                    sendPart();
                } catch (RuntimeException e) {
                    throw new IOException("Could not send a part of " + key + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Sends the filled buffer as the next part (after the previous one has gone) and carries on in the other buffer. */
    private void sendPart() {
        if (uploadId == null) {
            uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType))
                    .uploadId();
            sender = Executors.newSingleThreadExecutor(
                    Thread.ofPlatform().daemon().name("s3-part-sender").factory());
        }
        awaitInFlight();
        int number = completed.size() + 1;
        byte[] part = buffer;
        int length = filled;
        completed.add(null); // reserve the slot: part numbers are dense and in order
        inFlight = CompletableFuture.runAsync(
                () -> {
                    String etag = s3.uploadPart(
                                    b -> b.bucket(bucket)
                                            .key(key)
                                            .uploadId(uploadId)
                                            .partNumber(number)
                                            .contentLength((long) length),
                                    RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, length), length))
                            .eTag();
                    synchronized (completed) {
                        completed.set(
                                number - 1,
                                CompletedPart.builder()
                                        .partNumber(number)
                                        .eTag(etag)
                                        .build());
                    }
                },
                sender);
        buffer = spare != null ? spare : new byte[partSize];
        spare = part;
        filled = 0;
    }

    private void awaitInFlight() {
        try {
            inFlight.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private final class Stream extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            S3StreamingUpload.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            S3StreamingUpload.this.write(bytes, offset, length);
        }
    }
}
