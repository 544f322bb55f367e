package io.atelier.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.local.emulators.Endpoints;
import io.atelier.local.template.FunctionSpec;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two stacks in one JVM: each function gets its own stack's values in its own map; nothing is set JVM-wide. */
class FunctionEnvironmentTest {

    private static FunctionSpec function(String id, String table) {
        return new FunctionSpec(
                id,
                "atelier-" + id,
                "x.Handler",
                "handleRequest",
                3,
                128,
                Map.of("SCOPE_TEST_TABLE", table, "SCOPE_TEST_BLANK", "", "JAVA_TOOL_OPTIONS", "-Xshare:off"),
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }

    @Test
    void eachFunctionGetsItsOwnStacksValues() {
        Endpoints one = new Endpoints(
                URI.create("http://127.0.0.1:1"),
                URI.create("http://127.0.0.1:2"),
                URI.create("http://127.0.0.1:3"),
                false);
        Endpoints other = Endpoints.external(URI.create("http://127.0.0.1:4566"));
        FunctionSpec firstFn = function("First", "first");
        FunctionSpec secondFn = function("Second", "second");
        FunctionEnvironment first = FunctionEnvironment.of(List.of(firstFn), one, Map.of("EXTRA", "x"));
        FunctionEnvironment second = FunctionEnvironment.of(List.of(secondFn), other);

        Map<String, String> firstEnv = first.forFunction(firstFn);
        assertThat(firstEnv)
                .containsEntry("SCOPE_TEST_TABLE", "first")
                .containsEntry("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:2")
                .containsEntry("AWS_ENDPOINT_URL", "")
                .containsEntry("EXTRA", "x")
                .containsEntry("SCOPE_TEST_BLANK", "")
                .containsEntry("AWS_REGION", "us-east-1")
                .containsKey("AWS_ACCESS_KEY_ID")
                .doesNotContainKey("JAVA_TOOL_OPTIONS");
        assertThat(second.forFunction(secondFn))
                .containsEntry("SCOPE_TEST_TABLE", "second")
                .containsEntry("AWS_ENDPOINT_URL", "http://127.0.0.1:4566")
                .doesNotContainKey("EXTRA");
        assertThat(first.values())
                .containsEntry("SCOPE_TEST_TABLE", "first")
                .containsEntry("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:3");
        assertThat(System.getProperty("SCOPE_TEST_TABLE")).isNull();
        assertThat(System.getProperty("AWS_ENDPOINT_URL_SQS")).isNull();
    }

    @Test
    void aBlankTemplateValueDoesNotHideTheRunnersOwnEnvironment() {
        String exported = System.getenv().keySet().stream()
                .filter(name -> !name.startsWith("AWS_")
                        && !name.equals("JAVA_TOOL_OPTIONS")
                        && !System.getenv(name).isBlank())
                .findFirst()
                .orElseThrow();
        FunctionSpec spec = new FunctionSpec(
                "Fn",
                "atelier-Fn",
                "x.Handler",
                "handleRequest",
                3,
                128,
                Map.of(exported, ""),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        Map<String, String> env = FunctionEnvironment.of(
                        List.of(spec), Endpoints.external(URI.create("http://127.0.0.1:9")))
                .forFunction(spec);
        assertThat(env).containsEntry(exported, System.getenv(exported));
    }

    /** The worker's layers (/opt/models/u2netp.onnx, /opt/libvips) are not here: the code's local defaults apply. */
    @Test
    void aPathIntoALayerIsLeftOut() {
        FunctionSpec spec = new FunctionSpec(
                "Worker",
                "atelier-Worker",
                "x.Handler",
                "handleRequest",
                3,
                128,
                Map.of("CUTOUT_MODEL_PATH", "/opt/models/u2netp.onnx", "SCOPE_TEST_DIR", "/optional"),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        Map<String, String> env = FunctionEnvironment.of(
                        List.of(spec), Endpoints.external(URI.create("http://127.0.0.1:9")))
                .forFunction(spec);
        assertThat(env.get("CUTOUT_MODEL_PATH")).isEqualTo(System.getenv("CUTOUT_MODEL_PATH"));
        assertThat(env).containsEntry("SCOPE_TEST_DIR", "/optional");
    }
}
