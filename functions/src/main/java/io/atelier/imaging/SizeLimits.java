package io.atelier.imaging;

import java.util.Locale;
import java.util.Optional;

/** One place that phrases "too big" so uploads and operations say it the same way. */
final class SizeLimits {

    private SizeLimits() {}

    /**
     * Why an image of this size is not allowed, or empty when it is.
     *
     * @param subject how the message starts, e.g. "The image is" or "The result would be"
     */
    static Optional<String> problem(String subject, long width, long height) {
        long pixels = width * height;
        if (pixels > ImageInspector.MAX_PIXELS) {
            return Optional.of(subject
                    + " %d × %d pixels (%s megapixels); the limit is %s megapixels."
                            .formatted(width, height, megapixels(pixels), megapixels(ImageInspector.MAX_PIXELS)));
        }
        if (width > ImageInspector.MAX_SIDE || height > ImageInspector.MAX_SIDE) {
            return Optional.of(subject
                    + " %d × %d pixels; no side may be longer than %d pixels."
                            .formatted(width, height, ImageInspector.MAX_SIDE));
        }
        return Optional.empty();
    }

    /** "50 MB", "1.5 MB", "512 KB", "12 bytes": binary units, as the limits are defined. */
    static String bytes(long count) {
        if (count >= 1024 * 1024) {
            return oneDecimal(count / (1024.0 * 1024)) + " MB";
        }
        return count >= 1024 ? oneDecimal(count / 1024.0) + " KB" : count + " bytes";
    }

    static String megapixels(long pixels) {
        return oneDecimal(pixels / 1_000_000.0);
    }

    private static String oneDecimal(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
