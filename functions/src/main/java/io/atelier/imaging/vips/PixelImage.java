package io.atelier.imaging.vips;

import java.awt.image.BufferedImage;

/**
 * Decoded 8-bit sRGB pixels, band-interleaved row after row: 3 bands (RGB) or 4 (RGBA, straight alpha). The form in
 * which Java code (cut-outs, frames, watermarks) works on what the engine decodes and hands back to it to encode.
 */
public record PixelImage(int width, int height, int bands, byte[] data) {
    public PixelImage {
        if (bands != 3 && bands != 4) throw new IllegalArgumentException("3 or 4 bands, not " + bands);
        if ((long) width * height * bands != data.length)
            throw new IllegalArgumentException("data is not width × height × bands bytes");
    }

    public boolean hasAlpha() {
        return bands == 4;
    }

    /** TYPE_INT_ARGB with alpha, else TYPE_INT_RGB: the types the Java operations of imaging/ work on. */
    public BufferedImage toBufferedImage() {
        BufferedImage image =
                new BufferedImage(width, height, hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        int i = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++, i += bands) {
                int alpha = hasAlpha() ? data[i + 3] & 0xFF : 0xFF;
                row[x] = alpha << 24 | (data[i] & 0xFF) << 16 | (data[i + 1] & 0xFF) << 8 | data[i + 2] & 0xFF;
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    /** Reads any BufferedImage as sRGB; alpha is kept when the image has it. */
    public static PixelImage of(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int bands = image.getColorModel().hasAlpha() ? 4 : 3;
        byte[] data = new byte[width * height * bands];
        int[] row = new int[width];
        int i = 0;
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int argb : row) {
                data[i] = (byte) (argb >> 16);
                data[i + 1] = (byte) (argb >> 8);
                data[i + 2] = (byte) argb;
                if (bands == 4) data[i + 3] = (byte) (argb >>> 24);
                i += bands;
            }
        }
        return new PixelImage(width, height, bands, data);
    }
}
