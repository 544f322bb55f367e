package io.atelier.core;

import io.atelier.model.FieldError;

/** The caller's plan does not include what the request asks for (a provider, an operation, a model, that many items). */
public final class PlanRefusedException extends DomainException {
    private static final long serialVersionUID = 1L;
    private final transient FieldError error;
    private final String plan;

    PlanRefusedException(String plan, String field, String message) {
        super("Your plan (" + plan + ") " + message + ".");
        this.plan = plan;
        this.error = new FieldError(field, message);
    }

    public FieldError error() {
        return error;
    }

    public String plan() {
        return plan;
    }
}
