package io.atelier.store.s3;

import io.atelier.store.SourceObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The team's bucket on S3: ListObjectsV2 pages and server-side copies into the media bucket (no bytes through here). */
public final class S3SourceObjects implements SourceObjects {
    private final Supplier<S3Client> s3;
    private final String mediaBucket;

    public S3SourceObjects(S3Client s3, String mediaBucket) {
        this(() -> s3, mediaBucket);
    }

    /** The client made on first use. */
    public S3SourceObjects(Supplier<S3Client> s3, String mediaBucket) {
        this.s3 = s3;
        this.mediaBucket = mediaBucket;
    }

    @Override
    public List<SourceObject> list(String bucket, String prefix, int max) {
        List<SourceObject> objects = new ArrayList<>();
        String token = null;
        do {
            String continuation = token;
            var page = s3.get()
                    .listObjectsV2(b -> b.bucket(bucket)
                            .prefix(prefix)
                            .continuationToken(continuation)
                            .maxKeys(1000));
            for (S3Object object : page.contents()) {
                if (object.key().endsWith("/")) continue; // a folder marker, not an object
                objects.add(new SourceObject(object.key(), object.size()));
                if (objects.size() > max) return objects;
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return objects;
    }

    @Override
    public void copyIn(String bucket, String key, String destinationKey, String contentType) {
        s3.get()
                .copyObject(b -> b.sourceBucket(bucket)
                        .sourceKey(key)
                        .destinationBucket(mediaBucket)
                        .destinationKey(destinationKey)
                        .metadataDirective(MetadataDirective.REPLACE)
                        .contentType(contentType));
    }
}
