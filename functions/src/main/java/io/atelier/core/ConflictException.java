package io.atelier.core;

/** The request is well formed but the thing it names is not in a state that allows it (retrying a succeeded task). */
public final class ConflictException extends DomainException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String detail) {
        super(detail);
    }
}
