package io.atelier.imaging;

import java.awt.image.BufferedImage;

/** Brightness, contrast and saturation multipliers applied to a packed-int copy of the image. */
final class ColourAdjuster {

    private static final float MID_GREY = 128f;
    // Rec. 601 luma weights: the grey a colour is desaturated towards.
    private static final float RED_LUMA = 0.299f;
    private static final float GREEN_LUMA = 0.587f;
    private static final float BLUE_LUMA = 0.114f;

    private ColourAdjuster() {}

    static BufferedImage apply(BufferedImage src, double brightness, double contrast, double saturation) {
        BufferedImage result = Pixels.copy(src);
        int[] argb = Pixels.backing(result);
        // Brightness and contrast act on each channel alone, so one 256-entry table covers both.
        float[] tone = new float[256];
        for (int v = 0; v < 256; v++) {
            tone[v] = (float) ((v * brightness - MID_GREY) * contrast + MID_GREY);
        }
        float s = (float) saturation;
        boolean keepSaturation = saturation == 1.0;
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            float r = tone[p >> 16 & 0xFF];
            float g = tone[p >> 8 & 0xFF];
            float b = tone[p & 0xFF];
            if (!keepSaturation) {
                float grey = RED_LUMA * r + GREEN_LUMA * g + BLUE_LUMA * b;
                r = grey + (r - grey) * s;
                g = grey + (g - grey) * s;
                b = grey + (b - grey) * s;
            }
            argb[i] = p & 0xFF000000 | clamp(r) << 16 | clamp(g) << 8 | clamp(b);
        }
        return result;
    }

    private static int clamp(float value) {
        int rounded = Math.round(value);
        return rounded < 0 ? 0 : Math.min(rounded, 255);
    }
}
