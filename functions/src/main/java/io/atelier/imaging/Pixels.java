package io.atelier.imaging;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Moves pixels between BufferedImages and packed int[] ARGB arrays (non-premultiplied, row-major),
 * so hot loops run over plain arrays instead of per-pixel getRGB/setRGB calls.
 */
final class Pixels {

    private static final int OPAQUE = 0xFF000000;

    private Pixels() {}

    static boolean hasAlpha(BufferedImage image) {
        return image.getColorModel().hasAlpha();
    }

    /** A fresh TYPE_INT_ARGB or TYPE_INT_RGB image. */
    static BufferedImage newImage(int width, int height, boolean alpha) {
        return new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    }

    /**
     * The live pixel array behind an image made by {@link #newImage}: writes go straight into the image.
     * For TYPE_INT_RGB the top byte is ignored.
     */
    static int[] backing(BufferedImage ownImage) {
        return ((DataBufferInt) ownImage.getRaster().getDataBuffer()).getData();
    }

    /** A private copy of the image's pixels as ARGB; opaque images get alpha 0xFF everywhere. */
    static int[] readArgb(BufferedImage image) {
        BufferedImage ints = toIntImage(image);
        int[] argb = ints == image
                // Bulk row copies; also correct for sub-images, whose rasters are offset.
                ? (int[]) image.getRaster().getDataElements(0, 0, image.getWidth(), image.getHeight(), null)
                : backing(ints);
        if (!hasAlpha(ints)) {
            for (int i = 0; i < argb.length; i++) {
                argb[i] |= OPAQUE;
            }
        }
        return argb;
    }

    /**
     * The image as TYPE_INT_ARGB (if it has alpha) or TYPE_INT_RGB. Any other layout (gray, indexed,
     * 16-bit, premultiplied, …) is converted once by Java2D; an image already in that type is returned as is.
     */
    static BufferedImage toIntImage(BufferedImage image) {
        boolean alpha = hasAlpha(image);
        int wanted = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        if (image.getType() == wanted) {
            return image;
        }
        BufferedImage converted = newImage(image.getWidth(), image.getHeight(), alpha);
        Graphics2D g = converted.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return converted;
    }

    /** A private TYPE_INT_ARGB / TYPE_INT_RGB copy that operations may change freely. */
    static BufferedImage copy(BufferedImage image) {
        BufferedImage ints = toIntImage(image);
        if (ints != image) {
            return ints;
        }
        BufferedImage copy = newImage(image.getWidth(), image.getHeight(), hasAlpha(image));
        image.getRaster().getDataElements(0, 0, image.getWidth(), image.getHeight(), backing(copy));
        return copy;
    }
}
