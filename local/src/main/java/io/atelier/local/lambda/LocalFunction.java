package io.atelier.local.lambda;

import io.atelier.local.template.FunctionSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One function of the template, run in this JVM like a warm Lambda container: the handler class is loaded by name
 * and instantiated once, on first use, through its public {@code Map<String, String>} constructor with the
 * function's own environment (else its no-argument constructor); invocations may run concurrently on that instance. A failed init is retried on the next invocation, as Lambda does with a fresh container.
 */
public final class LocalFunction {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFunction.class);

    private final FunctionSpec spec;
    private final String arn;
    private final ClassLoader loader;
    private final LocalLambdaLogger logger;
    private final Map<String, String> environment;
    private final Object initLock = new Object();
    private volatile HandlerMethod handler;
    private volatile Object instance;

    public LocalFunction(FunctionSpec spec, String arn, ClassLoader loader, Map<String, String> environment) {
        this.spec = spec;
        this.arn = arn;
        this.loader = loader;
        this.environment = Map.copyOf(environment);
        this.logger = new LocalLambdaLogger(spec.logicalId());
    }

    public FunctionSpec spec() {
        return spec;
    }

    /** The environment the handler is constructed with (the template's variables, endpoints, credentials). */
    public Map<String, String> environment() {
        return environment;
    }

    /** Whether the handler class is on the classpath (checked without initializing it). */
    public boolean handlerPresent() {
        try {
            Class.forName(spec.handlerClass(), false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The type the handler method takes as its event (after loading the class, not instantiating it). */
    public Class<?> inputType() {
        HandlerMethod method = handlerMethod();
        return method.streaming() ? RawJson.class : method.inputType();
    }

    /** Invokes the handler with the event, converting it to the handler's input type if needed. */
    public Object invoke(Object event) {
        Object target = initialized();
        HandlerMethod method = handler;
        LocalContext context =
                new LocalContext(spec.functionName(), arn, spec.timeoutSeconds(), spec.memoryMb(), logger);
        long start = System.nanoTime();
        try {
            Object result;
            if (method.streaming()) {
                byte[] in = event instanceof RawJson raw ? raw.bytes() : LambdaJson.toJson(event);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                method.method().invoke(target, new ByteArrayInputStream(in), out, context);
                result = new RawJson(out.toByteArray());
            } else {
                Object input = toInput(event, method.inputType());
                result = method.takesContext()
                        ? method.method().invoke(target, input, context)
                        : method.method().getParameterCount() == 1
                                ? method.method().invoke(target, input)
                                : method.method().invoke(target);
            }
            return result;
        } catch (InvocationTargetException e) {
            throw new FunctionException(spec.logicalId() + " failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException | RuntimeException e) {
            throw new FunctionException(spec.logicalId() + " could not be invoked: " + e, e);
        } finally {
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (millis > spec.timeoutSeconds() * 1000L) {
                LOG.warn(
                        "{} ran {} ms, beyond its Timeout of {} s: Lambda would have stopped it",
                        spec.logicalId(),
                        millis,
                        spec.timeoutSeconds());
            } else {
                LOG.debug("{} request {} took {} ms", spec.logicalId(), context.getAwsRequestId(), millis);
            }
        }
    }

    /** Invokes and converts the result to {@code resultType} as the Lambda service would read it back. */
    public <T> T invoke(Object event, Class<T> resultType) {
        Object result = invoke(event);
        if (result instanceof RawJson raw) {
            return LambdaJson.fromJson(raw.bytes(), resultType);
        }
        return LambdaJson.convert(result, resultType);
    }

    private static Object toInput(Object event, Class<?> type) {
        if (event instanceof RawJson raw) {
            return LambdaJson.fromJson(raw.bytes(), type);
        }
        return LambdaJson.convert(event, type);
    }

    private HandlerMethod handlerMethod() {
        HandlerMethod method = handler;
        if (method != null) {
            return method;
        }
        synchronized (initLock) {
            if (handler == null) {
                try {
                    handler =
                            HandlerMethod.find(Class.forName(spec.handlerClass(), false, loader), spec.handlerMethod());
                } catch (ClassNotFoundException e) {
                    throw new FunctionException(
                            spec.logicalId() + ": handler class " + spec.handlerClass()
                                    + " is not on the classpath (is the functions module built?)",
                            e);
                } catch (IllegalArgumentException e) {
                    throw new FunctionException(spec.logicalId() + ": " + e.getMessage(), e);
                }
            }
            return handler;
        }
    }

    /** The environment constructor when the handler has one: the function's configuration, not the JVM's. */
    private Object construct(Class<?> handlerClass) throws ReflectiveOperationException {
        try {
            return handlerClass.getConstructor(Map.class).newInstance(environment);
        } catch (NoSuchMethodException e) {
            return handlerClass.getDeclaredConstructor().newInstance();
        }
    }

    private Object initialized() {
        HandlerMethod method = handlerMethod();
        if (Modifier.isStatic(method.method().getModifiers())) {
            return null;
        }
        Object target = instance;
        if (target != null) {
            return target;
        }
        synchronized (initLock) {
            if (instance == null) {
                long start = System.nanoTime();
                try {
                    instance = construct(method.handlerClass());
                } catch (InvocationTargetException e) {
                    throw new FunctionException(spec.logicalId() + " init failed: " + e.getCause(), e.getCause());
                } catch (ReflectiveOperationException | LinkageError e) {
                    throw new FunctionException(spec.logicalId() + " init failed: " + e, e);
                }
                LOG.info(
                        "{} initialized ({}) in {} ms",
                        spec.logicalId(),
                        spec.handlerClass(),
                        (System.nanoTime() - start) / 1_000_000);
            }
            return instance;
        }
    }
}
