package io.atelier.providers;

/** The provider-keys secret could not be read just now (throttled, a network blip, Secrets Manager away): try later. */
public final class SecretUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecretUnavailableException(String reason) {
        super(reason);
    }
}
