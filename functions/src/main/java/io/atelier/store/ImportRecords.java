package io.atelier.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Imports from the team's bucket and how far each got: what {@code GET /imports/{importId}} answers, and the
 * checkpoint ImportFunction resumes from (the listing's continuation token and the pages done).
 */
public interface ImportRecords {
    enum Status {
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    /** An object that was not imported, and why. */
    record Problem(String key, String reason) {}

    /**
     * @param jobRequest the job to submit over the READY images once all are checked (POST /jobs with a source), or null
     * @param cursor     where the listing goes on (S3's continuation token); null before the first page and once listed
     * @param pages      listing pages done: the checkpoint's version, each advance conditional on it
     * @param problems   the first {@link #MAX_PROBLEMS} refused objects ({@code refused} counts them all)
     */
    record ImportRecord(
            String owner,
            String importId,
            String bucket,
            String prefix,
            String project,
            String namePattern,
            String jobRequest,
            Status status,
            boolean listed,
            int pages,
            String cursor,
            int found,
            int imported,
            int refused,
            List<Problem> problems,
            String jobId,
            String error,
            Instant createdAt,
            Instant finishedAt) {
        public static final int MAX_PROBLEMS = 1000;

        public ImportRecord {
            problems = List.copyOf(problems);
        }

        public String source() {
            return "s3://" + bucket + "/" + prefix;
        }

        /** A new import, running: nothing listed, found or imported yet. */
        public static ImportRecord started(
                String owner,
                String importId,
                String bucket,
                String prefix,
                String project,
                String namePattern,
                String jobRequest,
                Instant at) {
            return new ImportRecord(
                    owner,
                    importId,
                    bucket,
                    prefix,
                    project,
                    namePattern,
                    jobRequest,
                    Status.RUNNING,
                    false,
                    0,
                    null,
                    0,
                    0,
                    0,
                    List.of(),
                    null,
                    null,
                    at,
                    null);
        }

        /** The import ended with this status (and job, or why not): listed, its counts kept, one page on. */
        public ImportRecord ended(Status status, String jobId, String error, Instant at) {
            return new ImportRecord(
                    owner,
                    importId,
                    bucket,
                    prefix,
                    project,
                    namePattern,
                    jobRequest,
                    status,
                    true,
                    pages + 1,
                    null,
                    found,
                    imported,
                    refused,
                    problems,
                    jobId,
                    error,
                    createdAt,
                    at);
        }
    }

    /** Stores a new import. */
    void create(ImportRecord record);

    /**
     * Stores a new import (a job from a prefix) and its {@code Idempotency-Key} in one write, unless a live key holds
     * it already: answers what the key names, this import or what the earlier request made (a job or an import). The
     * keys are those of {@link JobStore#create}: one key is one {@code POST /jobs}, whichever its inputs.
     */
    KeyedJob create(ImportRecord record, IdempotencyKey key);

    /** What a live key names (as {@link JobStore#findIdempotencyKey}); an expired one is absent. */
    Optional<KeyedJob> findIdempotencyKey(String owner, String key, Instant now);

    Optional<ImportRecord> find(String owner, String importId);

    /** Replaces the record if it still has {@code expectedPages} pages done; false if another delivery got there first. */
    boolean advance(ImportRecord next, int expectedPages);
}
