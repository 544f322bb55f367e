package io.atelier.providers.local;

import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageOps;
import io.atelier.imaging.ImageRejectedException;
import io.atelier.imaging.vips.EncodedImage;
import io.atelier.imaging.vips.PixelImage;
import io.atelier.imaging.vips.VipsEngine;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The local operations on the libvips engine: resize, upscale and convert run in libvips end to end (shrink-on-load,
 * colour management, EXIF rotation); watermark and adjust run in Java on the pixels the engine decodes, and the
 * engine encodes the result, so every format (WebP, AVIF) and colour space behaves the same across operations.
 */
final class EngineOperations {
    private EngineOperations() {}

    static EncodedImage run(VipsEngine engine, String operation, LocalParams params, byte[] input, ImageFormat format)
            throws ImageRejectedException {
        int quality = params.integer("quality", 90);
        return switch (operation) {
            case "upscale" -> engine.upscale(input, params.integer("factor", 2), format, quality);
            case "resize" ->
                engine.resize(
                        input,
                        params.integerOrNull("width"),
                        params.integerOrNull("height"),
                        params.fit(),
                        params.color("background"),
                        format,
                        quality);
            case "convert" -> engine.convert(input, format, quality);
            case "watermark" ->
                inJava(
                        engine,
                        input,
                        format,
                        quality,
                        image -> ImageOps.watermark(
                                image,
                                params.text("text", "Atelier"),
                                params.text("position", "bottom-right"),
                                (float) params.decimal("opacity", 0.5),
                                params.integerOrNull("fontSize")));
            case "adjust" ->
                inJava(
                        engine,
                        input,
                        format,
                        quality,
                        image -> ImageOps.adjust(
                                image,
                                params.decimal("brightness", 1),
                                params.decimal("contrast", 1),
                                params.decimal("saturation", 1)));
            default -> throw new IllegalArgumentException("The local provider cannot " + operation + ".");
        };
    }

    private static EncodedImage inJava(
            VipsEngine engine,
            byte[] input,
            ImageFormat format,
            int quality,
            java.util.function.UnaryOperator<BufferedImage> operation)
            throws ImageRejectedException {
        BufferedImage result = operation.apply(engine.decode(input).toBufferedImage());
        byte[] bytes = engine.encode(PixelImage.of(result), format, quality);
        return new EncodedImage(bytes, format, result.getWidth(), result.getHeight(), List.of());
    }
}
