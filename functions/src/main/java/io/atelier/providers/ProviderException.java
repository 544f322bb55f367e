package io.atelier.providers;

import io.atelier.model.ErrorCode;
import java.time.Duration;

/** A provider call that ended in one of the typed errors; the message is safe to show the user. */
public final class ProviderException extends Exception {
    private final ErrorCode code;
    private final Duration retryAfter;
    private final boolean workEnded;

    public ProviderException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ProviderException(ErrorCode code, String message, Duration retryAfter) {
        this(code, message, retryAfter, false);
    }

    private ProviderException(ErrorCode code, String message, Duration retryAfter, boolean workEnded) {
        super(message);
        this.code = code;
        this.retryAfter = retryAfter;
        this.workEnded = workEnded;
    }

    /**
     * The same error, said of the provider's own work rather than of one request: an asynchronous task that ended
     * this way, which looking at again will not change (unlike a poll request that merely failed).
     */
    public ProviderException workEnded() {
        return new ProviderException(code, getMessage(), retryAfter, true);
    }

    public boolean endedWork() {
        return workEnded;
    }

    public ErrorCode code() {
        return code;
    }

    /** The provider's own hint of when to try again, if it gave one. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
