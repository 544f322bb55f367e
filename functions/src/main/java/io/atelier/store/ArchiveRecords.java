package io.atelier.store;

import java.time.Instant;
import java.util.Optional;

/** Archives built in the background: what the caller polls ({@code GET /jobs/{jobId}/archives/{archiveId}}). */
public interface ArchiveRecords {
    enum Status {
        BUILDING,
        READY,
        FAILED
    }

    /** {@code count} and {@code size}: planned while BUILDING, actual once READY. */
    record ArchiveRecord(
            String owner,
            String jobId,
            String archiveId,
            boolean approvedOnly,
            String key,
            String name,
            Status status,
            int count,
            long size,
            String error,
            Instant createdAt,
            Instant finishedAt) {}

    void put(ArchiveRecord record);

    Optional<ArchiveRecord> find(String owner, String archiveId);
}
