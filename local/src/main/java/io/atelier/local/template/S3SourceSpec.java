package io.atelier.local.template;

import java.util.List;

/** An S3 event of a function: bucket, event names (e.g. {@code s3:ObjectCreated:*}) and key filter. */
public record S3SourceSpec(
        String functionId, String eventId, String bucketName, List<String> events, String prefix, String suffix) {

    public boolean wantsObjectCreated() {
        return events.stream().anyMatch(e -> e.equals("s3:ObjectCreated:*") || e.equals("s3:ObjectCreated:Put"));
    }

    public boolean matches(String key) {
        return key.startsWith(prefix) && key.endsWith(suffix);
    }
}
