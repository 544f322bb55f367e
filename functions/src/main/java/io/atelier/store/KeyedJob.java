package io.atelier.store;

/** The job an idempotency key made, and the hash of the request that made it (null for keys stored before hashes were). */
public record KeyedJob(String jobId, String requestHash) {}
