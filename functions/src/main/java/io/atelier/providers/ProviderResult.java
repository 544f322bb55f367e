package io.atelier.providers;

import io.atelier.imaging.ImageFormat;
import java.util.Map;

/** A finished image with where it came from (provider request id, seed, usage as reported). */
public record ProviderResult(
        byte[] bytes, ImageFormat format, int width, int height, String model, Map<String, Object> provenance) {}
