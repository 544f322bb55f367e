package io.atelier.providers;

import java.util.Map;

/** One provider call: an operation with its prompt and parameters, on one image (null for text-to-image). */
public record ProviderCall(
        String operation, String model, String prompt, Map<String, Object> params, SourceImage input) {}
