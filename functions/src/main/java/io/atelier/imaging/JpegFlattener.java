package io.atelier.imaging;

import java.awt.image.BufferedImage;

/** JPEG cannot store transparency, so transparent areas are composited onto white, not left black. */
final class JpegFlattener {

    private JpegFlattener() {}

    static BufferedImage ontoWhite(BufferedImage image) {
        if (!Pixels.hasAlpha(image)) {
            return Pixels.toIntImage(image);
        }
        int[] argb = Pixels.readArgb(image);
        BufferedImage flat = Pixels.newImage(image.getWidth(), image.getHeight(), false);
        int[] rgb = Pixels.backing(flat);
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            int a = p >>> 24;
            int white = 255 * (255 - a);
            int r = ((p >> 16 & 0xFF) * a + white + 127) / 255;
            int g = ((p >> 8 & 0xFF) * a + white + 127) / 255;
            int b = ((p & 0xFF) * a + white + 127) / 255;
            rgb[i] = r << 16 | g << 8 | b;
        }
        return flat;
    }
}
