package io.atelier.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.local.contract.OpenApiContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A tiny HTTP client for the end-to-end tests: what a script or browser would send, nothing more. Every answer from
 * the API is checked against the OpenAPI document (presigned S3 PUTs and GETs are not the API's).
 */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    Http(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    Http as(String otherToken) {
        return new Http(base, otherToken);
    }

    Reply get(String path) {
        return send("GET", path, null, Map.of());
    }

    Reply get(String path, Map<String, String> headers) {
        return send("GET", path, null, headers);
    }

    Reply post(String path, String body) {
        return send("POST", path, body, Map.of());
    }

    Reply post(String path, String body, Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    Reply delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    Reply send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        if (token != null) request.header("Authorization", "Bearer " + token);
        headers.forEach(request::header);
        Reply reply = exchange(request.build());
        OpenApiContract.get().check(method, path, reply.status(), reply.contentType(), reply.body());
        return reply;
    }

    /** A PUT of raw bytes to a presigned URL with exactly the headers the API returned. */
    static int put(String url, Map<String, String> headers, byte[] bytes) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.forEach(request::header);
        return exchange(request.build()).status();
    }

    static byte[] download(String url) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200)
                throw new AssertionError("GET " + url + " answered " + response.statusCode());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Reply exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    response.statusCode(),
                    response.headers().firstValue("content-type").orElse(""),
                    response.headers().firstValue("etag").orElse(null),
                    response.body(),
                    response.headers().firstValue("retry-after").orElse(null),
                    response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Reply(
            int status,
            String contentType,
            String etag,
            String body,
            String retryAfter,
            java.net.http.HttpHeaders headers) {
        /** A header of the answer (any case), or null. */
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body);
            }
        }

        /** The field a 400 problem names first (and fails when the answer is anything else). */
        String problemField() {
            if (status != 400 || !isProblem())
                throw new AssertionError("expected a 400 problem, got " + status + ": " + body);
            return json().get("errors").get(0).get("field").asText();
        }

        boolean isProblem() {
            return contentType.startsWith("application/problem+json")
                    && json().path("status").asInt() == status;
        }
    }
}
