package io.atelier.imaging;

/**
 * What the first bytes of an image file say about it, read without decoding any pixels. {@code components} is the
 * JPEG frame's colour component count (1 grey, 3 YCbCr or RGB, 4 CMYK or YCCK), null for other formats.
 */
public record ImageHeader(ImageFormat format, int width, int height, Integer components) {

    public ImageHeader(ImageFormat format, int width, int height) {
        this(format, width, height, null);
    }

    public long pixels() {
        return (long) width * height;
    }
}
