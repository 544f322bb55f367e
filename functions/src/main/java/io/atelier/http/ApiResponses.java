package io.atelier.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.atelier.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds HTTP API responses: JSON bodies, problem details, and bodiless answers. */
public final class ApiResponses {
    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";

    private ApiResponses() {}

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return json(status, body, Map.of());
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Content-Type", JSON);
        headers.put("Cache-Control", "no-store");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(Json.write(body))
                .build();
    }

    public static APIGatewayV2HTTPResponse empty(int status, Map<String, String> headers) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(new LinkedHashMap<>(headers))
                .build();
    }

    private static Map<String, String> headers(ApiException problem) {
        Map<String, String> headers = new LinkedHashMap<>(problem.headers());
        headers.put("Content-Type", PROBLEM);
        headers.put("Cache-Control", "no-store");
        return headers;
    }

    public static APIGatewayV2HTTPResponse problem(ApiException problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.getMessage());
        if (!problem.errors().isEmpty()) {
            List<Map<String, String>> errors = problem.errors().stream()
                    .map(error -> Map.of("field", error.field(), "message", error.message()))
                    .toList();
            body.put("errors", errors);
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(problem.status())
                .withHeaders(headers(problem))
                .withBody(Json.write(body))
                .build();
    }
}
