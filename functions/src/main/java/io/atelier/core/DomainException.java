package io.atelier.core;

/**
 * A request the core refuses, in the core's own terms: the entry points decide how each kind is answered (over HTTP,
 * as RFC 9457 problem details). Sealed, so a new kind cannot be thrown before every entry point knows it.
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFoundException,
                ConflictException,
                InvalidRequestException,
                IdempotencyKeyReusedException,
                PlanRefusedException,
                QuotaExceededException {
    private static final long serialVersionUID = 1L;

    DomainException(String detail) {
        super(detail);
    }
}
