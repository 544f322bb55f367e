package io.atelier.providers.local;

import io.atelier.imaging.ImageInspector;

/**
 * How large the local engine's result would be, so an output it cannot make is refused before any work: the same
 * bounds the image operations enforce (ImageInspector's pixel and side limits).
 */
final class OutputSize {
    private OutputSize() {}

    /** Why the result of this operation on a width × height input is too large, or null. */
    static String problem(String operation, LocalParams params, int width, int height) {
        long outWidth;
        long outHeight;
        String what;
        switch (operation) {
            case "upscale" -> {
                long factor = params.integer("factor", 2);
                outWidth = width * factor;
                outHeight = height * factor;
                what = "upscale ×" + factor + " of " + width + "×" + height;
            }
            case "resize" -> {
                Integer w = params.integerOrNull("width");
                Integer h = params.integerOrNull("height");
                if (w == null && h == null) return null;
                outWidth = w != null ? w : Math.max(1, Math.round((double) h * width / height));
                outHeight = h != null ? h : Math.max(1, Math.round((double) w * height / width));
                what = "resize of " + width + "×" + height + " to " + outWidth + "×" + outHeight;
            }
            default -> {
                return null;
            }
        }
        long max = LocalProvider.MAX_OUTPUT_PIXELS;
        if (outWidth * outHeight > max)
            return what + " would be " + megapixels(outWidth * outHeight) + " MP; local makes at most "
                    + megapixels(max) + " MP";
        if (outWidth > ImageInspector.MAX_SIDE || outHeight > ImageInspector.MAX_SIDE)
            return what + " would be " + outWidth + "×" + outHeight + " pixels; local makes no side longer than "
                    + ImageInspector.MAX_SIDE;
        return null;
    }

    private static long megapixels(long pixels) {
        return Math.round(pixels / 1_000_000.0);
    }
}
