package io.atelier.cutout;

/** How close a cut-out's alpha is to the truth: IoU of the masks at 0.5, and the mean absolute alpha error. */
public record MatteScores(double iou, double meanAlphaError) {

    public static MatteScores of(PixelImage cutout, float[] truth) {
        long intersection = 0;
        long union = 0;
        double error = 0;
        for (int i = 0; i < truth.length; i++) {
            float alpha = (cutout.argb()[i] >>> 24) / 255f;
            boolean predicted = alpha >= 0.5f;
            boolean actual = truth[i] >= 0.5f;
            if (predicted && actual) intersection++;
            if (predicted || actual) union++;
            error += Math.abs(alpha - truth[i]);
        }
        return new MatteScores(union == 0 ? 1 : (double) intersection / union, error / truth.length);
    }
}
