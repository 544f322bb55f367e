package io.atelier.local.emulators;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The head of an HTTP/1.1 request or answer: its first line and its headers (names in lower case). */
record HttpHead(String startLine, Map<String, String> headers) {

    static HttpHead parse(byte[] head) {
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        return new HttpHead(lines.length == 0 ? "" : lines[0], headers);
    }

    String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    boolean isRequest() {
        return !startLine.startsWith("HTTP/");
    }

    /** A request's method (an answer's protocol). */
    String method() {
        int space = startLine.indexOf(' ');
        return space < 0 ? startLine : startLine.substring(0, space);
    }

    /** A request's target: path and query as sent. */
    String target() {
        String[] parts = startLine.split(" ");
        return parts.length > 1 ? parts[1] : "";
    }

    /** An answer's status code; 0 when unreadable. */
    int status() {
        String[] parts = startLine.split(" ");
        try {
            return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
