package io.atelier.studio;

import io.atelier.cutout.PixelImage;
import io.atelier.imaging.Resampler;
import java.awt.Rectangle;

/** Trims an image to its product and centres it on a new canvas, as a marketplace listing wants it. */
public final class Framer {
    private Framer() {}

    public static PixelImage frame(PixelImage image, FrameSpec spec) {
        boolean cutout = image.hasTransparency();
        Rectangle box = spec.trim() ? productBox(image, cutout, spec) : new Rectangle(0, 0, image.width(), image.height());
        double inner = 1 - 2 * spec.marginPercent() / 100;
        int[] canvas = canvasSize(box.width, box.height, inner, spec);
        double scale = Math.min(canvas[0] * inner / box.width, canvas[1] * inner / box.height);
        // The part of the source that lands on the canvas: a cut-out keeps its faint edges (a shadow, a glass's haze)
        // around the box; an opaque shot is cut to the box so its old backdrop does not show in the margins.
        Rectangle source = cutout ? visibleRegion(image, box, canvas, scale) : box;
        int pw = Math.max(1, (int) Math.round(source.width * scale));
        int ph = Math.max(1, (int) Math.round(source.height * scale));
        PixelImage cropped = crop(image, source);
        PixelImage placed = pw == source.width && ph == source.height ? cropped
                : PixelImage.of(Resampler.resize(cropped.toBufferedImage(), pw, ph));
        PixelImage out = spec.background() == null ? new PixelImage(canvas[0], canvas[1], new int[canvas[0] * canvas[1]])
                : new Backdrop.Plain(spec.background()).render(canvas[0], canvas[1]);
        int left = (int) Math.round(canvas[0] / 2.0 - (box.getCenterX() - source.x) * scale);
        int top = (int) Math.round(canvas[1] / 2.0 - (box.getCenterY() - source.y) * scale);
        Compositor.over(placed, out, left, top);
        return out;
    }

    /**
     * The product as it will look: for a cut-out going onto a colour, what stands out from that colour once placed on
     * it (so a near-invisible haze does not count, and the fill the checks measure is the fill framed); else its alpha.
     */
    private static Rectangle productBox(PixelImage image, boolean cutout, FrameSpec spec) {
        if (!cutout) return ProductBounds.of(image, spec.tolerance());
        if (spec.background() != null) {
            PixelImage placed = Compositor.place(image, new Backdrop.Plain(spec.background()), 0);
            Rectangle visible = ProductBounds.fromBorderColour(placed, spec.background().getRGB() & 0xFFFFFF, spec.tolerance());
            if (visible.width < image.width() || visible.height < image.height()) return visible;
        }
        return ProductBounds.fromAlpha(image);
    }

    /** The source rectangle that maps onto the canvas when the box's centre goes to the canvas's centre. */
    private static Rectangle visibleRegion(PixelImage image, Rectangle box, int[] canvas, double scale) {
        double halfW = canvas[0] / (2 * scale);
        double halfH = canvas[1] / (2 * scale);
        int x0 = (int) Math.max(0, Math.floor(box.getCenterX() - halfW));
        int y0 = (int) Math.max(0, Math.floor(box.getCenterY() - halfH));
        int x1 = (int) Math.min(image.width(), Math.ceil(box.getCenterX() + halfW));
        int y1 = (int) Math.min(image.height(), Math.ceil(box.getCenterY() + halfH));
        return new Rectangle(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }

    /** The canvas: exact if both sides are given, else the product plus margins, widened to the aspect and minimum. */
    static int[] canvasSize(int productWidth, int productHeight, double inner, FrameSpec spec) {
        if (spec.width() != null && spec.height() != null) return new int[]{spec.width(), spec.height()};
        double w = productWidth / inner;
        double h = productHeight / inner;
        if (spec.aspect() != null) {
            if (w / h < spec.aspect()) w = h * spec.aspect();
            else h = w / spec.aspect();
        }
        double longSide = Math.max(w, h);
        Integer fixed = spec.width() != null ? spec.width() : spec.height();
        double scale = 1;
        if (fixed != null) scale = fixed / (spec.width() != null ? w : h);
        else if (spec.minLongSide() != null && longSide < spec.minLongSide()) scale = spec.minLongSide() / longSide;
        return new int[]{Math.max(1, (int) Math.round(w * scale)), Math.max(1, (int) Math.round(h * scale))};
    }

    private static PixelImage crop(PixelImage image, Rectangle box) {
        int[] argb = new int[box.width * box.height];
        for (int y = 0; y < box.height; y++)
            System.arraycopy(image.argb(), (box.y + y) * image.width() + box.x, argb, y * box.width, box.width);
        return new PixelImage(box.width, box.height, argb);
    }
}
