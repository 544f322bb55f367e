package io.atelier.local.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.atelier.plans.Plans;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runner's stand-in identity provider, never part of the template: {@code POST /local/token} with
 * {@code {"user":"alice"}} answers a token the emulated authorizer accepts ({@code "plan": "advanced"} puts it in that
 * plan's Cognito group); {@code GET /local/jwks.json} the key.
 */
final class TokenEndpoint {

    static final String TOKEN_PATH = "/local/token";
    static final String JWKS_PATH = "/local/jwks.json";

    private final JwtAuthority authority;
    private final Plans plans;

    /** @param plans the stack's plans: a token may ask for one of them ({@code "plan"}), as a Cognito group */
    TokenEndpoint(JwtAuthority authority, Plans plans) {
        this.authority = authority;
        this.plans = plans;
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
        JsonNode plan = null;
        try {
            JsonNode body = HttpResponses.JSON.readTree(exchange.getRequestBody());
            if (body != null && body.path("user").isTextual()) {
                user = body.path("user").textValue();
            }
            plan = body == null ? null : body.get("plan");
        } catch (IOException malformed) {
            user = null;
        }
        if (user == null || !JwtAuthority.USER.matcher(user).matches()) {
            refuse(
                    exchange,
                    "send {\"user\":\"<name>\"} where the name matches " + JwtAuthority.USER.pattern(),
                    "user",
                    "must match " + JwtAuthority.USER.pattern());
            return;
        }
        if (plan != null
                && !plan.isNull()
                && (!plan.isTextual() || plans.named(plan.asText()).isEmpty())) {
            String known = String.join(", ", plans.names());
            refuse(exchange, "unknown plan; this stack's plans are " + known, "plan", "must be one of " + known);
            return;
        }
        String planName = plan == null || plan.isNull() ? null : plan.asText();
        JwtAuthority.Token token = authority.mint(user, planName);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", token.token());
        answer.put("tokenType", "Bearer");
        answer.put("user", user);
        answer.put("plan", planName);
        answer.put(
                "expiresAt", token.expiresAt().truncatedTo(ChronoUnit.SECONDS).toString());
        HttpResponses.json(exchange, 200, "application/json", answer);
    }

    private static void refuse(HttpExchange exchange, String detail, String field, String message) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "/problems/validation");
        problem.put("title", "Invalid request");
        problem.put("status", 400);
        problem.put("detail", detail);
        problem.put("errors", List.of(Map.of("field", field, "message", message)));
        HttpResponses.json(exchange, 400, "application/problem+json", problem);
    }
}
