package io.atelier.local.apigw;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.atelier.local.template.CorsSpec;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The HttpApi's CorsConfiguration as API Gateway applies it: it answers preflights itself and, on other responses,
 * replaces whatever CORS headers the function set. The runner's own origins are always allowed locally.
 */
final class Cors {

    private final CorsSpec spec;
    private final Set<String> localOrigins;

    Cors(CorsSpec spec, Set<String> localOrigins) {
        this.spec = spec;
        this.localOrigins = localOrigins;
    }

    static boolean isPreflight(HttpExchange exchange) {
        Headers h = exchange.getRequestHeaders();
        return exchange.getRequestMethod().equals("OPTIONS")
                && h.containsKey("Origin")
                && h.containsKey("Access-Control-Request-Method");
    }

    /** Answers a preflight: 204, with the allow headers only if the origin is allowed. */
    void preflight(HttpExchange exchange) throws java.io.IOException {
        Headers in = exchange.getRequestHeaders();
        Headers out = exchange.getResponseHeaders();
        String origin = in.getFirst("Origin");
        if (allowed(origin)) {
            out.set("Access-Control-Allow-Origin", allowOriginValue(origin));
            String requestedMethod = in.getFirst("Access-Control-Request-Method");
            out.set(
                    "Access-Control-Allow-Methods",
                    spec.allowMethods().isEmpty() || spec.allowMethods().contains("*")
                            ? requestedMethod
                            : String.join(",", spec.allowMethods()));
            String requestedHeaders = in.getFirst("Access-Control-Request-Headers");
            if (requestedHeaders != null) {
                out.set(
                        "Access-Control-Allow-Headers",
                        spec.allowHeaders().isEmpty() || spec.allowHeaders().contains("*")
                                ? requestedHeaders
                                : String.join(",", spec.allowHeaders()));
            }
            if (spec.maxAge() != null) {
                out.set("Access-Control-Max-Age", String.valueOf(spec.maxAge()));
            }
            if (spec.allowCredentials()) {
                out.set("Access-Control-Allow-Credentials", "true");
            }
        }
        vary(out);
        exchange.sendResponseHeaders(204, -1);
    }

    /** Sets the CORS headers of an actual (non-preflight) response. */
    void decorate(String origin, Headers out) {
        if (spec != CorsSpec.NONE) {
            List.copyOf(out.keySet()).stream()
                    .filter(name -> name.toLowerCase(Locale.ROOT).startsWith("access-control-"))
                    .forEach(out::remove);
        }
        if (origin != null && allowed(origin)) {
            out.set("Access-Control-Allow-Origin", allowOriginValue(origin));
            if (!spec.exposeHeaders().isEmpty()) {
                out.set("Access-Control-Expose-Headers", String.join(",", spec.exposeHeaders()));
            }
            if (spec.allowCredentials()) {
                out.set("Access-Control-Allow-Credentials", "true");
            }
            vary(out);
        }
    }

    private static void vary(Headers out) {
        String vary = out.getFirst("Vary");
        if (vary == null) {
            out.set("Vary", "Origin");
        } else if (!vary.toLowerCase(Locale.ROOT).contains("origin")) {
            out.set("Vary", vary + ", Origin");
        }
    }

    private boolean allowed(String origin) {
        return origin != null
                && (localOrigins.contains(origin)
                        || spec.allowOrigins().contains("*")
                        || spec.allowOrigins().contains(origin));
    }

    private String allowOriginValue(String origin) {
        return spec.allowOrigins().contains("*") && !spec.allowCredentials() && !localOrigins.contains(origin)
                ? "*"
                : origin;
    }
}
