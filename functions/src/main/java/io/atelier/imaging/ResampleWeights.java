package io.atelier.imaging;

import java.util.Arrays;

/**
 * Precomputed, normalised Lanczos-3 filter taps for one axis: output pixel i reads source pixels
 * first[i] … first[i] + count[i] - 1 with weights at weights[i * stride …].
 */
final class ResampleWeights {

    private static final double LOBES = 3.0;

    final int[] first;
    final int[] count;
    final float[] weights;
    final int stride;

    private ResampleWeights(int[] first, int[] count, float[] weights, int stride) {
        this.first = first;
        this.count = count;
        this.weights = weights;
        this.stride = stride;
    }

    static ResampleWeights lanczos3(int sourceSize, int targetSize) {
        double scale = (double) sourceSize / targetSize;
        // When shrinking, stretch the kernel over `scale` source pixels so it averages (antialiases)
        // instead of skipping detail; when enlarging, the plain kernel interpolates.
        double filterScale = Math.max(scale, 1.0);
        double support = LOBES * filterScale;
        int stride = (int) Math.ceil(support) * 2 + 1;
        int[] first = new int[targetSize];
        int[] count = new int[targetSize];
        float[] weights = new float[targetSize * stride];
        for (int i = 0; i < targetSize; i++) {
            // Pixel centres are at +0.5 so both images cover the same area edge to edge.
            double center = (i + 0.5) * scale;
            int from = Math.max((int) (center - support + 0.5), 0);
            int to = Math.min((int) (center + support + 0.5), sourceSize);
            double sum = 0;
            for (int s = from; s < to; s++) {
                double w = lanczos((s - center + 0.5) / filterScale);
                weights[i * stride + s - from] = (float) w;
                sum += w;
            }
            first[i] = from;
            count[i] = to - from;
            normalise(weights, i * stride, count[i], sum, (int) center - from);
        }
        return new ResampleWeights(first, count, weights, stride);
    }

    /** Taps are cut off at the image edges, so they must be rescaled to sum to 1 (no darkening at borders). */
    private static void normalise(float[] weights, int offset, int count, double sum, int nearestTap) {
        if (Math.abs(sum) < 1e-9) {
            // Degenerate window: fall back to the nearest source pixel rather than dividing by ~0.
            Arrays.fill(weights, offset, offset + count, 0f);
            weights[offset + Math.min(Math.max(nearestTap, 0), count - 1)] = 1f;
            return;
        }
        for (int k = 0; k < count; k++) {
            weights[offset + k] = (float) (weights[offset + k] / sum);
        }
    }

    private static double lanczos(double x) {
        if (x == 0) {
            return 1;
        }
        if (x <= -LOBES || x >= LOBES) {
            return 0;
        }
        double px = Math.PI * x;
        return LOBES * Math.sin(px) * Math.sin(px / LOBES) / (px * px);
    }
}
