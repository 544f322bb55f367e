package io.atelier.local.lambda;

import io.atelier.local.emulators.Endpoints;
import io.atelier.local.emulators.LocalCredentials;
import io.atelier.local.template.FunctionSpec;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each function of one stack finds in its environment, as Lambda would give it: the runner's own environment,
 * under the function's template variables, under the caller's extras, under where this stack's AWS services are and
 * the local credentials. Each function gets its own map (handed to the handler's environment constructor); nothing
 * is set JVM-wide, so two stacks in one JVM never see each other's table, queue or endpoints.
 */
public final class FunctionEnvironment {

    /**
     * The runner's plans unless the developer gives others ({@code PLANS}): the shipped ones and a
     * {@code local} plan without limits (usage is still counted) everyone without a plan gets, so {@code make run} is fully usable;
     * {@code POST /local/token {"plan": "basic"}} tries a stricter one.
     */
    static final String LOCAL_PLANS = "{\"default\": \"local\", \"plans\": {\"local\": {}}}";

    /** Where Lambda mounts a function's layers (libvips, ONNX Runtime, the cut-out model): the runner has none. */
    private static final String LAYERS = "/opt/";

    private final List<FunctionSpec> functions;
    private final Map<String, String> stack;

    private FunctionEnvironment(List<FunctionSpec> functions, Map<String, String> stack) {
        this.functions = functions;
        this.stack = stack;
    }

    public static FunctionEnvironment of(List<FunctionSpec> functions, Endpoints endpoints) {
        return of(functions, endpoints, Map.of());
    }

    /** {@code extra} wins over the template: tests point a provider's base URL at a stand-in this way. */
    public static FunctionEnvironment of(List<FunctionSpec> functions, Endpoints endpoints, Map<String, String> extra) {
        Map<String, String> stack = new LinkedHashMap<>(extra);
        // One endpoint for all services only when it is one external stack; blank (= unset) next to the emulators.
        stack.put("AWS_ENDPOINT_URL", endpoints.external() ? endpoints.s3().toString() : "");
        stack.put("AWS_ENDPOINT_URL_DYNAMODB", endpoints.dynamodb().toString());
        stack.put("AWS_ENDPOINT_URL_SQS", endpoints.sqs().toString());
        stack.put("AWS_ENDPOINT_URL_S3", endpoints.s3().toString());
        stack.put("AWS_REGION", LocalCredentials.REGION);
        stack.put("AWS_DEFAULT_REGION", LocalCredentials.REGION);
        stack.put("AWS_ACCESS_KEY_ID", LocalCredentials.ACCESS_KEY);
        stack.put("AWS_SECRET_ACCESS_KEY", LocalCredentials.SECRET_KEY);
        stack.put("AWS_SESSION_TOKEN", ""); // a developer's own session must not pair with the local keys
        // Webhook receivers on this machine (tests, a developer's own) may be called over http; never set in AWS.
        stack.putIfAbsent("OUTBOUND_LOOPBACK_ALLOWED", "true");
        return new FunctionEnvironment(List.copyOf(functions), Map.copyOf(stack));
    }

    /** The environment of one function. */
    public Map<String, String> forFunction(FunctionSpec function) {
        Map<String, String> env = new HashMap<>(System.getenv());
        function.environment().forEach((name, value) -> {
            // A blank template value (e.g. an API key parameter left empty) must not hide what the developer exported.
            // A path into a layer (/opt/...) does not exist here: the code's local default applies instead.
            if ((!value.isBlank() || blank(env.get(name))) && !value.startsWith(LAYERS)) env.put(name, value);
        });
        // JVM options for Lambda's own JVM: meaningless inside this one.
        env.remove("JAVA_TOOL_OPTIONS");
        if (blank(env.get("PLANS"))) env.put("PLANS", LOCAL_PLANS);
        env.putAll(stack);
        return Map.copyOf(env);
    }

    /** The stack's template variables (a name the functions set differently: the first one's) and the runner's values. */
    public Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        functions.forEach(function -> function.environment().forEach(values::putIfAbsent));
        values.remove("JAVA_TOOL_OPTIONS");
        String exported = System.getenv("PLANS"); // as forFunction: what the developer exported, else the local plans
        if (blank(values.get("PLANS"))) values.put("PLANS", blank(exported) ? LOCAL_PLANS : exported);
        values.putAll(stack);
        return values;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
