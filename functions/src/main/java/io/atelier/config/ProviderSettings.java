package io.atelier.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Provider keys and endpoints. Locally they come from the environment ({@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}…);
 * in AWS the keys come from the Secrets Manager secret named by {@code PROVIDER_KEYS_SECRET_ID}, read once per
 * container and only when a key is first needed.
 */
public final class ProviderSettings {
    private final Function<String, Optional<String>> environment;
    private final Supplier<Map<String, String>> secret;

    private ProviderSettings(Function<String, Optional<String>> environment, Supplier<Map<String, String>> secret) {
        this.environment = environment;
        this.secret = memoize(secret);
    }

    public static ProviderSettings fromEnv() {
        return new ProviderSettings(Env::optional, () -> Env.optional("PROVIDER_KEYS_SECRET_ID")
                .map(SecretsManagerKeys::load).orElse(Map.of()));
    }

    /** Fixed values, for tests. */
    public static ProviderSettings of(Map<String, String> values) {
        return new ProviderSettings(name -> Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank()), Map::of);
    }

    /** A key: the environment wins (local runs), else the deployment's secret. */
    public Optional<String> key(String name) {
        return environment.apply(name).or(() -> Optional.ofNullable(secret.get().get(name)).filter(v -> !v.isBlank()));
    }

    /** A plain setting such as a base URL, with the provider's public default. Trailing slashes are dropped. */
    public String value(String name, String fallback) {
        String value = environment.apply(name).orElse(fallback);
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    public Optional<String> value(String name) {
        return environment.apply(name);
    }

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
