package io.atelier.outbound;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * What kind of network an IP address belongs to. Only {@link #PUBLIC} addresses may be reached on a user's behalf;
 * {@link #LOOPBACK} only where the local runner allows it. IPv6 forms that carry an IPv4 address (mapped,
 * compatible, NAT64, 6to4) are judged by the address they carry, so {@code ::ffff:169.254.169.254} is metadata.
 */
public enum AddressClass {
    PUBLIC,
    PRIVATE,
    LOOPBACK,
    LINK_LOCAL,
    MULTICAST,
    UNSPECIFIED,
    CARRIER_GRADE_NAT,
    CLOUD_METADATA,
    RESERVED;

    public static AddressClass of(InetAddress address) {
        byte[] bytes = address.getAddress();
        return address instanceof Inet4Address ? ofIpv4(bytes, 0) : ofIpv6(bytes);
    }

    private static AddressClass ofIpv4(byte[] bytes, int offset) {
        int a = bytes[offset] & 0xff,
                b = bytes[offset + 1] & 0xff,
                c = bytes[offset + 2] & 0xff,
                d = bytes[offset + 3] & 0xff;
        if (a == 169 && b == 254 && (c == 169 && d == 254 || c == 170 && d == 2))
            return CLOUD_METADATA; // EC2/IMDS, ECS task metadata
        if (a == 0) return UNSPECIFIED; // 0.0.0.0/8 "this network"
        if (a == 127) return LOOPBACK;
        if (a == 10 || a == 172 && (b & 0xf0) == 16 || a == 192 && b == 168) return PRIVATE; // RFC 1918
        if (a == 100 && (b & 0xc0) == 64) return CARRIER_GRADE_NAT; // 100.64.0.0/10
        if (a == 169 && b == 254) return LINK_LOCAL;
        if ((a & 0xf0) == 224) return MULTICAST; // 224.0.0.0/4
        if ((a & 0xf0) == 240) return RESERVED; // 240.0.0.0/4 and the broadcast address
        if (a == 192 && b == 0 && (c == 0 || c == 2)
                || a == 198 && (b & 0xfe) == 18
                || a == 198 && b == 51 && c == 100
                || a == 203 && b == 0 && c == 113) return RESERVED; // protocol assignments, benchmarking, documentation
        return PUBLIC;
    }

    private static AddressClass ofIpv6(byte[] b) {
        if (allZero(b, 0, 15) && (b[15] & 0xff) <= 1) return b[15] == 0 ? UNSPECIFIED : LOOPBACK;
        if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff)
            return ofIpv4(b, 12); // ::ffff:a.b.c.d
        if (allZero(b, 0, 12)) return compatible(ofIpv4(b, 12)); // ::a.b.c.d (deprecated)
        if (word(b, 0) == 0x64 && word(b, 2) == 0xff9b && allZero(b, 4, 12)) return ofIpv4(b, 12); // NAT64 64:ff9b::/96
        if (word(b, 0) == 0x64 && word(b, 2) == 0xff9b && word(b, 4) == 1) return PRIVATE; // local-use NAT64
        if (word(b, 0) == 0x2002) return ofIpv4(b, 2); // 6to4
        if (word(b, 0) == 0xfd00 && word(b, 2) == 0x0ec2 && allZero(b, 4, 14) && word(b, 14) == 0x254)
            return CLOUD_METADATA;
        int first = b[0] & 0xff, second = b[1] & 0xff;
        if ((first & 0xfe) == 0xfc) return PRIVATE; // fc00::/7 unique local
        if (first == 0xfe && (second & 0xc0) == 0x80) return LINK_LOCAL; // fe80::/10
        if (first == 0xfe && (second & 0xc0) == 0xc0) return PRIVATE; // fec0::/10 site-local (deprecated)
        if (first == 0xff) return MULTICAST;
        if (word(b, 0) == 0x2001 && (word(b, 2) == 0x0db8 || word(b, 2) == 0)) return RESERVED; // documentation, Teredo
        if (word(b, 0) == 0x0100 && allZero(b, 2, 8)) return RESERVED; // 100::/64 discard
        return PUBLIC;
    }

    /** IPv4-compatible IPv6 is deprecated: no real host uses it, so it is never public. */
    private static AddressClass compatible(AddressClass carried) {
        return carried == PUBLIC ? RESERVED : carried;
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) if (bytes[i] != 0) return false;
        return true;
    }

    private static int word(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) << 8 | bytes[offset + 1] & 0xff;
    }
}
