package io.atelier.store;

import java.util.List;

/** The team's own storage that a stack was granted: objects listed under a prefix and copied in as uploads. */
public interface SourceObjects {
    record SourceObject(String key, long size) {}

    /** One page of a listing, and where the next one starts (null after the last). */
    record Listing(List<SourceObject> objects, String next) {}

    /** Up to {@code max} objects under the prefix from {@code token} on (null: the first page), in key order. */
    Listing page(String bucket, String prefix, String token, int max);

    /** Copies the object into the media bucket under {@code destinationKey}, as its type. */
    void copyIn(String bucket, String key, String destinationKey, String contentType);
}
