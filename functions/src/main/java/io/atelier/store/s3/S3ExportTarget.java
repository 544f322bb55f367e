package io.atelier.store.s3;

import io.atelier.store.ExportTarget;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Exports on S3: CopyObject from the media bucket (no bytes through the function) and a PutObject for the manifest. */
public final class S3ExportTarget implements ExportTarget {
    private final Supplier<S3Client> s3;
    private final String mediaBucket;

    public S3ExportTarget(S3Client s3, String mediaBucket) {
        this(() -> s3, mediaBucket);
    }

    /** The client made on first use. */
    public S3ExportTarget(Supplier<S3Client> s3, String mediaBucket) {
        this.s3 = s3;
        this.mediaBucket = mediaBucket;
    }

    @Override
    public void copyOut(String sourceKey, String bucket, String key) {
        s3.get()
                .copyObject(b -> b.sourceBucket(mediaBucket)
                        .sourceKey(sourceKey)
                        .destinationBucket(bucket)
                        .destinationKey(key));
    }

    @Override
    public void put(String bucket, String key, byte[] bytes, String contentType) {
        s3.get().putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }
}
