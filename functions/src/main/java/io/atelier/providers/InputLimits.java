package io.atelier.providers;

import io.atelier.imaging.ImageFormat;
import java.util.Set;

/** What a provider accepts as input; {@link InputFitter} makes an image fit before it is sent. */
public record InputLimits(long maxBytes, long maxPixels, int maxSide, int minSide, Set<ImageFormat> formats) {
    public static InputLimits of(long maxBytes, long maxPixels, int maxSide, int minSide, Set<ImageFormat> formats) {
        return new InputLimits(maxBytes, maxPixels, maxSide, minSide, formats);
    }
}
