package io.atelier.store;

/** The team's bucket that results are exported to: server-side copies from the media bucket, and the manifest. */
public interface ExportTarget {
    void copyOut(String sourceKey, String bucket, String key);

    void put(String bucket, String key, byte[] bytes, String contentType);
}
