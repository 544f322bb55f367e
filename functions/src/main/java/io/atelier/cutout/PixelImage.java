package io.atelier.cutout;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Straight (non-premultiplied) ARGB pixels, row-major: the narrow currency of the cut-out code, so it can sit on any
 * decoder (ImageIO today, libvips later) without knowing about it.
 */
public record PixelImage(int width, int height, int[] argb) {

    public PixelImage {
        if (argb.length != width * height) throw new IllegalArgumentException("argb must hold width × height pixels");
    }

    public static PixelImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        if (!image.getColorModel().hasAlpha()) for (int i = 0; i < argb.length; i++) argb[i] |= 0xFF000000;
        return new PixelImage(w, h, argb);
    }

    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        System.arraycopy(argb, 0, ((DataBufferInt) image.getRaster().getDataBuffer()).getData(), 0, argb.length);
        return image;
    }

    /** True if any pixel is not fully opaque. */
    public boolean hasTransparency() {
        for (int p : argb) if (p >>> 24 != 255) return true;
        return false;
    }
}
