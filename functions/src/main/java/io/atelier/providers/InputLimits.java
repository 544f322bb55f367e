package io.atelier.providers;

import io.atelier.imaging.ImageFormat;
import java.util.Set;

/**
 * What a provider accepts as input; {@link InputFitter} makes an image fit before it is sent. {@code maxAspect} bounds
 * the long side over the short one (0: no bound): scaling cannot fix proportions, so such an input is refused.
 */
public record InputLimits(
        long maxBytes, long maxPixels, int maxSide, int minSide, Set<ImageFormat> formats, double maxAspect) {
    public static InputLimits of(long maxBytes, long maxPixels, int maxSide, int minSide, Set<ImageFormat> formats) {
        return new InputLimits(maxBytes, maxPixels, maxSide, minSide, formats, 0);
    }

    public InputLimits withMaxAspect(double ratio) {
        return new InputLimits(maxBytes, maxPixels, maxSide, minSide, formats, ratio);
    }

    public InputLimits withMaxBytes(long bytes) {
        return new InputLimits(bytes, maxPixels, maxSide, minSide, formats, maxAspect);
    }
}
