package io.atelier.store.s3;

import io.atelier.store.SourceObjects;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MetadataDirective;

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
    public Listing page(String bucket, String prefix, String token, int max) {
        var page = s3.get()
                .listObjectsV2(b ->
                        b.bucket(bucket).prefix(prefix).continuationToken(token).maxKeys(max));
        List<SourceObject> objects = page.contents().stream()
                .filter(object -> !object.key().endsWith("/")) // a folder marker, not an object
                .map(object -> new SourceObject(object.key(), object.size()))
                .toList();
        return new Listing(objects, Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null);
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
