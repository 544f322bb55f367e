package io.atelier.local.lambda;

import java.nio.charset.StandardCharsets;

/** A JSON payload not (yet) bound to a type: a stream handler's output, or an event read from a file. */
public record RawJson(byte[] bytes) {

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
