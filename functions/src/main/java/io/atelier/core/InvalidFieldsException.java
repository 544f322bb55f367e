package io.atelier.core;

import io.atelier.http.FieldError;
import java.util.List;

/** A request the core refuses, with each bad field named; the HTTP layer answers it as a 400 problem. */
public final class InvalidFieldsException extends RuntimeException {
    private final transient List<FieldError> errors;

    public InvalidFieldsException(String detail, List<FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public InvalidFieldsException(String field, String message) {
        this(message, List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
