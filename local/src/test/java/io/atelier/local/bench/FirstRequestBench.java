package io.atelier.local.bench;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.atelier.config.Priming;
import io.atelier.local.AtelierLocal;
import io.atelier.local.LocalOptions;
import io.atelier.local.lambda.LocalFunction;
import io.atelier.local.template.FunctionSpec;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Issue 17's P3 line of {@code make bench}: every function of template.yaml, its first request in a fresh JVM with
 * real SDK clients against the local emulators, next to a bare handler's, and the first request's own latency with
 * and without the SnapStart priming ({@link Priming#prime}, run where the snapshot would be taken).
 *
 * <p>Faithful to Lambda where it matters for a cold start: each {@link FirstRequestChild} JVM runs on the function's
 * own classpath (what sam build packages, plus its layers' jars), gets the JVM flags the template gives the function
 * through {@code JAVA_TOOL_OPTIONS} (as Lambda passes them; the bare handler gets the same), and Lambda's own variables
 * ({@code AWS_LAMBDA_FUNCTION_NAME}, {@code _HANDLER}…). Time runs from the process's start to its answer, measured
 * here. Each figure is the median of {@code rounds} fresh JVMs, the three modes interleaved.
 *
 * <p>{@code make bench ARGS="first-request [rounds] [LogicalId…]"}; {@code FIRST_REQUEST_JVM_OPTS} adds flags to every
 * child (both modes), e.g. {@code -Xlog:class+load:file=/tmp/%p.log} to see what a first request loads;
 * {@code FIRST_REQUEST_FUNCTIONS} names another build's classes (an unpacked functions jar) to compare with.
 */
final class FirstRequestBench {
    /** The event of each function's first request: every function of the template must have one. */
    private static final Map<String, String> EVENTS = events();

    private static Map<String, String> events() {
        Map<String, String> events = new LinkedHashMap<>();
        events.put("StatusFunction", "events/status-list-images.json");
        events.put("UploadsFunction", "events/uploads-post.json");
        events.put("JobsFunction", "events/jobs-post.json");
        events.put("LibraryFunction", "events/library-list-templates.json");
        events.put("WebhooksFunction", "events/webhooks-list.json");
        events.put("WorkerFunction", "events/worker-sqs.json");
        events.put("UploadEventsFunction", "events/upload-s3-put.json");
        events.put("FanOutFunction", "events/fanout-sqs.json");
        events.put("ArchiveFunction", "events/archive-sqs.json");
        events.put("DeadLetterFunction", "events/dlq-sqs.json");
        events.put("WebhookDeliveryFunction", "events/webhook-delivery-sqs.json");
        events.put("SweeperFunction", "events/sweeper-schedule.json");
        events.put("ImportFunction", "events/import-sqs.json");
        return events;
    }

    /** A path into a layer (/opt/...) does not exist here; as for the runner's environment, the local default applies. */
    private static final String LAYERS = "/opt/";

    private FirstRequestBench() {}

    static void run() throws Exception {
        run(List.of());
    }

    /** {@code args}: an optional number of rounds (3), then optional logical ids to measure only those. */
    static void run(List<String> args) throws Exception {
        int rounds = !args.isEmpty() && args.get(0).matches("\\d+") ? Integer.parseInt(args.get(0)) : 3;
        List<String> only = args.stream().filter(a -> !a.matches("\\d+")).toList();
        try (AtelierLocal local =
                AtelierLocal.start(LocalOptions.defaults().withPort(0).withServe(false))) {
            Set<String> missing = new TreeSet<>(local.functions().keySet());
            missing.removeAll(EVENTS.keySet());
            if (!missing.isEmpty()) throw new IllegalStateException("no first-request event for " + missing);
            List<String> ids = EVENTS.keySet().stream()
                    .filter(id -> only.isEmpty() || only.contains(id))
                    .toList();
            Map<String, List<double[]>> bare = new HashMap<>();
            Map<String, List<double[]>> cold = new HashMap<>();
            Map<String, List<double[]>> primed = new HashMap<>();
            String loadBefore = loadAverage();
            for (int round = 0; round < rounds; round++) {
                for (String id : ids) {
                    LocalFunction function = local.function(id);
                    bare.computeIfAbsent(id, k -> new ArrayList<>()).add(child("bare", function));
                    cold.computeIfAbsent(id, k -> new ArrayList<>()).add(child("cold", function));
                    primed.computeIfAbsent(id, k -> new ArrayList<>()).add(child("primed", function));
                }
            }
            System.out.printf(
                    "first request in a fresh JVM (the template's JAVA_TOOL_OPTIONS, the function's own classpath; process start to answer | the request alone), real SDK clients on the local emulators, median of %d; load average %s before, %s after:%n",
                    rounds, loadBefore, loadAverage());
            for (String id : ids) {
                double bareMs = median(bare.get(id), 0);
                double coldMs = median(cold.get(id), 0);
                double coldRequest = median(cold.get(id), 1);
                double primedRequest = median(primed.get(id), 1);
                System.out.printf(
                        "  %-23s bare handler %4.0f ms | real %4.0f ms (%.1f× bare); first request %4.0f ms unprimed, %4.0f ms primed (%.1f× faster)  [%s]%n",
                        id,
                        bareMs,
                        coldMs,
                        coldMs / bareMs,
                        coldRequest,
                        primedRequest,
                        coldRequest / primedRequest,
                        jvmFlags(local.function(id).spec()));
            }
        }
    }

    /** One fresh JVM: {process start to answer, the request alone} in ms. */
    private static double[] child(String mode, LocalFunction function) throws Exception {
        FunctionSpec spec = function.spec();
        List<String> command = new ArrayList<>(
                List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", classpath(spec)));
        // Where this machine's libvips is (the worker's layer in Lambda): a location, not a JVM setting.
        String libvips = System.getProperty("atelier.libvips.dir");
        if (libvips != null) command.add("-Datelier.libvips.dir=" + libvips);
        command.addAll(List.of(
                FirstRequestChild.class.getName(),
                mode,
                spec.handlerClass(),
                EVENTS.get(spec.logicalId()),
                function.inputType().getName()));
        Path errors = Files.createTempFile("first-request-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().putAll(function.environment());
        builder.environment().putAll(lambdaVariables(spec));
        long start = System.nanoTime();
        Process process = builder.start();
        List<String> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("answered ")) {
                    double answeredMs = (System.nanoTime() - start) / 1e6;
                    if (process.waitFor() != 0) break;
                    Files.delete(errors);
                    return new double[] {answeredMs, Double.parseDouble(line.substring("answered ".length()))};
                }
                out.add(line);
            }
        }
        process.waitFor();
        out.addAll(Files.readAllLines(errors));
        Files.delete(errors);
        throw new IllegalStateException(spec.logicalId() + " " + mode + " failed (exit " + process.exitValue() + "):\n"
                + String.join("\n", out.subList(Math.max(0, out.size() - 40), out.size())));
    }

    /** What Lambda's environment adds to the template's variables. */
    private static Map<String, String> lambdaVariables(FunctionSpec spec) {
        Map<String, String> variables = new HashMap<>();
        variables.put("JAVA_TOOL_OPTIONS", jvmFlags(spec));
        variables.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
        variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        variables.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        variables.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
        variables.put("AWS_LAMBDA_LOG_LEVEL", "INFO");
        variables.put("_HANDLER", spec.handlerClass() + "::" + spec.handlerMethod());
        return variables;
    }

    /** The template's JAVA_TOOL_OPTIONS for the function, without properties naming layer paths; plus FIRST_REQUEST_JVM_OPTS. */
    static String jvmFlags(FunctionSpec spec) {
        String template = spec.environment().getOrDefault("JAVA_TOOL_OPTIONS", "");
        String extra = System.getenv().getOrDefault("FIRST_REQUEST_JVM_OPTS", "");
        return (Arrays.stream(template.trim().split("\\s+"))
                                .filter(flag ->
                                        !flag.isEmpty() && !(flag.startsWith("-D") && flag.contains("=" + LAYERS)))
                                .collect(Collectors.joining(" "))
                        + " " + extra)
                .trim();
    }

    /**
     * What Lambda's class path holds: the function's classes and runtime dependencies (sam build's package), the
     * worker's layers' jar (ONNX Runtime) and model, the runtime's serialization library, and the child itself.
     */
    private static String classpath(FunctionSpec spec) throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(System.getenv()
                .getOrDefault(
                        "FIRST_REQUEST_FUNCTIONS",
                        Path.of("functions", "target", "classes").toString()));
        entries.addAll(Arrays.asList(Files.readString(Path.of("functions", "target", "lambda-classpath.txt"))
                .trim()
                .split(File.pathSeparator)));
        if (spec.logicalId().equals("WorkerFunction")) {
            entries.add(location("ai.onnxruntime.OrtEnvironment"));
            entries.add(Path.of("functions", "target", "cutout-model").toString());
        }
        entries.add(location(LambdaEventSerializers.class.getName()));
        entries.add(location(FirstRequestChild.class.getName()));
        return String.join(File.pathSeparator, entries);
    }

    private static String location(String className) {
        try {
            return Path.of(Class.forName(className)
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double median(List<double[]> samples, int index) {
        double[] values =
                samples.stream().mapToDouble(sample -> sample[index]).sorted().toArray();
        return values.length % 2 == 1
                ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            return String.join(
                    " ",
                    Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "unknown";
        }
    }
}
