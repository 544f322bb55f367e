package io.atelier.model;

/** One problem with one field of a request, e.g. {@code items[3].imageId}: "unknown image". */
public record FieldError(String field, String message) {}
