package io.atelier.imaging.vips;

/** libvips refused an operation; the message is libvips' own error text. */
public final class VipsException extends RuntimeException {
    VipsException(String message) {
        super(message);
    }
}
