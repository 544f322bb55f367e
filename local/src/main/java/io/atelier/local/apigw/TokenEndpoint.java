package io.atelier.local.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runner's stand-in identity provider, never part of the template: {@code POST /local/token} with
 * {@code {"user":"alice"}} answers a token the emulated authorizer accepts; {@code GET /local/jwks.json} the key.
 */
final class TokenEndpoint {

    static final String TOKEN_PATH = "/local/token";
    static final String JWKS_PATH = "/local/jwks.json";

    private final JwtAuthority authority;

    TokenEndpoint(JwtAuthority authority) {
        this.authority = authority;
    }

    static boolean handles(String path) {
        return path.equals(TOKEN_PATH) || path.equals(JWKS_PATH);
    }

    void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        if (path.equals(JWKS_PATH) && method.equals("GET")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            HttpResponses.send(exchange, 200, authority.jwks().getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!path.equals(TOKEN_PATH) || !method.equals("POST")) {
            exchange.getResponseHeaders().set("Allow", path.equals(TOKEN_PATH) ? "POST" : "GET");
            HttpResponses.message(exchange, 405, "Method Not Allowed");
            return;
        }
        String user = null;
        try {
            JsonNode body = HttpResponses.JSON.readTree(exchange.getRequestBody());
            if (body != null && body.path("user").isTextual()) {
                user = body.path("user").textValue();
            }
        } catch (IOException malformed) {
            user = null;
        }
        if (user == null || !JwtAuthority.USER.matcher(user).matches()) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "/problems/validation");
            problem.put("title", "Invalid request");
            problem.put("status", 400);
            problem.put("detail", "send {\"user\":\"<name>\"} where the name matches " + JwtAuthority.USER.pattern());
            problem.put(
                    "errors", List.of(Map.of("field", "user", "message", "must match " + JwtAuthority.USER.pattern())));
            HttpResponses.json(exchange, 400, "application/problem+json", problem);
            return;
        }
        JwtAuthority.Token token = authority.mint(user);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", token.token());
        answer.put("tokenType", "Bearer");
        answer.put("user", user);
        answer.put(
                "expiresAt", token.expiresAt().truncatedTo(ChronoUnit.SECONDS).toString());
        HttpResponses.json(exchange, 200, "application/json", answer);
    }
}
