package io.atelier.imaging;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * The image operations of the built-in {@code local} provider. Arguments are validated here with
 * messages meant for API users; every operation returns a new image and leaves its input untouched.
 */
public final class ImageOps {

    /** How {@link #resize} fits the image into a width × height box. */
    public enum Fit {
        /** Scale to fit inside the box, keeping the aspect ratio; pad the rest with the background. */
        CONTAIN,
        /** Scale to cover the box, keeping the aspect ratio; crop the overflow around the centre. */
        COVER,
        /** Stretch to exactly the box, ignoring the aspect ratio. */
        FILL
    }

    /** Enough to undo the softness that interpolation adds, without visible halos. */
    private static final float UPSCALE_SHARPENING = 0.3f;

    private ImageOps() {}

    /** Enlarges by 2 or 4 with Lanczos-3, then sharpens mildly to restore crispness. */
    public static BufferedImage upscale(BufferedImage src, int factor) {
        Dimension size = upscaledSize(src.getWidth(), src.getHeight(), factor);
        return UnsharpMask.apply(Resampler.resize(src, size.width, size.height), UPSCALE_SHARPENING);
    }

    /** The size {@link #upscale} makes; refuses a bad factor or a result over the limits, as upscale does. */
    public static Dimension upscaledSize(int srcWidth, int srcHeight, int factor) {
        if (factor != 2 && factor != 4) {
            throw new InvalidInputException("The upscale factor must be 2 or 4 (got " + factor + ").");
        }
        requireWithinLimits((long) srcWidth * factor, (long) srcHeight * factor);
        return new Dimension(srcWidth * factor, srcHeight * factor);
    }

    /**
     * @param width  target width, or null to derive it from the height and the aspect ratio
     * @param height target height, or null to derive it from the width and the aspect ratio
     * @param fit    used when both sides are given; null means CONTAIN
     * @param background padding for CONTAIN; null means transparent for images with alpha, else white
     */
    public static BufferedImage resize(BufferedImage src, Integer width, Integer height, Fit fit, Color background) {
        Dimension size = resizedSize(src.getWidth(), src.getHeight(), width, height);
        if (width == null || height == null) {
            return Resampler.resize(src, size.width, size.height);
        }
        return FitResizer.resize(src, width, height, Objects.requireNonNullElse(fit, Fit.CONTAIN), background);
    }

    /** The size {@link #resize} makes; refuses what resize refuses, with the same messages. */
    public static Dimension resizedSize(int srcWidth, int srcHeight, Integer width, Integer height) {
        if (width == null && height == null) {
            throw new InvalidInputException("Give a width, a height, or both.");
        }
        if (width != null) {
            requireSide("width", width);
        }
        if (height != null) {
            requireSide("height", height);
        }
        int resultWidth = width != null ? width : proportionalSide(height, srcHeight, srcWidth);
        int resultHeight = height != null ? height : proportionalSide(width, srcWidth, srcHeight);
        requireWithinLimits(resultWidth, resultHeight);
        return new Dimension(resultWidth, resultHeight);
    }

    /**
     * @param position top-left, top-right, bottom-left, bottom-right or center; null means bottom-right
     * @param opacity  0 (invisible) to 1 (opaque)
     * @param fontSize in pixels; null means 4% of the shorter side (at least 12), shrunk to fit the width
     */
    public static BufferedImage watermark(
            BufferedImage src, String text, String position, float opacity, Integer fontSize) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("The watermark text must not be empty.");
        }
        if (text.length() > Watermarker.MAX_TEXT_LENGTH) {
            throw new InvalidInputException(
                    "The watermark text may be at most " + Watermarker.MAX_TEXT_LENGTH + " characters long.");
        }
        String undrawable = Watermarker.undrawable(text);
        if (!undrawable.isEmpty()) {
            throw new IllegalArgumentException("The watermark font (DejaVu Sans: Latin, Greek, Cyrillic) cannot draw "
                    + undrawable + "; remove those characters from the text.");
        }
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new InvalidInputException("The watermark opacity must be between 0 and 1 (got " + opacity + ").");
        }
        if (fontSize != null && (fontSize < 1 || fontSize > Watermarker.MAX_FONT_SIZE)) {
            throw new InvalidInputException("The watermark font size must be between 1 and " + Watermarker.MAX_FONT_SIZE
                    + " pixels (got " + fontSize + ").");
        }
        return Watermarker.draw(src, text.strip(), Watermarker.Position.parse(position), opacity, fontSize);
    }

    /**
     * Each factor is a multiplier from 0 to 3 where 1 leaves the image unchanged: brightness scales the
     * channels, contrast stretches them around mid-grey, saturation moves colours away from their grey.
     */
    public static BufferedImage adjust(BufferedImage src, double brightness, double contrast, double saturation) {
        requireFactor("brightness", brightness);
        requireFactor("contrast", contrast);
        requireFactor("saturation", saturation);
        return ColourAdjuster.apply(src, brightness, contrast, saturation);
    }

    /** The other side that keeps the source's aspect ratio when one side becomes {@code given}. */
    private static int proportionalSide(int given, int sourceGivenSide, int sourceOtherSide) {
        return (int) Math.max(1, Math.round((double) given * sourceOtherSide / sourceGivenSide));
    }

    private static void requireSide(String name, int value) {
        if (value < 1 || value > ImageInspector.MAX_SIDE) {
            throw new InvalidInputException(
                    "The %s must be between 1 and %d pixels (got %d).".formatted(name, ImageInspector.MAX_SIDE, value));
        }
    }

    private static void requireWithinLimits(long width, long height) {
        SizeLimits.problem("The result would be", width, height).ifPresent(problem -> {
            throw new InvalidInputException(problem);
        });
    }

    private static void requireFactor(String name, double value) {
        if (!(value >= 0 && value <= 3)) {
            throw new InvalidInputException(
                    "The %s factor must be between 0 and 3, where 1 means unchanged (got %s).".formatted(name, value));
        }
    }
}
