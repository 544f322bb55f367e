package io.atelier.store;

import java.util.List;

/** The team's own storage that a stack was granted: objects listed under a prefix and copied in as uploads. */
public interface SourceObjects {
    record SourceObject(String key, long size) {}

    /** At most {@code max} + 1 objects under the prefix, in key order (one more than allowed says "too many"). */
    List<SourceObject> list(String bucket, String prefix, int max);

    /** Copies the object into the media bucket under {@code destinationKey}, as its type. */
    void copyIn(String bucket, String key, String destinationKey, String contentType);
}
