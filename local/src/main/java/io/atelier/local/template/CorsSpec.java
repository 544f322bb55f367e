package io.atelier.local.template;

import java.util.List;

/** The HttpApi CorsConfiguration. {@link #NONE} when the template configures no CORS. */
public record CorsSpec(
        List<String> allowOrigins,
        List<String> allowMethods,
        List<String> allowHeaders,
        List<String> exposeHeaders,
        Integer maxAge,
        boolean allowCredentials) {

    public static final CorsSpec NONE = new CorsSpec(List.of(), List.of(), List.of(), List.of(), null, false);
    public static final CorsSpec ALLOW_ALL =
            new CorsSpec(List.of("*"), List.of("*"), List.of("*"), List.of(), null, false);
}
