package io.atelier.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.atelier.json.Json;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a request body in canonical form (object keys sorted at every depth, no white space), so a replay of
 * the same request matches whatever order or spacing the client used, and any other request does not.
 */
final class RequestHash {
    private static final ObjectWriter CANONICAL =
            Json.MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private RequestHash() {}

    static String of(JsonNode body) {
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(Json.map(body));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
