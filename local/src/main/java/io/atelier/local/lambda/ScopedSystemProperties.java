package io.atelier.local.lambda;

import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * System properties that answer a thread running a function from that function's stack first. Handlers read their
 * configuration from system properties, which are global; with two stacks in one JVM (test suites do that) each
 * invocation, and the threads it starts, must still see its own stack's table, queue and endpoints.
 */
final class ScopedSystemProperties extends Properties {

    private static final InheritableThreadLocal<Map<String, String>> SCOPE = new InheritableThreadLocal<>();

    private ScopedSystemProperties() {
    }

    /** Puts the scoped view in place of the system properties (once; it keeps every existing property). */
    static synchronized void install() {
        Properties current = System.getProperties();
        if (!(current instanceof ScopedSystemProperties)) {
            ScopedSystemProperties scoped = new ScopedSystemProperties();
            scoped.putAll(current);
            System.setProperties(scoped);
        }
    }

    /** Runs {@code work} with {@code scope} taking precedence over the global system properties. */
    static <T> T callIn(Map<String, String> scope, Supplier<T> work) {
        Map<String, String> previous = SCOPE.get();
        SCOPE.set(scope);
        try {
            return work.get();
        } finally {
            SCOPE.set(previous);
        }
    }

    @Override
    public String getProperty(String key) {
        Map<String, String> scope = SCOPE.get();
        String value = scope == null ? null : scope.get(key);
        return value != null ? value : super.getProperty(key);
    }

    @Override
    public String getProperty(String key, String defaultValue) {
        String value = getProperty(key);
        return value != null ? value : defaultValue;
    }
}
