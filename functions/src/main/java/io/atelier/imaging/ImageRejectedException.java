package io.atelier.imaging;

/** An uploaded image cannot be used; the message is written for the person who uploaded it. */
public final class ImageRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    public ImageRejectedException(String reason) {
        super(reason);
    }

    public ImageRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
