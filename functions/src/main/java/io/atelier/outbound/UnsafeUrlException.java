package io.atelier.outbound;

/** A URL Atelier will not call on a user's behalf; the message says why in words a user can act on. */
public final class UnsafeUrlException extends RuntimeException {
    public UnsafeUrlException(String message) {
        super(message);
    }
}
