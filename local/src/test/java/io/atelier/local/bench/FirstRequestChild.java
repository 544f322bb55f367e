package io.atelier.local.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import io.atelier.config.Priming;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * One fresh JVM of {@link FirstRequestBench}, on a function's own classpath (what sam build packages) plus the Lambda
 * runtime's serialization library: it does what Lambda's Java runtime does on a cold start (load and construct the
 * handler, read the event with the runtime's serializers, invoke, write the answer) and prints
 * {@code answered <ms of the request alone>} as soon as the answer is written. Only the function's and the runtime's
 * classes are loaded here: nothing of the local runner (its logging, its emulators) is on this classpath.
 *
 * <p>Arguments: mode (bare | cold | primed), handler class, event file, the handler's input type.
 */
public final class FirstRequestChild {
    private FirstRequestChild() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Class<?> handlerType = mode.equals("bare") ? BareHandler.class : Class.forName(args[1]);
        Object handler = handlerType.getConstructor().newInstance();
        if (mode.equals("primed")) Priming.prime(args[1]);
        long start = System.nanoTime();
        Object event;
        try (InputStream in = Files.newInputStream(Path.of(args[2]))) {
            event = serializer(Class.forName(args[3])).fromJson(in); // both read the real handler's input type
        }
        Object answer = handler instanceof BareHandler bare
                ? bare.handleRequest(event, CONTEXT)
                : handlerMethod(handlerType).invoke(handler, event, CONTEXT);
        if (answer != null) serializer(answer.getClass()).toJson(answer, new ByteArrayOutputStream());
        double requestMs = (System.nanoTime() - start) / 1e6;
        System.out.printf("answered %.1f%n", requestMs);
        System.out.flush();
        System.exit(0); // the SDK's and logging's threads would keep the JVM alive
    }

    /** As Lambda's Java runtime chooses: its event serializers for the events library's types, else its Jackson. */
    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Class<?> type) {
        return type.getName().startsWith("com.amazonaws.services.lambda.runtime.events.")
                ? (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, type.getClassLoader())
                : JacksonFactory.getInstance().getSerializer((java.lang.reflect.Type) type);
    }

    private static Method handlerMethod(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge())
                .findFirst()
                .orElseThrow();
    }

    /** What a handler that does nothing costs: the same event read, no clients, no work, a small answer. */
    public static final class BareHandler {
        public BareHandler() {}

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
