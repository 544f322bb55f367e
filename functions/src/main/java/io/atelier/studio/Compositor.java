package io.atelier.studio;

import io.atelier.cutout.PixelImage;
import java.awt.Rectangle;

/** Places a cut-out on a backdrop, optionally over a soft contact shadow where it stands. */
public final class Compositor {
    private Compositor() {}

    /** @param shadowOpacity 0 for none; otherwise the darkness of the shadow's centre (0..1) */
    public static PixelImage place(PixelImage cutout, Backdrop backdrop, double shadowOpacity) {
        PixelImage canvas = backdrop.render(cutout.width(), cutout.height());
        if (shadowOpacity > 0) contactShadow(canvas, ProductBounds.fromAlpha(cutout), shadowOpacity);
        over(cutout, canvas, 0, 0);
        return canvas;
    }

    /** Draws {@code top} (straight alpha) over the opaque or transparent {@code canvas} at (left, top). */
    public static void over(PixelImage top, PixelImage canvas, int left, int topY) {
        for (int y = 0; y < top.height(); y++) {
            int cy = y + topY;
            if (cy < 0 || cy >= canvas.height()) continue;
            for (int x = 0; x < top.width(); x++) {
                int cx = x + left;
                if (cx < 0 || cx >= canvas.width()) continue;
                int f = top.argb()[y * top.width() + x];
                int a = f >>> 24;
                if (a == 0) continue;
                int i = cy * canvas.width() + cx;
                canvas.argb()[i] = a == 255 ? f : blend(f, canvas.argb()[i], a);
            }
        }
    }

    /** Porter-Duff "over" with straight alpha on both sides. */
    private static int blend(int f, int b, int a) {
        int ba = b >>> 24;
        float fa = a / 255f;
        float outA = fa + ba / 255f * (1 - fa);
        if (outA <= 0) return 0;
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            float fc = (f >> shift) & 0xFF;
            float bc = (b >> shift) & 0xFF;
            int c = Math.round((fc * fa + bc * (ba / 255f) * (1 - fa)) / outA);
            rgb |= Math.min(255, c) << shift;
        }
        return Math.round(outA * 255) << 24 | rgb;
    }

    /** An elliptical, softly fading darkening under the product's base: it looks stood on the floor, not floating. */
    private static void contactShadow(PixelImage canvas, Rectangle product, double opacity) {
        double cx = product.getCenterX();
        double cy = product.getMaxY() - product.height * 0.01;
        double rx = Math.max(2, product.width * 0.55);
        double ry = Math.max(2, product.height * 0.05);
        int x0 = (int) Math.max(0, cx - rx);
        int x1 = (int) Math.min(canvas.width() - 1, cx + rx);
        int y0 = (int) Math.max(0, cy - ry);
        int y1 = (int) Math.min(canvas.height() - 1, cy + ry);
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double dx = (x - cx) / rx;
                double dy = (y - cy) / ry;
                double falloff = 1 - (dx * dx + dy * dy);
                if (falloff <= 0) continue;
                double darkness = opacity * falloff * falloff;
                int i = y * canvas.width() + x;
                int p = canvas.argb()[i];
                int rgb = 0;
                for (int shift = 16; shift >= 0; shift -= 8)
                    rgb |= (int) Math.round(((p >> shift) & 0xFF) * (1 - darkness)) << shift;
                canvas.argb()[i] = (p & 0xFF000000) | rgb;
            }
        }
    }
}
