package io.atelier.model;

public record TaskError(ErrorCode code, String message, boolean retryable) {}
