package io.atelier.providers;

import io.atelier.model.ErrorCode;
import io.atelier.providers.http.Failures;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Provider keys and endpoints. Locally they come from the environment ({@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}…);
 * in AWS the keys come from the Secrets Manager secret named by {@code PROVIDER_KEYS_SECRET_ID}, read only when a key
 * is first needed and kept for the container's life once read. A failed read is never kept: the next need reads again.
 */
public final class ProviderSettings {
    private final Function<String, Optional<String>> environment;
    private final Supplier<Map<String, String>> secret;

    private ProviderSettings(Function<String, Optional<String>> environment, Supplier<Map<String, String>> secret) {
        this.environment = environment;
        this.secret = memoize(secret);
    }

    /**
     * Values from {@code environment}; keys missing there from {@code secret}, asked only when a key is first needed.
     *
     * @param secret the deployment's keys; throws {@link SecretUnavailableException} when they cannot be read just now
     */
    public static ProviderSettings from(Map<String, String> environment, Supplier<Map<String, String>> secret) {
        return new ProviderSettings(
                name -> Optional.ofNullable(environment.get(name))
                        .filter(v -> !v.isBlank())
                        .map(String::strip),
                secret);
    }

    /** Fixed values, for tests. */
    public static ProviderSettings of(Map<String, String> values) {
        return new ProviderSettings(
                name -> Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank()), Map::of);
    }

    /**
     * A key: the environment wins (local runs), else the deployment's secret.
     *
     * @throws SecretUnavailableException when the secret could not be read just now
     */
    public Optional<String> key(String name) {
        return environment
                .apply(name)
                .or(() -> Optional.ofNullable(secret.get().get(name)).filter(v -> !v.isBlank()));
    }

    /**
     * Whether a provider needing key {@code name} may take jobs. While the secret cannot be read the answer is yes: its
     * tasks then fail {@code provider_unavailable} and are retried, where a "no" would refuse every job for a blip.
     */
    public boolean configured(String name) {
        try {
            return key(name).isPresent();
        } catch (SecretUnavailableException e) {
            return true;
        }
    }

    /** The key for a call: {@code provider_auth} when none is configured, {@code provider_unavailable} during a blip. */
    public String requireKey(String name, String provider) throws ProviderException {
        try {
            return key(name).orElseThrow(() -> Failures.auth(provider, "no API key is configured"));
        } catch (SecretUnavailableException e) {
            throw new ProviderException(
                    ErrorCode.PROVIDER_UNAVAILABLE,
                    provider + " could not be called: " + e.getMessage() + ". Atelier tries again shortly.");
        }
    }

    /** A plain setting such as a base URL, with the provider's public default. Trailing slashes are dropped. */
    public String value(String name, String fallback) {
        String value = environment.apply(name).orElse(fallback);
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    public Optional<String> value(String name) {
        return environment.apply(name);
    }

    /** Keeps the first value {@code supplier} returns; a call that throws keeps nothing, so the next one tries again. */
    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T current = value;
                if (current == null) {
                    synchronized (this) {
                        if (value == null) value = supplier.get();
                        current = value;
                    }
                }
                return current;
            }
        };
    }
}
