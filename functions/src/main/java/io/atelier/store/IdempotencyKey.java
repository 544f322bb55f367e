package io.atelier.store;

import java.time.Instant;

/**
 * An {@code Idempotency-Key} to store with a new job: the key, a hash of the request it came with (a repeat with
 * another body is a misuse, not a replay), and when it stops counting.
 */
public record IdempotencyKey(String key, String requestHash, Instant expiresAt) {}
