package io.atelier.imaging;

import java.awt.image.BufferedImage;

/**
 * Mild sharpening: result = image + amount × (image − blur), with a 3 × 3 binomial blur (radius 1).
 * Works on premultiplied channels, like the resampler, so transparent areas add no dark halos.
 */
final class UnsharpMask {

    /** Per-block scratch rows, each width × channels floats. */
    private record Rows(float[] above, float[] centre, float[] below, float[] vertical, float[] out) {
        Rows(int length) {
            this(new float[length], new float[length], new float[length], new float[length], new float[length]);
        }
    }

    private UnsharpMask() {}

    static BufferedImage apply(BufferedImage src, float amount) {
        boolean alpha = Pixels.hasAlpha(src);
        int channels = PremultipliedRows.channels(alpha);
        int width = src.getWidth();
        int height = src.getHeight();
        int[] source = Pixels.readArgb(src);
        BufferedImage result = Pixels.newImage(width, height, alpha);
        int[] target = Pixels.backing(result);
        RowBlocks.inParallel(height, () -> new Rows(width * channels), (y, rows) -> {
            // Edge rows and columns repeat outward, so borders are not sharpened against black.
            PremultipliedRows.load(source, Math.max(y - 1, 0) * width, width, alpha, rows.above());
            PremultipliedRows.load(source, y * width, width, alpha, rows.centre());
            PremultipliedRows.load(source, Math.min(y + 1, height - 1) * width, width, alpha, rows.below());
            float[] vertical = rows.vertical();
            for (int i = 0; i < vertical.length; i++) {
                vertical[i] = rows.above()[i] + 2 * rows.centre()[i] + rows.below()[i];
            }
            for (int x = 0; x < width; x++) {
                int left = Math.max(x - 1, 0) * channels;
                int middle = x * channels;
                int right = Math.min(x + 1, width - 1) * channels;
                for (int c = 0; c < channels; c++) {
                    float blur = (vertical[left + c] + 2 * vertical[middle + c] + vertical[right + c]) / 16f;
                    float original = rows.centre()[middle + c];
                    rows.out()[middle + c] = original + amount * (original - blur);
                }
            }
            PremultipliedRows.store(rows.out(), width, alpha, target, y * width);
        });
        return result;
    }
}
