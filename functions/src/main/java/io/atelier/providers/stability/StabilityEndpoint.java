package io.atelier.providers.stability;

import io.atelier.imaging.ImageFormat;
import io.atelier.providers.InputLimits;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Stability v2beta endpoints Atelier uses, each with the input limits its API reference states. The byte limit is
 * the API's 10 MiB request limit less room for the other form fields. Sides have no stated maximum where a pixel
 * count and the 1:2.5–2.5:1 aspect rule apply; the longest side such an image can have is used instead.
 */
enum StabilityEndpoint {
    FAST_UPSCALE(
            "upscale",
            "fast",
            "stable-fast-upscale",
            "/v2beta/stable-image/upscale/fast",
            false,
            limits(1_048_576, 1536, 32),
            false,
            List.of("png", "jpeg", "webp")),
    CONSERVATIVE_UPSCALE(
            "upscale",
            "conservative",
            "stable-conservative-upscale",
            "/v2beta/stable-image/upscale/conservative",
            false,
            limits(9_437_184, longestSide(9_437_184), 64),
            true,
            List.of("png", "jpeg", "webp")),
    CREATIVE_UPSCALE(
            "upscale",
            "creative",
            "stable-creative-upscale",
            "/v2beta/stable-image/upscale/creative",
            true,
            limits(1_048_576, longestSide(1_048_576), 64),
            true,
            List.of("png", "jpeg", "webp")),
    OUTPAINT(
            "outpaint",
            null,
            "stable-outpaint",
            "/v2beta/stable-image/edit/outpaint",
            false,
            limits(9_437_184, longestSide(9_437_184), 64),
            true,
            List.of("png", "jpeg", "webp")),
    REMOVE_BACKGROUND(
            "remove-background",
            null,
            "stable-remove-background",
            "/v2beta/stable-image/edit/remove-background",
            false,
            limits(4_194_304, longestSide(4_194_304), 64),
            true,
            List.of("png", "webp")),
    SEARCH_AND_REPLACE(
            "replace-background",
            null,
            "stable-search-and-replace",
            "/v2beta/stable-image/edit/search-and-replace",
            false,
            limits(9_437_184, longestSide(9_437_184), 64),
            true,
            List.of("png", "jpeg", "webp"));

    static final long MAX_IMAGE_BYTES = 10L * 1024 * 1024 - 256 * 1024;
    static final double MAX_ASPECT = 2.5;

    final String operation;
    /** The {@code params.mode} that selects it (upscale only). */
    final String mode;
    /** The name Atelier shows as the model and accepts in a job's {@code model}. */
    final String model;

    final String path;
    final boolean asynchronous;
    final InputLimits limits;
    /** Whether the API refuses inputs outside 1:2.5–2.5:1 (the fast upscaler states only side and pixel limits). */
    final boolean aspectRule;

    final List<String> outputFormats;

    StabilityEndpoint(
            String operation,
            String mode,
            String model,
            String path,
            boolean asynchronous,
            InputLimits limits,
            boolean aspectRule,
            List<String> outputFormats) {
        this.operation = operation;
        this.mode = mode;
        this.model = model;
        this.path = path;
        this.asynchronous = asynchronous;
        this.limits = limits;
        this.aspectRule = aspectRule;
        this.outputFormats = outputFormats;
    }

    static Optional<StabilityEndpoint> byModel(String model) {
        for (StabilityEndpoint endpoint : values()) if (endpoint.model.equals(model)) return Optional.of(endpoint);
        return Optional.empty();
    }

    static Optional<StabilityEndpoint> upscaleMode(String mode) {
        for (StabilityEndpoint endpoint : values())
            if ("upscale".equals(endpoint.operation) && endpoint.mode.equals(mode)) return Optional.of(endpoint);
        return Optional.empty();
    }

    /** The one endpoint of an operation that has no modes. */
    static Optional<StabilityEndpoint> single(String operation) {
        for (StabilityEndpoint endpoint : values())
            if (endpoint.operation.equals(operation) && endpoint.mode == null) return Optional.of(endpoint);
        return Optional.empty();
    }

    private static InputLimits limits(long maxPixels, int maxSide, int minSide) {
        // Not a static field: enum constants are built before the class's other statics.
        return InputLimits.of(
                MAX_IMAGE_BYTES,
                maxPixels,
                maxSide,
                minSide,
                Set.of(ImageFormat.PNG, ImageFormat.JPEG, ImageFormat.WEBP));
    }

    /** The limits an input is fitted to, with the 1:2.5–2.5:1 rule where the endpoint has it. */
    InputLimits inputLimits() {
        return aspectRule ? limits.withMaxAspect(MAX_ASPECT) : limits;
    }

    private static int longestSide(long maxPixels) {
        return (int) Math.floor(Math.sqrt(maxPixels * MAX_ASPECT));
    }
}
