package io.atelier.core;

import io.atelier.imaging.ImageFormat;
import io.atelier.json.Json;
import io.atelier.model.Keys;
import io.atelier.model.Step;
import io.atelier.model.Task;
import io.atelier.providers.ProviderResult;
import io.atelier.providers.SourceImage;
import io.atelier.store.BlobStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Never paying twice: a step's result is stored under a fingerprint of its input bytes and of the step as asked for
 * (provider, model, operation, parameters in a canonical order, prompt, seed among the parameters), per user, and
 * reused instead of calling the provider again (paid providers only: the built-in engine is not worth it). The entries live under the user's {@code results/} prefix, so the
 * bucket's lifecycle expires them with the results; an entry older than the retention counts as absent meanwhile.
 */
public final class StepCache {
    private static final Logger LOG = Logger.getLogger(StepCache.class.getName());
    private static final String LOCAL = "local";
    private final BlobStore blobs;
    private final Clock clock;
    private final Duration retention;

    /**
     * In an asynchronous step's submission record: its fingerprint, so that the result a later poll collects is stored
     * for reuse like a synchronous one (the step's input is gone by then). Never shown in provenance.
     */
    static final String PENDING_KEY = "reuseKey";

    /** A pending step's submission record as provenance: without its fingerprint. */
    static Map<String, Object> withoutKey(Map<String, Object> submitted) {
        if (!submitted.containsKey(PENDING_KEY)) return submitted;
        Map<String, Object> out = new LinkedHashMap<>(submitted);
        out.remove(PENDING_KEY);
        return out;
    }

    StepCache(BlobStore blobs, Clock clock, Duration retention) {
        this.blobs = blobs;
        this.clock = clock;
        this.retention = retention;
    }

    /** A stored result and the task that paid for it. */
    record Hit(ProviderResult result, String sourceJobId, String sourceTaskId) {}

    /**
     * The step's fingerprint for this input, or null when nothing may be reused: the step (or job) asked for a fresh
     * result, or the step makes new images from nothing without a seed (each is meant to be another sample).
     */
    static String fingerprint(Step step, Map<String, Object> params, String prompt, SourceImage input) {
        if (!step.reusesResults()) return null;
        // The built-in engine charges only its own compute, about what fetching a stored copy would take: not worth
        // two more writes per step on jobs of thousands of images.
        if (LOCAL.equals(step.provider())) return null;
        if (input == null && params.get("seed") == null) return null;
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("provider", step.provider());
        key.put("model", step.model());
        key.put("operation", step.operation());
        key.put("params", canonical(params));
        key.put("prompt", prompt);
        key.put("input", input == null ? null : sha256(input.bytes()));
        return sha256(Json.write(key).getBytes(StandardCharsets.UTF_8));
    }

    Optional<Hit> find(String owner, String fingerprint) {
        try {
            Map<String, Object> entry =
                    Json.map(new String(blobs.read(entryKey(owner, fingerprint)), StandardCharsets.UTF_8));
            if (Instant.ofEpochMilli(((Number) entry.get("storedAt")).longValue())
                    .plus(retention)
                    .isBefore(clock.instant())) return Optional.empty();
            byte[] bytes = blobs.read(bytesKey(owner, fingerprint));
            ProviderResult result = new ProviderResult(
                    bytes,
                    ImageFormat.valueOf((String) entry.get("format")),
                    ((Number) entry.get("width")).intValue(),
                    ((Number) entry.get("height")).intValue(),
                    (String) entry.get("model"),
                    Map.of());
            return Optional.of(new Hit(result, (String) entry.get("sourceJobId"), (String) entry.get("sourceTaskId")));
        } catch (NoSuchElementException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            // A damaged or unreadable entry only costs a new call.
            LOG.log(Level.WARNING, "Unreadable cached result " + fingerprint + "; calling the provider", e);
            return Optional.empty();
        }
    }

    /** Stores a paid-for result; the bytes first, so an entry never points at nothing. Failing to store is not failing the task. */
    void store(Task task, String fingerprint, ProviderResult result) {
        try {
            blobs.write(
                    bytesKey(task.owner(), fingerprint),
                    result.bytes(),
                    result.format().mimeType());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("format", result.format().name());
            entry.put("width", result.width());
            entry.put("height", result.height());
            entry.put("model", result.model());
            entry.put("sourceJobId", task.jobId());
            entry.put("sourceTaskId", task.taskId());
            entry.put("storedAt", clock.instant().toEpochMilli());
            blobs.write(
                    entryKey(task.owner(), fingerprint),
                    Json.write(entry).getBytes(StandardCharsets.UTF_8),
                    "application/json");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not store the result of task " + task.taskId() + " for reuse", e);
        }
    }

    /** Whether every step of a task's provenance reused a stored result. */
    @SuppressWarnings("unchecked")
    public static boolean allCached(Map<String, Object> provenance) {
        if (provenance == null || provenance.isEmpty()) return false;
        if (provenance.get("steps") instanceof List<?> steps)
            return !steps.isEmpty()
                    && steps.stream().allMatch(s -> s instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("cached")));
        return Boolean.TRUE.equals(provenance.get("cached"));
    }

    private static String bytesKey(String owner, String fingerprint) {
        return Keys.RESULTS + owner + "/cache/" + fingerprint + ".bin";
    }

    private static String entryKey(String owner, String fingerprint) {
        return Keys.RESULTS + owner + "/cache/" + fingerprint + ".json";
    }

    @SuppressWarnings("unchecked")
    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted;
        }
        if (value instanceof List<?> list)
            return list.stream().map(StepCache::canonical).toList();
        return value;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
