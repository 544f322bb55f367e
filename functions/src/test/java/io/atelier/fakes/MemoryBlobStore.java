package io.atelier.fakes;

import io.atelier.store.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A BlobStore in memory; presigned URLs are fake but recognisable. */
public final class MemoryBlobStore implements BlobStore {
    public final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    /** Part sizes of each completed streaming upload, by key. */
    public final Map<String, List<Integer>> uploadedParts = new ConcurrentHashMap<>();
    /** Streaming uploads closed without completing. */
    public final List<String> abandoned = new CopyOnWriteArrayList<>();
    /** Calls of {@link #read}: code that must stream should never load a whole object. */
    public final AtomicInteger wholeReads = new AtomicInteger();
    /** Keys whose reads or writes fail as an unavailable storage's would (write tries are counted). */
    public volatile Predicate<String> failReads = key -> false;

    public volatile Predicate<String> failWrites = key -> false;
    public final AtomicInteger failedWrites = new AtomicInteger();
    /** Bytes per part of a streaming upload; S3 wants at least 5 MiB for all but the last. */
    public int partSize = 5 << 20;

    @Override
    public PresignedUpload presignUpload(String key, String contentType, long contentLength, Duration ttl) {
        return new PresignedUpload(
                URI.create("https://blobs.test/" + key + "?put"), Map.of("Content-Type", contentType));
    }

    @Override
    public URI presignDownload(String key, Duration ttl, String downloadName) {
        return URI.create("https://blobs.test/" + key + "?get");
    }

    @Override
    public InputStream open(String key) {
        return new ByteArrayInputStream(bytes(key));
    }

    @Override
    public byte[] read(String key) {
        wholeReads.incrementAndGet();
        if (failReads.test(key)) throw new UncheckedIOException(new IOException("storage unavailable: " + key));
        return bytes(key);
    }

    private byte[] bytes(String key) {
        byte[] bytes = objects.get(key);
        if (bytes == null) throw new NoSuchElementException(key);
        return bytes;
    }

    @Override
    public void write(String key, byte[] bytes, String contentType) {
        if (failWrites.test(key)) {
            failedWrites.incrementAndGet();
            throw new UncheckedIOException(new IOException("storage unavailable: " + key));
        }
        objects.put(key, bytes);
    }

    @Override
    public void delete(String key) {
        objects.remove(key);
    }

    /** Like S3's multipart upload: parts of {@link #partSize}, held one at a time, joined only on completion. */
    @Override
    public StreamingUpload startUpload(String key, String contentType) {
        int size = partSize;
        List<byte[]> parts = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        OutputStream stream = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                while (length > 0) {
                    int n = Math.min(length, size - current.size());
                    current.write(bytes, offset, n);
                    offset += n;
                    length -= n;
                    if (current.size() == size) {
                        parts.add(current.toByteArray());
                        current.reset();
                    }
                }
            }
        };
        return new StreamingUpload() {
            private boolean done;

            @Override
            public OutputStream stream() {
                return stream;
            }

            @Override
            public long complete() {
                if (current.size() > 0 || parts.isEmpty()) parts.add(current.toByteArray());
                ByteArrayOutputStream whole = new ByteArrayOutputStream();
                parts.forEach(whole::writeBytes);
                objects.put(key, whole.toByteArray());
                uploadedParts.put(key, parts.stream().map(part -> part.length).toList());
                done = true;
                return whole.size();
            }

            @Override
            public int parts() {
                return parts.size();
            }

            @Override
            public void close() {
                if (!done) abandoned.add(key);
            }
        };
    }
}
