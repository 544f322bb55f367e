package io.atelier.providers.http;

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
}
