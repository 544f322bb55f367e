package io.atelier.model;

import java.util.List;
import java.util.Map;

/**
 * One operation of a job: a single-step job has one, a workflow several, each step's output the next one's input.
 * {@code fallback} lists the providers to try, in order, when the step's own provider is down for good (unavailable,
 * throttled or timing out after its retries, or refusing the configured key). {@code cache} false asks for a fresh
 * result even when the same input went through the same step before (null: reuse it).
 */
public record Step(
        String operation,
        String provider,
        String model,
        String prompt,
        Map<String, Object> params,
        List<String> fallback,
        Boolean cache) {
    public Step {
        params = params == null ? Map.of() : Map.copyOf(params);
        fallback = fallback == null ? List.of() : List.copyOf(fallback);
    }

    public Step(String operation, String provider, String model, String prompt, Map<String, Object> params) {
        this(operation, provider, model, prompt, params, List.of(), null);
    }

    /** Whether a stored result of the same input and step may stand in for a new call. */
    public boolean reusesResults() {
        return cache == null || cache;
    }

    /** The same step with other parameters (presets and backdrops fill some in). */
    public Step withParams(Map<String, Object> value) {
        return new Step(operation, provider, model, prompt, value, fallback, cache);
    }

    /** The same step run by another provider: a fallback, with the provider's default model. */
    public Step on(String otherProvider) {
        return new Step(operation, otherProvider, null, prompt, params, List.of(), cache);
    }
}
