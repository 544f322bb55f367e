package io.atelier.studio;

import java.awt.Color;

/**
 * How to frame a product: trimmed to it, centred with a margin (percent of the frame on each side), on a canvas of
 * an exact size, an aspect ratio or the product's own shape, at least {@code minLongSide} long.
 *
 * @param background null keeps transparency around the product
 */
public record FrameSpec(
        boolean trim,
        double marginPercent,
        Integer width,
        Integer height,
        Double aspect,
        Integer minLongSide,
        Color background,
        int tolerance) {
    public FrameSpec {
        if (marginPercent < 0 || marginPercent >= 50)
            throw new IllegalArgumentException("margin must be from 0 to under 50 percent");
    }
}
