package io.atelier.cutout;

/**
 * Estimates the product's own colour where the matte is partly transparent, so an edge pixel that was 40% old
 * background does not carry that background onto a new one (Forte and Pitié's blur-fusion estimate, run on the
 * reduced copy; {@link #foreground} then solves each full-resolution edge pixel against it).
 */
final class ForegroundColours {
    /** Colour distances (0..√3) below which product and background are too alike to tell apart by colour. */
    private static final float DISTINCT_LOW = 0.08f;

    private static final float DISTINCT_HIGH = 0.25f;
    private final RgbPlanes foreground;
    private final RgbPlanes background;

    private ForegroundColours(RgbPlanes foreground, RgbPlanes background) {
        this.foreground = foreground;
        this.background = background;
    }

    static ForegroundColours estimate(RgbPlanes image, Plane alpha) {
        int large = Math.max(3, Math.max(image.width(), image.height()) / 12);
        int small = Math.max(1, large / 15);
        RgbPlanes f = image;
        RgbPlanes b = image;
        for (int radius : new int[] {large, small}) {
            RgbPlanes fHat = weightedBlur(f, alpha, false, radius);
            RgbPlanes bHat = weightedBlur(b, alpha, true, radius);
            f = solve(image, alpha, fHat, bHat, false);
            b = solve(image, alpha, fHat, bHat, true);
        }
        return new ForegroundColours(f, b);
    }

    /**
     * Where the product's and the background's local colours differ clearly, the observed colour says how much of
     * each a pixel holds (its projection on the line between them); where they are alike (white on white) the
     * filtered matte is kept.
     */
    float alpha(int x, int y, int width, int height, int rgb, float matte) {
        float dot = 0;
        float length = 0;
        float[] observed = {((rgb >> 16) & 0xFF) / 255f, ((rgb >> 8) & 0xFF) / 255f, (rgb & 0xFF) / 255f};
        Plane[] f = {foreground.r(), foreground.g(), foreground.b()};
        Plane[] b = {background.r(), background.g(), background.b()};
        for (int c = 0; c < 3; c++) {
            float bHat = b[c].sample(x, y, width, height);
            float span = f[c].sample(x, y, width, height) - bHat;
            dot += (observed[c] - bHat) * span;
            length += span * span;
        }
        float distance = (float) Math.sqrt(length);
        float trust = Math.max(0, Math.min(1, (distance - DISTINCT_LOW) / (DISTINCT_HIGH - DISTINCT_LOW)));
        if (trust == 0) return matte;
        float projected = Math.max(0, Math.min(1, dot / length));
        return trust * projected + (1 - trust) * matte;
    }

    /** The product's colour (0..255 channels packed as RGB) at a full-resolution pixel with observed colour {@code rgb}. */
    int foreground(int x, int y, int width, int height, int rgb, float alpha) {
        int[] channels = {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
        Plane[] f = {foreground.r(), foreground.g(), foreground.b()};
        Plane[] b = {background.r(), background.g(), background.b()};
        int out = 0;
        for (int c = 0; c < 3; c++) {
            float fHat = f[c].sample(x, y, width, height);
            float bHat = b[c].sample(x, y, width, height);
            float value = fHat + alpha * (channels[c] / 255f - alpha * fHat - (1 - alpha) * bHat);
            out = (out << 8) | Math.round(255 * Math.max(0, Math.min(1, value)));
        }
        return out;
    }

    private static RgbPlanes weightedBlur(RgbPlanes colours, Plane alpha, boolean background, int radius) {
        float[] weight = new float[alpha.values().length];
        for (int i = 0; i < weight.length; i++) weight[i] = background ? 1 - alpha.values()[i] : alpha.values()[i];
        Plane w = new Plane(alpha.width(), alpha.height(), weight);
        Plane blurredWeight = w.boxBlur(radius);
        return new RgbPlanes(
                weighted(colours.r(), w, blurredWeight, radius),
                weighted(colours.g(), w, blurredWeight, radius),
                weighted(colours.b(), w, blurredWeight, radius));
    }

    private static Plane weighted(Plane channel, Plane weight, Plane blurredWeight, int radius) {
        float[] product = new float[weight.values().length];
        for (int i = 0; i < product.length; i++) product[i] = channel.values()[i] * weight.values()[i];
        Plane blurred = new Plane(weight.width(), weight.height(), product).boxBlur(radius);
        for (int i = 0; i < product.length; i++)
            blurred.values()[i] /= blurredWeight.values()[i] + 1e-5f;
        return blurred;
    }

    private static RgbPlanes solve(RgbPlanes image, Plane alpha, RgbPlanes fHat, RgbPlanes bHat, boolean background) {
        Plane[] in = {image.r(), image.g(), image.b()};
        Plane[] f = {fHat.r(), fHat.g(), fHat.b()};
        Plane[] b = {bHat.r(), bHat.g(), bHat.b()};
        Plane[] out = new Plane[3];
        for (int c = 0; c < 3; c++) {
            out[c] = new Plane(alpha.width(), alpha.height());
            for (int i = 0; i < alpha.values().length; i++) {
                float a = alpha.values()[i];
                float residual = in[c].values()[i] - a * f[c].values()[i] - (1 - a) * b[c].values()[i];
                float value = background ? b[c].values()[i] + (1 - a) * residual : f[c].values()[i] + a * residual;
                out[c].values()[i] = Math.max(0, Math.min(1, value));
            }
        }
        return new RgbPlanes(out[0], out[1], out[2]);
    }
}
