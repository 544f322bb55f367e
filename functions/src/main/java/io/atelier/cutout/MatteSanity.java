package io.atelier.cutout;

import io.atelier.imaging.InvalidInputException;

/**
 * Refuses a matte that holds no product: all background (nothing salient, or a model that answers the same for every
 * pixel). Writing such a matte out would hand the user an empty transparent image that looks like a success.
 */
final class MatteSanity {
    /** Below this share of pixels at least half opaque, there is no product to cut out. */
    static final double MIN_FOREGROUND = 0.002;
    /** A matte whose values all lie this close together says nothing about where the product is. */
    static final float MIN_SPREAD = 0.05f;

    private MatteSanity() {}

    static Plane checked(Plane matte) {
        float[] values = matte.values();
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        int foreground = 0;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (v >= 0.5f) foreground++;
        }
        if (max - min < MIN_SPREAD || foreground < MIN_FOREGROUND * values.length) {
            throw new InvalidInputException(
                    "No product stands out from the background in this photo, so nothing was cut out "
                            + "(try a photo where the product contrasts with its background, or frame it without a cut-out)");
        }
        return matte;
    }
}
