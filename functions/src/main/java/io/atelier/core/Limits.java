package io.atelier.core;

import io.atelier.config.Env;
import io.atelier.imaging.ImageInspector;
import java.time.Duration;

/**
 * Service-wide limits and durations, from configuration with API.md's defaults. {@code throttleBudget} bounds how long
 * a task keeps coming back while its provider throttles (throttling does not use up attempts).
 */
public record Limits(int maxFilesPerUpload, long maxUploadBytes, int maxItemsPerJob, Duration uploadUrlTtl,
                     Duration downloadUrlTtl, Duration idempotencyTtl, int maxAttempts,
                     Duration retention, Duration throttleBudget) {

    public static Limits fromEnv() {
        // The upload size limit is the one the upload check enforces on the bytes: one number, one place.
        // A job may hold a whole catalogue (3,000 SKUs); its tasks are batch-written and its messages sent in batches.
        return new Limits(500, ImageInspector.MAX_BYTES, Env.getInt("MAX_ITEMS_PER_JOB", 5000),
                Duration.ofSeconds(Env.getInt("UPLOAD_URL_TTL_SECONDS", 900)),
                Duration.ofSeconds(Env.getInt("DOWNLOAD_URL_TTL_SECONDS", 3600)),
                Duration.ofHours(24),
                Env.getInt("MAX_ATTEMPTS", 3),
                retentionFromEnv(),
                Duration.ofMinutes(Env.getInt("THROTTLE_BUDGET_MINUTES", 120)));
    }

    /** How long records are kept: as long as the bucket's lifecycle keeps their bytes (RetentionDays). */
    public static Duration retentionFromEnv() {
        return Duration.ofDays(Env.getInt("RETENTION_DAYS", 30));
    }
}
