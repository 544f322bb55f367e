package io.atelier.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Typed, checked reads of one environment map; a blank value counts as unset. Values never appear in errors. */
final class EnvironmentValues {
    private final Map<String, String> environment;

    EnvironmentValues(Map<String, String> environment) {
        this.environment = environment;
    }

    Optional<String> text(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    int integer(String name, int fallback, int min, int max) {
        Optional<String> value = text(name);
        if (value.isEmpty()) return fallback;
        int number;
        try {
            number = Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name, "must be a whole number from " + min + " to " + max);
        }
        if (number < min || number > max)
            throw new ConfigurationException(name, "must be from " + min + " to " + max + ", not " + number);
        return number;
    }

    boolean flag(String name, boolean fallback) {
        Optional<String> value = text(name);
        if (value.isEmpty()) return fallback;
        if (value.get().equalsIgnoreCase("true")) return true;
        if (value.get().equalsIgnoreCase("false")) return false;
        throw new ConfigurationException(name, "must be true or false");
    }

    /** A duration given in whole seconds. */
    Duration seconds(String name, Duration fallback, int min, int max) {
        return Duration.ofSeconds(integer(name, (int) fallback.toSeconds(), min, max));
    }

    Optional<URI> uri(String name) {
        return text(name).map(value -> {
            try {
                URI uri = URI.create(value);
                if (uri.getScheme() == null || uri.getHost() == null) throw new IllegalArgumentException();
                return uri;
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(name, "must be an absolute http(s) URL");
            }
        });
    }

    /** A value with its own syntax; the parser's IllegalArgumentException becomes a start-up error naming the variable. */
    <T> T parsed(String name, Function<String, T> parser, T fallback) {
        Optional<String> value = text(name);
        if (value.isEmpty()) return fallback;
        try {
            return parser.apply(value.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(name, e.getMessage());
        }
    }
}
