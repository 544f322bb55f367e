package io.atelier.store;

/**
 * What an idempotency key made: a job, or the import of a job from an S3 prefix ({@code importId}, with no job yet),
 * and the hash of the request that made it (null for keys stored before hashes were). One key names one of the two.
 */
public record KeyedJob(String jobId, String requestHash, String importId) {
    public KeyedJob(String jobId, String requestHash) {
        this(jobId, requestHash, null);
    }

    /** The key of a job from a prefix: it names the import that will submit the job. */
    public static KeyedJob ofImport(String importId, String requestHash) {
        return new KeyedJob(null, requestHash, importId);
    }
}
