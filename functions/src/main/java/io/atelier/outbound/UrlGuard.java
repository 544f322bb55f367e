package io.atelier.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Decides whether Atelier may call a URL a user gave (a webhook target, anything fetched on a user's behalf): https
 * only, and only when every address the name resolves to is public. Where the local runner allows it
 * ({@code loopbackAllowed}), http and https to loopback addresses pass so tests can run a receiver on 127.0.0.1;
 * private, link-local, metadata and the rest stay refused even then.
 */
public final class UrlGuard {
    public static final int MAX_URL_LENGTH = 2048;
    private final HostResolver resolver;
    private final boolean loopbackAllowed;

    public UrlGuard(HostResolver resolver, boolean loopbackAllowed) {
        this.resolver = resolver;
        this.loopbackAllowed = loopbackAllowed;
    }

    /** Checks the URL's form only (no DNS): for input checks where the name may not resolve yet. */
    public URI parse(String url) {
        if (url == null || url.isBlank()) throw new UnsafeUrlException("A URL is required.");
        if (url.length() > MAX_URL_LENGTH)
            throw new UnsafeUrlException("The URL is longer than " + MAX_URL_LENGTH + " characters.");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new UnsafeUrlException("The URL is malformed: " + e.getReason() + ".");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http"))
            throw new UnsafeUrlException("The URL must start with https://.");
        if (uri.getRawUserInfo() != null)
            throw new UnsafeUrlException("The URL must not carry a user name or password.");
        if (uri.getHost() == null || uri.getHost().isBlank()) throw new UnsafeUrlException("The URL has no host name.");
        if (uri.getRawFragment() != null) throw new UnsafeUrlException("The URL must not have a #fragment.");
        if (!scheme.equals("https") && !loopbackAllowed) throw new UnsafeUrlException("The URL must use https.");
        return uri;
    }

    /** Parses and resolves the URL; refused unless every address it resolves to may be called. */
    public VettedUrl vet(String url) {
        URI uri = parse(url);
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new UnsafeUrlException("The host " + uri.getHost() + " does not resolve.");
        }
        if (addresses == null || addresses.length == 0)
            throw new UnsafeUrlException("The host " + uri.getHost() + " does not resolve.");
        boolean allLoopback = true;
        for (InetAddress address : addresses) {
            AddressClass kind = AddressClass.of(address);
            allLoopback &= kind == AddressClass.LOOPBACK;
            if (kind == AddressClass.PUBLIC || kind == AddressClass.LOOPBACK && loopbackAllowed) continue;
            throw new UnsafeUrlException("The host " + uri.getHost() + " resolves to a " + describe(kind)
                    + " address, which Atelier does not call.");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !allLoopback)
            throw new UnsafeUrlException("The URL must use https.");
        return new VettedUrl(uri, addresses[0]);
    }

    private static String describe(AddressClass kind) {
        return switch (kind) {
            case PRIVATE -> "private";
            case LOOPBACK -> "loopback";
            case LINK_LOCAL -> "link-local";
            case MULTICAST -> "multicast";
            case UNSPECIFIED -> "unspecified";
            case CARRIER_GRADE_NAT -> "carrier-grade NAT";
            case CLOUD_METADATA -> "cloud metadata";
            case RESERVED -> "reserved";
            case PUBLIC -> "public";
        };
    }
}
