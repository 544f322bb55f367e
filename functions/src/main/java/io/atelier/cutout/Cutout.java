package io.atelier.cutout;

/**
 * Cuts the product out of a photo: the model's coarse matte, cleaned of specks and small holes, snapped to the
 * photo's edges at full resolution with a guided filter, and the edge colours freed of the old background.
 * Pixel work only; decoding and encoding stay with the caller.
 */
public final class Cutout {
    /** The refinement runs on a copy this long; its smooth coefficients are then applied at full resolution. */
    static final int WORKING_SIDE = 1024;
    /** Specks and holes up to this fraction of the image are cleaned. */
    private static final double SPECK_FRACTION = 0.002;

    private static final float EPSILON = 1e-3f;
    /** The guided filter's output is stretched so that near-certain pixels become exactly 0 or 1. */
    private static final float CERTAIN_LOW = 0.08f;

    private static final float CERTAIN_HIGH = 0.92f;

    private final SaliencyModel model;

    public Cutout(SaliencyModel model) {
        this.model = model;
    }

    /** The product with an alpha channel, same size as the photo. */
    public PixelImage cut(PixelImage photo) {
        return refine(photo, MatteSanity.checked(model.predict(photo)));
    }

    public Plane coarseMatte(PixelImage photo) {
        return model.predict(photo);
    }

    /** The model's matte only, bilinearly enlarged: the baseline the refinement is measured against. */
    public static PixelImage unrefined(PixelImage photo, Plane coarse) {
        int w = photo.width();
        int h = photo.height();
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int alpha = Math.round(255 * clamp(coarse.sample(x, y, w, h)));
                out[y * w + x] = (alpha << 24) | (photo.argb()[y * w + x] & 0xFFFFFF);
            }
        }
        return new PixelImage(w, h, out);
    }

    public static PixelImage refine(PixelImage photo, Plane coarse) {
        int w = photo.width();
        int h = photo.height();
        double scale = Math.min(1.0, (double) WORKING_SIDE / Math.max(w, h));
        int sw = Math.max(1, (int) Math.round(w * scale));
        int sh = Math.max(1, (int) Math.round(h * scale));
        RgbPlanes small = RgbPlanes.reduce(photo, sw, sh);
        Plane guide = small.luminance();
        Plane matte = coarse.resized(sw, sh);
        MatteCleaner.clean(matte, SPECK_FRACTION);
        // Small: a wide window smeared low-contrast edges (a white label on a pale backdrop) more than the raw model.
        int radius = Math.max(2, Math.max(sw, sh) / 256);
        GuidedFilter.Coefficients filter = GuidedFilter.coefficients(guide, matte, radius, EPSILON);
        Plane alphaSmall = new Plane(sw, sh);
        for (int y = 0; y < sh; y++)
            for (int x = 0; x < sw; x++)
                alphaSmall.values()[y * sw + x] = certain(filter.at(x, y, sw, sh, guide.at(x, y)));
        ForegroundColours colours = ForegroundColours.estimate(small, alphaSmall);

        int[] out = new int[w * h];
        int[] in = photo.argb();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int p = in[i];
                float luminance =
                        (0.299f * ((p >> 16) & 0xFF) + 0.587f * ((p >> 8) & 0xFF) + 0.114f * (p & 0xFF)) / 255f;
                float alpha = certain(filter.at(x, y, w, h, luminance));
                if (alpha >= 1f) out[i] = p | 0xFF000000;
                else if (alpha <= 0f) out[i] = 0x00FFFFFF;
                else {
                    alpha = colours.alpha(x, y, w, h, p, alpha);
                    out[i] =
                            (Math.round(alpha * 255) << 24) | colours.foreground(x, y, w, h, p, Math.max(alpha, 1e-3f));
                }
            }
        }
        return new PixelImage(w, h, out);
    }

    private static float certain(float q) {
        return clamp((q - CERTAIN_LOW) / (CERTAIN_HIGH - CERTAIN_LOW));
    }

    private static float clamp(float v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }
}
