package io.atelier.core;

import io.atelier.model.FieldError;

/** A quota of the caller's plan is used up for now: {@code retryAfterSeconds} until it frees up (the day or month rolls over). */
public final class QuotaExceededException extends DomainException {
    private static final long serialVersionUID = 1L;
    private final String quota;
    private final String plan;
    private final long retryAfterSeconds;

    QuotaExceededException(String plan, String quota, String detail, long retryAfterSeconds) {
        super(detail);
        this.plan = plan;
        this.quota = quota;
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** The quota, named as a field: {@code quotas.imagesPerDay}. */
    public FieldError error() {
        return new FieldError("quotas." + quota, "the " + plan + " plan's " + quota + " is used up");
    }

    public String quota() {
        return quota;
    }

    public String plan() {
        return plan;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
