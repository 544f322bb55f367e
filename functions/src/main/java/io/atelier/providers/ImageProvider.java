package io.atelier.providers;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** One AI or image-processing service behind Atelier's single way of working. */
public interface ImageProvider {
    String id();

    /** False when its key or URL is missing: listed, but jobs naming it are refused. */
    boolean configured();

    Set<String> operations();

    List<String> models();

    /** Input and parameter limits, shown by {@code GET /providers}. */
    Map<String, Object> limits();

    /**
     * Checks a step's parameters before any task is queued, so a job with a bad factor fails at submit with a 400.
     * Each problem is a {@link FieldProblem} relative to the params object (e.g. field "factor").
     */
    List<FieldProblem> validate(String operation, String model, String prompt, Map<String, Object> params);

    ProviderResult run(ProviderCall call) throws ProviderException;
}
