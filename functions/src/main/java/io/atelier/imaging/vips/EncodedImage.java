package io.atelier.imaging.vips;

import io.atelier.imaging.ImageFormat;
import java.util.List;

/**
 * An encoded result and its size. {@code notes} tell the user what the engine did that they might not expect
 * (for example that only the first frame of an animation was used); empty when there is nothing to say.
 */
public record EncodedImage(byte[] bytes, ImageFormat format, int width, int height, List<String> notes) {}
