package io.atelier.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.atelier.local.emulators.Endpoints;
import io.atelier.local.template.FunctionSpec;

/** Two stacks in one JVM: each invocation sees its own stack's values, whatever was applied globally last. */
class FunctionEnvironmentTest {

    private static FunctionSpec function(String table) {
        return new FunctionSpec("Fn", "atelier-Fn", "x.Handler", "handleRequest", 3, 128,
                Map.of("SCOPE_TEST_TABLE", table, "SCOPE_TEST_BLANK", ""), List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void invocationsSeeTheirOwnStack() throws Exception {
        Endpoints one = new Endpoints(URI.create("http://127.0.0.1:1"), URI.create("http://127.0.0.1:2"),
                URI.create("http://127.0.0.1:3"), false);
        Endpoints other = Endpoints.external(URI.create("http://127.0.0.1:4566"));
        try (FunctionEnvironment first = FunctionEnvironment.apply(List.of(function("first")), one);
             FunctionEnvironment second = FunctionEnvironment.apply(List.of(function("second")), other)) {
            assertThat(System.getProperty("SCOPE_TEST_TABLE")).isEqualTo("second");
            assertThat(first.callIn(() -> System.getProperty("SCOPE_TEST_TABLE"))).isEqualTo("first");
            assertThat(first.callIn(() -> System.getProperty("AWS_ENDPOINT_URL_SQS"))).isEqualTo("http://127.0.0.1:2");
            assertThat(first.callIn(() -> System.getProperty("AWS_ENDPOINT_URL"))).isEmpty();
            assertThat(second.callIn(() -> System.getProperty("AWS_ENDPOINT_URL"))).isEqualTo("http://127.0.0.1:4566");
            // Threads an invocation starts inherit its view.
            String[] seen = new String[1];
            first.callIn(() -> {
                Thread t = Thread.ofPlatform().start(() -> seen[0] = System.getProperty("SCOPE_TEST_TABLE"));
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
            assertThat(seen[0]).isEqualTo("first");
            assertThat(first.applied()).containsEntry("SCOPE_TEST_BLANK", "");
        }
        assertThat(System.getProperty("SCOPE_TEST_TABLE")).isNull();
    }
}
