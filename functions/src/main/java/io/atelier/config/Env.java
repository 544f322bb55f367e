package io.atelier.config;

import java.util.Optional;

/** Configuration lookup. A system property wins over the environment so the in-process local runner can configure handlers. */
public final class Env {
    private Env() {}

    public static Optional<String> optional(String name) {
        String value = System.getProperty(name);
        if (value == null) value = System.getenv(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public static String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException("Missing configuration: " + name));
    }

    public static String get(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    public static int getInt(String name, int fallback) {
        return optional(name).map(Integer::parseInt).orElse(fallback);
    }
}
