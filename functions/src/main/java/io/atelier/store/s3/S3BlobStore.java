package io.atelier.store.s3;

import io.atelier.store.BlobStore;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Originals and results in one private bucket; browsers reach them only through presigned URLs. */
public final class S3BlobStore implements BlobStore {
    private final Supplier<S3Client> s3;
    private final Supplier<S3Presigner> presigner;
    private final String bucket;
    private final int partSize;
    private final ReusedUrls downloads;

    public S3BlobStore(S3Client s3, S3Presigner presigner, String bucket) {
        this(s3, presigner, bucket, DEFAULT_PART_SIZE);
    }

    /** @param partSize bytes per part of a streaming upload, at least 5 MiB (S3's minimum) */
    public S3BlobStore(S3Client s3, S3Presigner presigner, String bucket, int partSize) {
        this(() -> s3, () -> presigner, bucket, partSize);
    }

    /** Clients made on first use: a function whose request only presigns (or only reads records) never builds the other. */
    public S3BlobStore(Supplier<S3Client> s3, Supplier<S3Presigner> presigner, String bucket, int partSize) {
        this(s3, presigner, bucket, partSize, Clock.systemUTC());
    }

    S3BlobStore(Supplier<S3Client> s3, Supplier<S3Presigner> presigner, String bucket, int partSize, Clock clock) {
        this.downloads = new ReusedUrls(clock);
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.partSize = partSize;
    }

    /** 8 MiB parts: two buffers in memory, up to 80 GB per object within S3's 10,000 parts. */
    public static final int DEFAULT_PART_SIZE = 8 << 20;

    /**
     * Content-Type and Content-Length are signed: the upload must be the type and size the caller declared. So is
     * {@code If-None-Match: *} (an S3 conditional write): the URL creates the object once and cannot replace checked bytes.
     */
    @Override
    public PresignedUpload presignUpload(String key, String contentType, long contentLength, Duration ttl) {
        var presigned = presigner
                .get()
                .presignPutObject(b -> b.signatureDuration(ttl)
                        .putObjectRequest(put -> put.bucket(bucket)
                                .key(key)
                                .contentType(contentType)
                                .contentLength(contentLength)
                                .ifNoneMatch("*")));
        return new PresignedUpload(
                URI.create(presigned.url().toString()), Map.of("Content-Type", contentType, "If-None-Match", "*"));
    }

    /** Valid at least {@code ttl}; the same URL again for a few minutes ({@link ReusedUrls}). */
    @Override
    public URI presignDownload(String key, Duration ttl, String downloadName) {
        return downloads.get(key + "\n" + downloadName, ttl, duration -> {
            var presigned = presigner
                    .get()
                    .presignGetObject(b -> b.signatureDuration(duration).getObjectRequest(get -> {
                        get.bucket(bucket).key(key);
                        if (downloadName != null)
                            get.responseContentDisposition("inline; filename*=UTF-8''"
                                    + URLEncoder.encode(downloadName, StandardCharsets.UTF_8)
                                            .replace("+", "%20"));
                    }));
            return URI.create(presigned.url().toString());
        });
    }

    @Override
    public InputStream open(String key) {
        try {
            return s3.get().getObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new NoSuchElementException("No object " + key);
        }
    }

    @Override
    public byte[] read(String key) {
        try {
            return s3.get().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new NoSuchElementException("No object " + key);
        }
    }

    @Override
    public void write(String key, byte[] bytes, String contentType) {
        s3.get().putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    @Override
    public void delete(String key) {
        s3.get().deleteObject(b -> b.bucket(bucket).key(key));
    }

    @Override
    public StreamingUpload startUpload(String key, String contentType) {
        return new S3StreamingUpload(s3.get(), bucket, key, contentType, partSize);
    }
}
