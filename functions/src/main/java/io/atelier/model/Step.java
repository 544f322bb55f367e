package io.atelier.model;

import java.util.Map;

/** One operation of a job: a single-step job has one, a workflow several, each step's output the next one's input. */
public record Step(String operation, String provider, String model, String prompt, Map<String, Object> params) {
    public Step {
        params = params == null ? Map.of() : Map.copyOf(params);
    }
}
