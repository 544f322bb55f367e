package io.atelier.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The API's contract, {@code openapi.json} in the jar, read once per container and served at {@code GET /openapi.json}. */
public final class OpenApiDocument {
    public static final String RESOURCE = "/openapi.json";

    private OpenApiDocument() {}

    public static JsonNode get() {
        return Holder.DOCUMENT;
    }

    private static final class Holder {
        static final JsonNode DOCUMENT = read();

        private static JsonNode read() {
            try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the jar");
                return Json.MAPPER.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
