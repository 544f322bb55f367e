package io.atelier.local.faults;

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
import java.util.ArrayList;
import java.util.List;

/** The suite's client of the stack's HTTP API, as one user. */
final class FaultApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    FaultApi(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    record Reply(int status, JsonNode json) {}

    Reply get(String path) {
        return send("GET", path, null);
    }

    Reply post(String path, String body) {
        return send("POST", path, body);
    }

    /** Every item of a paginated list, page by page. */
    List<JsonNode> all(String path, String field) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            Reply reply = get(path + "?limit=200" + (cursor == null ? "" : "&cursor=" + cursor));
            if (reply.status() != 200)
                throw new AssertionError(path + " answered " + reply.status() + ": " + reply.json());
            reply.json().get(field).forEach(items::add);
            cursor = reply.json().hasNonNull("nextCursor")
                    ? reply.json().get("nextCursor").asText()
                    : null;
        } while (cursor != null);
        return items;
    }

    private Reply send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token);
        if (body != null) request.header("Content-Type", "application/json");
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            OpenApiContract.get()
                    .check(
                            method,
                            path,
                            response.statusCode(),
                            response.headers().firstValue("content-type").orElse(""),
                            response.body());
            return new Reply(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
