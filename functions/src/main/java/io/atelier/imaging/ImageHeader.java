package io.atelier.imaging;

/** What the first bytes of an image file say about it, read without decoding any pixels. */
public record ImageHeader(ImageFormat format, int width, int height) {

    public long pixels() {
        return (long) width * height;
    }
}
