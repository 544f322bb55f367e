package io.atelier.providers.local;

/** How large the local engine's result would be, so an output it cannot make is refused before any work. */
final class OutputSize {
    private OutputSize() {}

    /** Why the result of this operation on a width × height input is too large, or null. */
    static String problem(String operation, LocalParams params, int width, int height) {
        long max = LocalProvider.MAX_OUTPUT_PIXELS;
        switch (operation) {
            case "upscale" -> {
                long factor = params.integer("factor", 2);
                long pixels = width * factor * height * factor;
                if (pixels > max) return "upscale ×" + factor + " of " + width + "×" + height + " would be " + megapixels(pixels)
                        + " MP; local makes at most " + megapixels(max) + " MP";
            }
            case "resize" -> {
                Integer w = params.integerOrNull("width");
                Integer h = params.integerOrNull("height");
                if (w == null && h == null) return null;
                long outWidth = w != null ? w : Math.max(1, Math.round((double) h * width / height));
                long outHeight = h != null ? h : Math.max(1, Math.round((double) w * height / width));
                if (outWidth * outHeight > max) return "resize of " + width + "×" + height + " to " + outWidth + "×" + outHeight
                        + " would be " + megapixels(outWidth * outHeight) + " MP; local makes at most " + megapixels(max) + " MP";
            }
            default -> { }
        }
        return null;
    }

    private static long megapixels(long pixels) {
        return Math.round(pixels / 1_000_000.0);
    }
}
