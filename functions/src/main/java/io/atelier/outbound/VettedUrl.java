package io.atelier.outbound;

import java.net.InetAddress;
import java.net.URI;

/**
 * A URL that passed the guard, with the one address it was vetted at: the caller connects to that address, so a
 * name that resolves elsewhere a moment later (DNS rebinding) changes nothing.
 */
public record VettedUrl(URI uri, InetAddress address) {
    public boolean https() {
        return "https".equals(uri.getScheme());
    }

    public int port() {
        return uri.getPort() != -1 ? uri.getPort() : https() ? 443 : 80;
    }

    /** The request target: path and query as the user wrote them. */
    public String target() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** The Host header: the name, with the port only when it is not the scheme's own. */
    public String hostHeader() {
        String host = uri.getHost();
        boolean defaultPort = uri.getPort() == -1 || uri.getPort() == (https() ? 443 : 80);
        return defaultPort ? host : host + ":" + uri.getPort();
    }
}
