package io.atelier.core;

import io.atelier.model.FieldError;

/** The Idempotency-Key of this request was used within its lifetime for a different request. */
public final class IdempotencyKeyReusedException extends DomainException {
    private static final long serialVersionUID = 1L;

    public IdempotencyKeyReusedException(String detail) {
        super(detail);
    }

    /** The header, named as a field. */
    public FieldError error() {
        return new FieldError("Idempotency-Key", "already used for a different request");
    }
}
