package io.atelier.local.apigw;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.atelier.local.lambda.LambdaJson;
import io.atelier.local.lambda.RawJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;

/** Turns a function's result into an HTTP response the way API Gateway reads a payload-2.0 answer. */
final class HttpResponses {

    static final ObjectMapper JSON = new ObjectMapper();

    private HttpResponses() {}

    /**
     * The response object: returned as such, or (format 2.0 inference) any JSON with a statusCode is read as a
     * response, and any other JSON becomes a 200 application/json body.
     */
    static APIGatewayV2HTTPResponse fromResult(Object result) throws IOException {
        if (result instanceof APIGatewayV2HTTPResponse response) {
            return response;
        }
        byte[] json = result instanceof RawJson raw ? raw.bytes() : LambdaJson.toJson(result);
        JsonNode node = JSON.readTree(json);
        if (node != null && node.isObject() && node.has("statusCode")) {
            return LambdaJson.fromJson(json, APIGatewayV2HTTPResponse.class);
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(node == null ? "" : node.isTextual() ? node.textValue() : JSON.writeValueAsString(node))
                .build();
    }

    /** Writes the response, letting {@code beforeSend} adjust the final headers; returns its status code. */
    static int write(HttpExchange exchange, APIGatewayV2HTTPResponse response, Consumer<Headers> beforeSend)
            throws IOException {
        Headers out = exchange.getResponseHeaders();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> {
                if (value != null) {
                    out.set(name, value);
                }
            });
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> values.forEach(v -> out.add(name, v)));
        }
        if (response.getCookies() != null) {
            response.getCookies().forEach(cookie -> out.add("Set-Cookie", cookie));
        }
        String body = response.getBody();
        byte[] bytes = body == null
                ? new byte[0]
                : response.getIsBase64Encoded()
                        ? Base64.getMimeDecoder().decode(body)
                        : body.getBytes(StandardCharsets.UTF_8);
        int status = response.getStatusCode();
        beforeSend.accept(out);
        send(exchange, status, bytes);
        return status;
    }

    /** {@code {"message": "..."}}, API Gateway's own error shape. */
    static void message(HttpExchange exchange, int status, String message) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, status, JSON.writeValueAsBytes(Map.of("message", message)));
    }

    static void json(HttpExchange exchange, int status, String contentType, Object body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        send(exchange, status, JSON.writeValueAsBytes(body));
    }

    static void send(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        boolean noBody = status == 204
                || status == 304
                || status < 200
                || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length == 0 ? -1 : bytes.length);
        if (!noBody && bytes.length > 0) {
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(bytes);
            }
        }
    }
}
