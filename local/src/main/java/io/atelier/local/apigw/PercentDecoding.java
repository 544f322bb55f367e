package io.atelier.local.apigw;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Decoding of URL parts: paths keep '+' (it means plus there), query strings turn it into a space. */
public final class PercentDecoding {

    private PercentDecoding() {}

    public static String decode(String pathPart) {
        try {
            return URLDecoder.decode(pathPart.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return pathPart;
        }
    }

    static String decodeQuery(String queryPart) {
        try {
            return URLDecoder.decode(queryPart, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return queryPart;
        }
    }
}
