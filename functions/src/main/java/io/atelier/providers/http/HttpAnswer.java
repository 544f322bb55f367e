package io.atelier.providers.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.atelier.json.Json;
import io.atelier.providers.ProviderException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Headers;

/** A provider's whole answer, read within the call's time limit. */
public record HttpAnswer(int status, Headers headers, byte[] body) {
    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** The body as a JSON object; anything else is an answer {@code provider} should not have sent. */
    public JsonNode jsonObject(String provider) throws ProviderException {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw Failures.malformed(provider, "its answer was not valid JSON");
        }
        if (node == null || !node.isObject()) throw Failures.malformed(provider, "its answer was not a JSON object");
        return node;
    }

    /** The body as JSON, or a missing node when it is none (a proxy's error page, say): for reading error details. */
    public JsonNode jsonOrMissing() {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException | RuntimeException e) {
            return MissingNode.getInstance();
        }
    }
}
