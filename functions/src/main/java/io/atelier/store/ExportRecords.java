package io.atelier.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Exports in progress and done: what {@code GET /jobs/{jobId}/exports/{exportId}} answers. */
public interface ExportRecords {
    enum Status {
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    record ExportRecord(
            String owner,
            String jobId,
            String exportId,
            String destination,
            Status status,
            int total,
            int done,
            List<String> failed,
            Instant createdAt,
            Instant finishedAt) {
        public ExportRecord {
            failed = List.copyOf(failed);
        }
    }

    void put(ExportRecord record);

    Optional<ExportRecord> find(String owner, String exportId);
}
