package io.atelier.model;

import java.time.Instant;

/**
 * An uploaded job manifest (CSV or JSONL). Its bytes live at {@code uploads/<owner>/<manifestId>} like an image's; it is
 * PENDING until its bytes are checked, then READY (with its row count) or REJECTED (with the reason).
 */
public record ManifestRecord(
        String owner,
        String manifestId,
        String name,
        String format,
        ImageStatus status,
        long size,
        Integer rows,
        String reason,
        Instant createdAt,
        Instant updatedAt) {

    public String objectKey() {
        return Keys.upload(owner, manifestId);
    }

    public ManifestRecord checked(ImageStatus value, long bytes, Integer rowCount, String why, Instant at) {
        return new ManifestRecord(owner, manifestId, name, format, value, bytes, rowCount, why, createdAt, at);
    }
}
