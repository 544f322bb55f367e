package io.atelier.local.lambda;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.local.emulators.Endpoints;
import io.atelier.local.emulators.LocalCredentials;
import io.atelier.local.template.FunctionSpec;

/**
 * The functions' environment as JVM system properties (handlers read configuration through {@code Env}, where a
 * system property wins over the environment), plus where the AWS services are and the local credentials. The
 * functions of a stack share one set (they share their Globals; a conflicting value is reported). Invocations see
 * their own stack's set through {@link #callIn}; the set is also applied globally, for code running outside any
 * invocation. {@link #close()} restores the previous global properties.
 */
public final class FunctionEnvironment implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionEnvironment.class);

    private final Map<String, String> previous = new HashMap<>();
    private final Map<String, String> applied;

    private FunctionEnvironment(Map<String, String> applied) {
        this.applied = applied;
    }

    public static FunctionEnvironment apply(List<FunctionSpec> functions, Endpoints endpoints) {
        return apply(functions, endpoints, Map.of());
    }

    /** {@code extra} wins over the template: tests point a provider's base URL at a stand-in this way. */
    public static FunctionEnvironment apply(List<FunctionSpec> functions, Endpoints endpoints, Map<String, String> extra) {
        Map<String, String> props = new LinkedHashMap<>();
        for (FunctionSpec function : functions) {
            function.environment().forEach((name, value) -> {
                if (name.equals("JAVA_TOOL_OPTIONS")) return;
                String other = props.putIfAbsent(name, value);
                if (other != null && !other.equals(value)) {
                    LOG.warn("{} sets {} to a value other functions do not; in one JVM the first one is used",
                            function.logicalId(), name);
                    props.put(name, other);
                }
            });
        }
        // A blank template value (e.g. an API key parameter left empty) must not hide what the developer exported.
        props.entrySet().removeIf(e -> e.getValue().isBlank() && !blank(System.getenv(e.getKey())));
        props.putAll(extra);
        // JVM options for Lambda's own JVM: meaningless inside this one, and they differ per function by design.
        props.remove("JAVA_TOOL_OPTIONS");

        String region = LocalCredentials.REGION;
        // One endpoint for all services only when it is one external stack; blank (= unset) next to the emulators.
        props.put("AWS_ENDPOINT_URL", endpoints.external() ? endpoints.s3().toString() : "");
        props.put("AWS_ENDPOINT_URL_DYNAMODB", endpoints.dynamodb().toString());
        props.put("AWS_ENDPOINT_URL_SQS", endpoints.sqs().toString());
        props.put("AWS_ENDPOINT_URL_S3", endpoints.s3().toString());
        // The SDK's own service-specific settings, so that even a client built without an override finds them.
        props.put("aws.endpointUrlDynamoDb", endpoints.dynamodb().toString());
        props.put("aws.endpointUrlSqs", endpoints.sqs().toString());
        props.put("aws.endpointUrlS3", endpoints.s3().toString());
        props.put("AWS_REGION", region);
        props.put("AWS_DEFAULT_REGION", region);
        props.put("aws.region", region);
        props.put("aws.accessKeyId", LocalCredentials.ACCESS_KEY);
        props.put("aws.secretAccessKey", LocalCredentials.SECRET_KEY);

        ScopedSystemProperties.install();
        FunctionEnvironment env = new FunctionEnvironment(Map.copyOf(props));
        props.forEach((name, value) -> {
            env.previous.put(name, System.getProperty(name));
            System.setProperty(name, value);
        });
        return env;
    }

    /** The properties this environment set (names to values). */
    public Map<String, String> applied() {
        return applied;
    }

    /** Runs {@code work} seeing this environment's values, whatever other stacks set globally since. */
    public <T> T callIn(Supplier<T> work) {
        return ScopedSystemProperties.callIn(applied, work);
    }

    @Override
    public void close() {
        previous.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
