package io.atelier.core;

import io.atelier.model.FieldError;
import java.util.List;

/** A request the core refuses as invalid, with each bad field named. */
public final class InvalidRequestException extends DomainException {
    private static final long serialVersionUID = 1L;
    private final transient List<FieldError> errors;

    public InvalidRequestException(String detail, List<FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String field, String message) {
        this(message, List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
