package io.atelier.studio;

import io.atelier.cutout.PixelImage;
import java.awt.Rectangle;

/**
 * Where the product is in an image: from the alpha channel when there is one (a cut-out), otherwise from how far
 * pixels stand out from the border colour (a shot already on white or on a plain backdrop).
 */
public final class ProductBounds {
    /** Pixels more transparent than this are background. */
    private static final int ALPHA_THRESHOLD = 8;
    /** Default colour distance (largest channel difference) from the border colour that counts as product. */
    public static final int DEFAULT_TOLERANCE = 24;

    private ProductBounds() {}

    /** The product's box, or the whole image if nothing stands out. */
    public static Rectangle of(PixelImage image, int tolerance) {
        return image.hasTransparency() ? fromAlpha(image) : fromBorderColour(image, borderColour(image), tolerance);
    }

    static Rectangle fromAlpha(PixelImage image) {
        return box(image, (p, unused) -> (p >>> 24) > ALPHA_THRESHOLD, 0);
    }

    static Rectangle fromBorderColour(PixelImage image, int border, int tolerance) {
        return box(image, (p, b) -> distance(p, b) > tolerance, border);
    }

    /** The product's box on a known background colour, at the default tolerance. */
    public static Rectangle fromBorderColourOf(PixelImage image, int background) {
        return fromBorderColour(image, background, DEFAULT_TOLERANCE);
    }

    /** The median colour of the outermost ring of pixels: robust to a product that touches the edge. */
    public static int borderColour(PixelImage image) {
        int w = image.width();
        int h = image.height();
        int[] ring = new int[2 * w + 2 * Math.max(0, h - 2)];
        int n = 0;
        for (int x = 0; x < w; x++) {
            ring[n++] = image.argb()[x];
            ring[n++] = image.argb()[(h - 1) * w + x];
        }
        for (int y = 1; y < h - 1; y++) {
            ring[n++] = image.argb()[y * w];
            ring[n++] = image.argb()[y * w + w - 1];
        }
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int[] channel = new int[n];
            for (int i = 0; i < n; i++) channel[i] = (ring[i] >> shift) & 0xFF;
            java.util.Arrays.sort(channel);
            rgb |= channel[n / 2] << shift;
        }
        return rgb;
    }

    /** The largest difference of one channel between two colours. */
    public static int distance(int p, int q) {
        int dr = Math.abs(((p >> 16) & 0xFF) - ((q >> 16) & 0xFF));
        int dg = Math.abs(((p >> 8) & 0xFF) - ((q >> 8) & 0xFF));
        int db = Math.abs((p & 0xFF) - (q & 0xFF));
        return Math.max(dr, Math.max(dg, db));
    }

    private interface PixelTest {
        boolean product(int pixel, int reference);
    }

    /** Rows and columns count as product only with at least two product pixels: one speck of noise is not a product. */
    private static Rectangle box(PixelImage image, PixelTest test, int reference) {
        int w = image.width();
        int h = image.height();
        int[] rows = new int[h];
        int[] columns = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (test.product(image.argb()[y * w + x], reference)) {
                    rows[y]++;
                    columns[x]++;
                }
            }
        }
        int top = first(rows);
        int left = first(columns);
        if (top < 0 || left < 0) return new Rectangle(0, 0, w, h);
        int bottom = last(rows);
        int right = last(columns);
        return new Rectangle(left, top, right - left + 1, bottom - top + 1);
    }

    private static int first(int[] counts) {
        for (int i = 0; i < counts.length; i++) if (counts[i] >= 2) return i;
        return -1;
    }

    private static int last(int[] counts) {
        for (int i = counts.length - 1; i >= 0; i--) if (counts[i] >= 2) return i;
        return -1;
    }
}
