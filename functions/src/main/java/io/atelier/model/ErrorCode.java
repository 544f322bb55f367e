package io.atelier.model;

import java.util.Locale;

/** Task error codes, as API.md lists them. */
public enum ErrorCode {
    INVALID_INPUT,
    PROVIDER_REFUSED,
    PROVIDER_THROTTLED,
    PROVIDER_UNAVAILABLE,
    PROVIDER_AUTH,
    PROVIDER_INVALID_REQUEST,
    TIMEOUT,
    EXHAUSTED,
    INTERNAL,
    /** Not started: its estimate would have taken the job's committed spend over its budget. */
    BUDGET_EXCEEDED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ErrorCode fromWire(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** False when the input or the request itself is wrong: the same task would fail the same way, so no retry is offered. */
    public boolean retryCanSucceed() {
        return this != INVALID_INPUT && this != PROVIDER_INVALID_REQUEST;
    }

    /** Worth trying again later: the provider was busy or away, not wrong about the request. */
    public boolean transientFault() {
        return this == PROVIDER_THROTTLED || this == PROVIDER_UNAVAILABLE || this == TIMEOUT;
    }
}
