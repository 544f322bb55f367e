package io.atelier.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The handler method named by {@code Handler: pkg.Class::method}, chosen the way the Lambda Java runtime does:
 * a public method of that name taking (input), (input, Context) or (InputStream, OutputStream, Context); with
 * overloads, the one with the most parameters. Declared methods win over compiler bridges, so that the input type
 * of a {@code RequestHandler<I, O>} is I, not Object; a bridge is still taken when it is all there is (a public
 * handler inheriting {@code handleRequest} from a package-private base only exposes it through one).
 */
record HandlerMethod(
        Class<?> handlerClass, Method method, Class<?> inputType, boolean streaming, boolean takesContext) {

    static HandlerMethod find(Class<?> handlerClass, String name) {
        Method method = Arrays.stream(handlerClass.getMethods())
                .filter(m -> m.getName().equals(name))
                .filter(HandlerMethod::supportedSignature)
                .max(Comparator.comparing((Method m) -> !m.isBridge())
                        .thenComparingInt(Method::getParameterCount)
                        .thenComparing(m -> m.getParameterCount() > 0 && m.getParameterTypes()[0] != Object.class))
                .orElseThrow(() -> new IllegalArgumentException(handlerClass.getName() + " has no public method " + name
                        + "(input[, Context]) or " + name + "(InputStream, OutputStream, Context)"));
        try {
            method.setAccessible(true); // declared in a non-public class, reached through a public subclass
        } catch (RuntimeException notOpen) {
            // a module that does not open it: invoke as is
        }
        Class<?>[] params = method.getParameterTypes();
        boolean streaming = params.length == 3;
        boolean context = params.length >= 2;
        Class<?> input = params.length == 0 ? Void.class : params[0];
        return new HandlerMethod(handlerClass, method, input, streaming, context);
    }

    private static boolean supportedSignature(Method m) {
        Class<?>[] p = m.getParameterTypes();
        return switch (p.length) {
            case 0, 1 -> true;
            case 2 -> Context.class.isAssignableFrom(p[1]);
            case 3 -> p[0] == InputStream.class && p[1] == OutputStream.class && Context.class.isAssignableFrom(p[2]);
            default -> false;
        };
    }
}
