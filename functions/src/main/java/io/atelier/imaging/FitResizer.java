package io.atelier.imaging;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/** Resizes into an exact width × height box by stretching, padding (contain) or cropping (cover). */
final class FitResizer {

    private static final int TRANSPARENT = 0x00000000;
    private static final int WHITE = 0xFFFFFFFF;

    private FitResizer() {}

    static BufferedImage resize(BufferedImage src, int width, int height, ImageOps.Fit fit, Color background) {
        return switch (fit) {
            case FILL -> Resampler.resize(src, width, height);
            case CONTAIN -> contain(src, width, height, background);
            case COVER -> cover(src, width, height);
        };
    }

    private static BufferedImage contain(BufferedImage src, int width, int height, Color background) {
        double scale = Math.min((double) width / src.getWidth(), (double) height / src.getHeight());
        int fittedWidth = scaledSide(src.getWidth(), scale, width);
        int fittedHeight = scaledSide(src.getHeight(), scale, height);
        BufferedImage fitted = Resampler.resize(src, fittedWidth, fittedHeight);
        if (fittedWidth == width && fittedHeight == height) {
            return fitted;
        }
        boolean sourceAlpha = Pixels.hasAlpha(src);
        int fill = background != null ? background.getRGB() : sourceAlpha ? TRANSPARENT : WHITE;
        boolean alpha = sourceAlpha || fill >>> 24 != 0xFF;
        BufferedImage canvas = Pixels.newImage(width, height, alpha);
        int[] target = Pixels.backing(canvas);
        Arrays.fill(target, fill);
        int[] pixels = Pixels.readArgb(fitted);
        int left = (width - fittedWidth) / 2;
        int top = (height - fittedHeight) / 2;
        for (int y = 0; y < fittedHeight; y++) {
            System.arraycopy(pixels, y * fittedWidth, target, (top + y) * width + left, fittedWidth);
        }
        return canvas;
    }

    /** Crops the source to the target's aspect ratio first, so no pixels are resampled only to be cut away. */
    private static BufferedImage cover(BufferedImage src, int width, int height) {
        double scale = Math.max((double) width / src.getWidth(), (double) height / src.getHeight());
        int cropWidth = scaledSide(width, 1 / scale, src.getWidth());
        int cropHeight = scaledSide(height, 1 / scale, src.getHeight());
        int left = (src.getWidth() - cropWidth) / 2;
        int top = (src.getHeight() - cropHeight) / 2;
        return Resampler.resize(src.getSubimage(left, top, cropWidth, cropHeight), width, height);
    }

    private static int scaledSide(int side, double scale, int limit) {
        return (int) Math.min(limit, Math.max(1, Math.round(side * scale)));
    }
}
