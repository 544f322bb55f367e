package io.atelier.local.apigw;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /config.json} when the web directory has none: the API is this same origin and sign-in is the local
 * token endpoint. In AWS, `make deploy-web` writes the file with the stack's API URL and Cognito settings.
 */
final class LocalWebConfig {
    static final String PATH = "/config.json";
    /** A host[:port] as a browser sends it; anything else falls back to the server's own URL. */
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");

    private LocalWebConfig() {}

    static boolean handles(String method, String rawPath) {
        return (method.equals("GET") || method.equals("HEAD")) && PATH.equals(rawPath);
    }

    static void answer(HttpExchange exchange, URI serverUrl) throws IOException {
        String host = exchange.getRequestHeaders().getFirst("Host");
        String origin = host != null && HOST.matcher(host).matches()
                ? "http://" + host
                : serverUrl.getScheme() + "://" + serverUrl.getRawAuthority();
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        HttpResponses.json(
                exchange, 200, "application/json", Map.of("apiUrl", origin, "auth", Map.of("mode", "local")));
    }
}
