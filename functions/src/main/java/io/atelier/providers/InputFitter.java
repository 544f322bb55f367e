package io.atelier.providers;

import io.atelier.imaging.ImageCodec;
import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageRejectedException;
import io.atelier.imaging.Resampler;
import io.atelier.model.ErrorCode;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Scales and re-encodes an image that is above a provider's limits, instead of letting the provider refuse it. The
 * original upload is untouched; the task's provenance says what was sent.
 */
public final class InputFitter {
    private static final int SHRINK_ROUNDS = 8;

    private InputFitter() {}

    public static FittedInput fit(SourceImage source, InputLimits limits, String provider) throws ProviderException {
        double aspect = (double) Math.max(source.width(), source.height())
                / Math.max(1, Math.min(source.width(), source.height()));
        if (limits.maxAspect() > 0 && aspect > limits.maxAspect() + 1e-9)
            // Cropping would change the picture: say so instead of sending a sure refusal.
            throw new ProviderException(
                    ErrorCode.INVALID_INPUT,
                    String.format(
                            Locale.ROOT,
                            "%s takes images with proportions up to %s:1; this one is %d×%d.",
                            provider,
                            new java.math.BigDecimal(Double.toString(limits.maxAspect()))
                                    .stripTrailingZeros()
                                    .toPlainString(),
                            source.width(),
                            source.height()));
        if (fits(source, limits)) return new FittedInput(source, null);
        try {
            BufferedImage image = ImageCodec.decode(source.bytes());
            double scale = scaleFor(image.getWidth(), image.getHeight(), limits, provider);
            boolean alpha = image.getColorModel().hasAlpha();
            ImageFormat format = targetFormat(source.format(), alpha, limits);
            int quality = 90;
            for (int round = 0; round < SHRINK_ROUNDS; round++) {
                int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
                int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
                BufferedImage sized = scale == 1.0 ? image : Resampler.resize(image, width, height);
                byte[] bytes = ImageCodec.encode(sized, format, quality);
                if (bytes.length <= limits.maxBytes()) {
                    SourceImage fitted = new SourceImage(bytes, format, width, height);
                    return new FittedInput(fitted, describe(source, fitted, provider));
                }
                // Too many bytes still: a lower JPEG quality first, then fewer pixels.
                if (format == ImageFormat.JPEG && quality > 75) quality -= 8;
                else scale *= 0.8;
                if (Math.min(image.getWidth() * scale, image.getHeight() * scale) < limits.minSide()) break;
            }
        } catch (ImageRejectedException e) {
            throw new ProviderException(ErrorCode.INVALID_INPUT, e.getMessage());
        }
        throw new ProviderException(
                ErrorCode.INVALID_INPUT,
                "The image could not be made small enough for " + provider + " (at most "
                        + limits.maxBytes() / (1024 * 1024) + " MB).");
    }

    static boolean fits(SourceImage image, InputLimits limits) {
        int longSide = Math.max(image.width(), image.height());
        int shortSide = Math.min(image.width(), image.height());
        return limits.formats().contains(image.format())
                && image.bytes().length <= limits.maxBytes()
                && longSide <= limits.maxSide()
                && shortSide >= limits.minSide()
                && (long) image.width() * image.height() <= limits.maxPixels();
    }

    private static double scaleFor(int width, int height, InputLimits limits, String provider)
            throws ProviderException {
        double scale = 1.0;
        scale = Math.min(scale, (double) limits.maxSide() / Math.max(width, height));
        scale = Math.min(scale, Math.sqrt((double) limits.maxPixels() / ((long) width * height)));
        if (Math.min(width, height) * scale < limits.minSide()) {
            double up = (double) limits.minSide() / Math.min(width, height);
            if (Math.max(width, height) * up > limits.maxSide() || (long) width * height * up * up > limits.maxPixels())
                throw new ProviderException(
                        ErrorCode.INVALID_INPUT,
                        "The image's " + width + "×" + height + " proportions do not fit " + provider
                                + "'s limits (sides " + limits.minSide() + "–" + limits.maxSide() + " px).");
            scale = up;
        }
        return scale;
    }

    /** Keep the format when the provider takes it; otherwise JPEG for opaque images, PNG when transparency matters. */
    private static ImageFormat targetFormat(ImageFormat current, boolean alpha, InputLimits limits) {
        ImageFormat writable = ImageCodec.writableFormat(current);
        if (limits.formats().contains(writable)
                && !(writable == ImageFormat.PNG && !alpha && limits.formats().contains(ImageFormat.JPEG)))
            return writable;
        if (!alpha && limits.formats().contains(ImageFormat.JPEG)) return ImageFormat.JPEG;
        return ImageFormat.PNG;
    }

    private static String describe(SourceImage from, SourceImage to, String provider) {
        return String.format(
                Locale.ROOT,
                "Input scaled from %d×%d to %d×%d and re-encoded as %s (%.1f MB) to fit %s's limits.",
                from.width(),
                from.height(),
                to.width(),
                to.height(),
                to.format().name(),
                to.bytes().length / 1_048_576.0,
                provider);
    }
}
