package io.atelier.studio;

import io.atelier.cutout.PixelImage;
import io.atelier.imaging.Resampler;
import java.awt.Rectangle;

/** Trims an image to its product and centres it on a new canvas, as a marketplace listing wants it. */
public final class Framer {
    private Framer() {}

    public static PixelImage frame(PixelImage image, FrameSpec spec) {
        boolean cutout = image.hasTransparency();
        Rectangle box =
                spec.trim() ? productBox(image, cutout, spec) : new Rectangle(0, 0, image.width(), image.height());
        double inner = 1 - 2 * spec.marginPercent() / 100;
        int[] canvas = canvasSize(box.width, box.height, inner, spec);
        double scale = Math.min(canvas[0] * inner / box.width, canvas[1] * inner / box.height);
        // Cut to the box: what lies outside differs from the new background by less than the tolerance (a haze, a
        // shadow's rim) and would otherwise reach into the margins, where marketplaces want the background pure.
        int pw = Math.max(1, (int) Math.round(box.width * scale));
        int ph = Math.max(1, (int) Math.round(box.height * scale));
        PixelImage cropped = crop(image, box);
        PixelImage placed = pw == box.width && ph == box.height
                ? cropped
                : PixelImage.of(Resampler.resize(cropped.toBufferedImage(), pw, ph));
        PixelImage out = spec.background() == null
                ? new PixelImage(canvas[0], canvas[1], new int[canvas[0] * canvas[1]])
                : new Backdrop.Plain(spec.background()).render(canvas[0], canvas[1]);
        Compositor.over(placed, out, (canvas[0] - pw) / 2, (canvas[1] - ph) / 2);
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
            Rectangle visible =
                    ProductBounds.fromBorderColour(placed, spec.background().getRGB() & 0xFFFFFF, spec.tolerance());
            if (visible.width < image.width() || visible.height < image.height()) return visible;
        }
        return ProductBounds.fromAlpha(image);
    }

    /** The canvas: exact if both sides are given, else the product plus margins, widened to the aspect and minimum. */
    static int[] canvasSize(int productWidth, int productHeight, double inner, FrameSpec spec) {
        if (spec.width() != null && spec.height() != null) return new int[] {spec.width(), spec.height()};
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
        return new int[] {Math.max(1, (int) Math.round(w * scale)), Math.max(1, (int) Math.round(h * scale))};
    }

    private static PixelImage crop(PixelImage image, Rectangle box) {
        int[] argb = new int[box.width * box.height];
        for (int y = 0; y < box.height; y++)
            System.arraycopy(image.argb(), (box.y + y) * image.width() + box.x, argb, y * box.width, box.width);
        return new PixelImage(box.width, box.height, argb);
    }
}
