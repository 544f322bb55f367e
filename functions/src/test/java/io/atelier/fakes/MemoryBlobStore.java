package io.atelier.fakes;

import io.atelier.store.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/** A BlobStore in memory; presigned URLs are fake but recognisable. */
public final class MemoryBlobStore implements BlobStore {
    public final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    @Override
    public PresignedUpload presignUpload(String key, String contentType, long contentLength, Duration ttl) {
        return new PresignedUpload(URI.create("https://blobs.test/" + key + "?put"), Map.of("Content-Type", contentType));
    }

    @Override
    public URI presignDownload(String key, Duration ttl, String downloadName) {
        return URI.create("https://blobs.test/" + key + "?get");
    }

    @Override
    public InputStream open(String key) {
        return new ByteArrayInputStream(read(key));
    }

    @Override
    public byte[] read(String key) {
        byte[] bytes = objects.get(key);
        if (bytes == null) throw new NoSuchElementException(key);
        return bytes;
    }

    @Override
    public void write(String key, byte[] bytes, String contentType) {
        objects.put(key, bytes);
    }

    @Override
    public void delete(String key) {
        objects.remove(key);
    }
}
