package io.atelier.providers;

public record FieldProblem(String field, String message) {}
