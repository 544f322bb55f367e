package io.atelier.imaging;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * High-quality separable Lanczos-3 resampling: a horizontal pass into a float buffer of
 * targetWidth × sourceHeight, then a vertical pass into the result. Colours are filtered
 * premultiplied by alpha so transparent pixels cannot bleed dark fringes into edges.
 */
public final class Resampler {

    private Resampler() {}

    public static BufferedImage resize(BufferedImage src, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException(
                    "The target size must be at least 1 × 1 pixels (got %d × %d).".formatted(width, height));
        }
        boolean alpha = Pixels.hasAlpha(src);
        int channels = PremultipliedRows.channels(alpha);
        int sourceWidth = src.getWidth();
        int sourceHeight = src.getHeight();
        long bufferSize = (long) width * sourceHeight * channels;
        if (bufferSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Resizing %d × %d to %d × %d needs too large a buffer."
                    .formatted(sourceWidth, sourceHeight, width, height));
        }
        int[] source = Pixels.readArgb(src);
        ResampleWeights across = ResampleWeights.lanczos3(sourceWidth, width);
        ResampleWeights down = ResampleWeights.lanczos3(sourceHeight, height);

        float[] between = new float[(int) bufferSize];
        RowBlocks.inParallel(sourceHeight, () -> new float[sourceWidth * channels], (y, row) -> {
            PremultipliedRows.load(source, y * sourceWidth, sourceWidth, alpha, row);
            filterRow(row, across, channels, between, y * width * channels);
        });

        BufferedImage result = Pixels.newImage(width, height, alpha);
        int[] target = Pixels.backing(result);
        RowBlocks.inParallel(height, () -> new float[width * channels], (y, sums) -> {
            filterColumn(between, width * channels, down, y, sums);
            PremultipliedRows.store(sums, width, alpha, target, y * width);
        });
        return result;
    }

    private static void filterRow(float[] row, ResampleWeights w, int channels, float[] out, int outOffset) {
        int targetWidth = w.first.length;
        for (int x = 0; x < targetWidth; x++) {
            int tapBase = x * w.stride;
            int sourceBase = w.first[x] * channels;
            int o = outOffset + x * channels;
            for (int c = 0; c < channels; c++) {
                float sum = 0;
                for (int k = 0, s = sourceBase + c; k < w.count[x]; k++, s += channels) {
                    sum += row[s] * w.weights[tapBase + k];
                }
                out[o + c] = sum;
            }
        }
    }

    private static void filterColumn(float[] between, int rowLength, ResampleWeights w, int y, float[] sums) {
        Arrays.fill(sums, 0f);
        int tapBase = y * w.stride;
        for (int k = 0; k < w.count[y]; k++) {
            float weight = w.weights[tapBase + k];
            int rowStart = (w.first[y] + k) * rowLength;
            // Row-at-a-time accumulation keeps memory access sequential.
            for (int i = 0; i < rowLength; i++) {
                sums[i] += between[rowStart + i] * weight;
            }
        }
    }
}
