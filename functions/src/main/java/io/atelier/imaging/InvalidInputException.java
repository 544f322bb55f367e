package io.atelier.imaging;

/**
 * The caller asked for something that cannot be done (an upscale factor of 3, an empty watermark); the message is
 * written for them. The one unchecked error that means "your input is wrong": any other IllegalArgumentException is a
 * bug and must not be blamed on the user.
 */
public final class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
