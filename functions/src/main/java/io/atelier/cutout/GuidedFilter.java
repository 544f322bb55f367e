package io.atelier.cutout;

/**
 * He, Sun and Tang's guided filter: the matte becomes locally a linear function of the image's luminance, so its
 * edges move to where the image's edges are. Run on a reduced copy; {@link Coefficients#at} applies the (smooth)
 * coefficients to any resolution of the guide ("fast guided filter").
 */
final class GuidedFilter {
    private GuidedFilter() {}

    record Coefficients(Plane a, Plane b) {
        /** The filtered matte at pixel (x, y) of a width × height image whose luminance there is {@code guide}. */
        float at(int x, int y, int width, int height, float guide) {
            return a.sample(x, y, width, height) * guide + b.sample(x, y, width, height);
        }
    }

    static Coefficients coefficients(Plane guide, Plane input, int radius, float epsilon) {
        int n = guide.values().length;
        Plane meanI = guide.boxBlur(radius);
        Plane meanP = input.boxBlur(radius);
        float[] ii = new float[n];
        float[] ip = new float[n];
        for (int i = 0; i < n; i++) {
            float g = guide.values()[i];
            ii[i] = g * g;
            ip[i] = g * input.values()[i];
        }
        Plane corrI = new Plane(guide.width(), guide.height(), ii).boxBlur(radius);
        Plane corrIp = new Plane(guide.width(), guide.height(), ip).boxBlur(radius);
        Plane a = new Plane(guide.width(), guide.height());
        Plane b = new Plane(guide.width(), guide.height());
        for (int i = 0; i < n; i++) {
            float mi = meanI.values()[i];
            float mp = meanP.values()[i];
            float variance = corrI.values()[i] - mi * mi;
            float covariance = corrIp.values()[i] - mi * mp;
            float ai = covariance / (variance + epsilon);
            a.values()[i] = ai;
            b.values()[i] = mp - ai * mi;
        }
        return new Coefficients(a.boxBlur(radius), b.boxBlur(radius));
    }
}
