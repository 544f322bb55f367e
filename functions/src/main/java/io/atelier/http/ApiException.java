package io.atelier.http;

import io.atelier.model.FieldError;
import java.util.List;
import java.util.Map;

/** A request the API refuses, answered as RFC 9457 problem details. */
public final class ApiException extends RuntimeException {
    static final String NOT_FOUND = "/problems/not-found";
    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public ApiException(int status, String type, String title, String detail, List<FieldError> errors) {
        this(status, type, title, detail, errors, Map.of());
    }

    /** With headers of its own, such as a 429's {@code Retry-After}. */
    public ApiException(
            int status,
            String type,
            String title,
            String detail,
            List<FieldError> errors,
            Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ApiException validation(String detail, List<FieldError> errors) {
        return new ApiException(400, "/problems/validation", "Invalid request", detail, errors);
    }

    public static ApiException validation(String field, String message) {
        return validation(message, List.of(new FieldError(field, message)));
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "/problems/bad-request", "Bad request", detail, null);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, NOT_FOUND, "Not found", what + " was not found.", null);
    }

    public static ApiException unauthorized() {
        return new ApiException(
                401,
                "/problems/unauthorized",
                "Unauthorized",
                "Sign in again: the request carries no valid identity.",
                null);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "/problems/conflict", "Conflict", detail, null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
