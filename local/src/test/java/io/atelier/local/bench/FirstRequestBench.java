package io.atelier.local.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.atelier.config.Priming;
import io.atelier.local.AtelierLocal;
import io.atelier.local.LocalOptions;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Issue 17's P3 line of {@code make bench}: each function's first request in a fresh JVM with real SDK clients
 * against the local emulators, next to a bare handler's (same JVM flags, same event parsing), and the first request's
 * own latency with and without the SnapStart priming ({@link Priming#prime}, run where the snapshot would be taken).
 */
final class FirstRequestBench {
    private record Case(String logicalId, String handler, String event, String eventType) {}

    private static final List<Case> CASES = List.of(
            new Case(
                    "StatusFunction",
                    "io.atelier.entrypoints.StatusHandler",
                    "events/status-list-images.json",
                    "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent"),
            new Case(
                    "UploadsFunction",
                    "io.atelier.entrypoints.UploadsHandler",
                    "events/uploads-post.json",
                    "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent"),
            new Case(
                    "JobsFunction",
                    "io.atelier.entrypoints.JobsHandler",
                    "events/jobs-post.json",
                    "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent"),
            new Case(
                    "WorkerFunction",
                    "io.atelier.entrypoints.WorkerHandler",
                    "events/worker-sqs.json",
                    "com.amazonaws.services.lambda.runtime.events.SQSEvent"),
            new Case(
                    "UploadEventsFunction",
                    "io.atelier.entrypoints.UploadEventsHandler",
                    "events/upload-s3-put.json",
                    "com.amazonaws.services.lambda.runtime.events.S3Event"));

    private FirstRequestBench() {}

    /** The parent: one stack for the endpoints, three child JVMs per function (bare, cold, primed). */
    static void run() throws Exception {
        try (AtelierLocal local =
                AtelierLocal.start(LocalOptions.defaults().withPort(0).withServe(false))) {
            System.out.println(
                    "first request in a fresh JVM (C1; JVM start to answer | the request alone), real SDK clients on the local emulators:");
            for (Case c : CASES) {
                Map<String, String> environment =
                        local.functions().get(c.logicalId()).environment();
                double[] bare = child("bare", c, environment);
                double[] cold = child("cold", c, environment);
                double[] primed = child("primed", c, environment);
                System.out.printf(
                        "  %-20s bare handler %4.0f ms | real %4.0f ms (%.1f× bare); first request %4.0f ms unprimed, %4.0f ms primed (%.1f× faster)%n",
                        c.logicalId(), bare[0], cold[0], cold[0] / bare[0], cold[1], primed[1], cold[1] / primed[1]);
            }
        }
    }

    private static double[] child(String mode, Case c, Map<String, String> environment) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-XX:TieredStopAtLevel=1",
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        FirstRequestBench.class.getName(),
                        mode,
                        c.handler(),
                        c.event(),
                        c.eventType())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes()).trim();
        if (process.waitFor() != 0) throw new IllegalStateException(c.logicalId() + " " + mode + " failed: " + out);
        String[] last = out.split("\\R");
        return Arrays.stream(last[last.length - 1].split(" "))
                .mapToDouble(Double::parseDouble)
                .toArray();
    }

    /** The child (mode, handler class, event file, event type): prints "uptime-at-answer first-request-ms". */
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Object handler = mode.equals("bare")
                ? new BareHandler()
                : Class.forName(args[1]).getConstructor().newInstance();
        if (mode.equals("primed")) Priming.prime(args[1]);
        long start = System.nanoTime();
        Object event = EventLoader.loadEvent(Path.of(args[2]).toString(), Class.forName(args[3]));
        if (handler instanceof BareHandler bare) bare.handleRequest(event, CONTEXT);
        else handlerMethod(handler.getClass()).invoke(handler, event, CONTEXT);
        double requestMs = (System.nanoTime() - start) / 1e6;
        System.out.printf("%d %.1f%n", ManagementFactory.getRuntimeMXBean().getUptime(), requestMs);
        System.exit(0); // the SDK's and logging's threads would keep the child alive
    }

    private static Method handlerMethod(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge())
                .findFirst()
                .orElseThrow();
    }

    /** What a handler that does nothing costs: the same event parsing, no clients, no work. */
    static final class BareHandler {
        Object handleRequest(Object event, Context context) {
            return Map.of("statusCode", 200, "event", event.getClass().getSimpleName());
        }
    }

    private static final Context CONTEXT = new Context() {
        @Override
        public String getAwsRequestId() {
            return "bench";
        }

        @Override
        public String getLogGroupName() {
            return "bench";
        }

        @Override
        public String getLogStreamName() {
            return "bench";
        }

        @Override
        public String getFunctionName() {
            return "bench";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:bench";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 30_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.err.print(message);
                }

                @Override
                public void log(byte[] message) {
                    System.err.write(message, 0, message.length);
                }
            };
        }
    };
}
