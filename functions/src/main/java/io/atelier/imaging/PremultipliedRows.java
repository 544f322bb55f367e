package io.atelier.imaging;

/**
 * Converts rows between packed ARGB ints and float channels [r, g, b(, a)] premultiplied by alpha.
 * Filters must work premultiplied: otherwise the (meaningless) colour of transparent pixels bleeds
 * into edges as dark fringes.
 */
final class PremultipliedRows {

    private PremultipliedRows() {}

    static int channels(boolean alpha) {
        return alpha ? 4 : 3;
    }

    static void load(int[] argb, int offset, int width, boolean alpha, float[] row) {
        int channels = channels(alpha);
        for (int x = 0; x < width; x++) {
            int p = argb[offset + x];
            int o = x * channels;
            float r = p >> 16 & 0xFF;
            float g = p >> 8 & 0xFF;
            float b = p & 0xFF;
            if (alpha) {
                float a = p >>> 24;
                float k = a / 255f;
                r *= k;
                g *= k;
                b *= k;
                row[o + 3] = a;
            }
            row[o] = r;
            row[o + 1] = g;
            row[o + 2] = b;
        }
    }

    /** Un-premultiplies, rounds and clamps to 0..255 (sharp filters overshoot near hard edges). */
    static void store(float[] row, int width, boolean alpha, int[] argb, int offset) {
        int channels = channels(alpha);
        for (int x = 0; x < width; x++) {
            int i = x * channels;
            float r = row[i];
            float g = row[i + 1];
            float b = row[i + 2];
            int a = 255;
            if (alpha) {
                a = clamp(row[i + 3]);
                if (a == 0) {
                    argb[offset + x] = 0;
                    continue;
                }
                float unpremultiply = 255f / Math.min(row[i + 3], 255f);
                r *= unpremultiply;
                g *= unpremultiply;
                b *= unpremultiply;
            }
            argb[offset + x] = a << 24 | clamp(r) << 16 | clamp(g) << 8 | clamp(b);
        }
    }

    private static int clamp(float value) {
        int rounded = Math.round(value);
        return rounded < 0 ? 0 : Math.min(rounded, 255);
    }
}
