package io.atelier.providers;

import io.atelier.model.ErrorCode;
import java.time.Duration;

/** A provider call that ended in one of the typed errors; the message is safe to show the user. */
public final class ProviderException extends Exception {
    private final ErrorCode code;
    private final Duration retryAfter;

    public ProviderException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ProviderException(ErrorCode code, String message, Duration retryAfter) {
        super(message);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public ErrorCode code() {
        return code;
    }

    /** The provider's own hint of when to try again, if it gave one. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
