package io.atelier.model;

import java.time.Instant;
import java.util.Map;

/**
 * A person's saved job configuration under a name: what {@code POST /jobs} takes besides the images (operation or
 * steps, provider, model, prompt, parameters, prompt template, output name, checks).
 */
public record JobPreset(
        String owner,
        String presetId,
        String name,
        Map<String, Object> settings,
        Instant createdAt,
        Instant updatedAt) {}
