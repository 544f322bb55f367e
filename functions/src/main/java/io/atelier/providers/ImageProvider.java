package io.atelier.providers;

import io.atelier.model.ErrorCode;
import io.atelier.model.FieldError;
import io.atelier.providers.spec.OperationSpec;
import java.time.Duration;
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
     * Each operation's declared prompt and parameters: the generic validator checks them at submit (unknown names
     * included) and {@code GET /providers} publishes them as JSON Schema. Empty: nothing declared, nothing checked.
     */
    default Map<String, OperationSpec> parameters() {
        return Map.of();
    }

    /** Whether it reads CMYK JPEGs; checked at submit from the image record, published by {@code GET /providers}. */
    default boolean takesCmyk() {
        return true;
    }

    /**
     * Why this step would refuse an input of this size (its output would be too large, say), or null: checked at submit
     * from the image record so such a job is a 400 instead of tasks that can only fail.
     */
    default String refusesSize(String operation, Map<String, Object> params, int width, int height) {
        return null;
    }

    /**
     * Checks a step's parameters before any task is queued, so a job with a bad factor fails at submit with a 400.
     * Each problem is a {@link FieldError} relative to the params object (e.g. field "factor").
     */
    List<FieldError> validate(String operation, String model, String prompt, Map<String, Object> params);

    /**
     * Starts one operation on one image. Synchronous providers answer {@link ProviderOutcome.Done}; asynchronous ones
     * may answer {@link ProviderOutcome.Pending}, and the worker comes back later through {@link #poll} instead of
     * holding a Lambda while the provider works.
     */
    ProviderOutcome start(ProviderCall call) throws ProviderException;

    /** Looks at work {@link #start} left pending. {@code call} is the original call without its input image. */
    default ProviderOutcome poll(ProviderCall call, String handle) throws ProviderException {
        throw new ProviderException(
                ErrorCode.INTERNAL, "The " + id() + " provider has no asynchronous operations to look at.");
    }

    /** How long pending work may take before the task fails with {@code timeout}. */
    default Duration maxWait() {
        return Duration.ofMinutes(30);
    }
}
