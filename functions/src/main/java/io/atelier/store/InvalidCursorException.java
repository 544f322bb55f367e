package io.atelier.store;

public final class InvalidCursorException extends RuntimeException {
    public InvalidCursorException() {
        super("The cursor is not one this list gave out.");
    }
}
