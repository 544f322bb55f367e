package io.atelier.core;

import java.time.Duration;

/**
 * Service-wide limits and durations (parsed once by {@code config.Configuration}, with API.md's defaults). {@code throttleBudget} bounds how long
 * a task keeps coming back while its provider throttles (throttling does not use up attempts).
 */
public record Limits(
        int maxFilesPerUpload,
        long maxUploadBytes,
        int maxItemsPerJob,
        Duration uploadUrlTtl,
        Duration downloadUrlTtl,
        Duration idempotencyTtl,
        int maxAttempts,
        Duration retention,
        Duration throttleBudget) {}
