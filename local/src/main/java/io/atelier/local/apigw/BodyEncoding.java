package io.atelier.local.apigw;

import java.util.Locale;

/**
 * Which request bodies API Gateway's HTTP API passes as text; everything else (images, form posts, no
 * content type at all) arrives base64-encoded with {@code isBase64Encoded: true}.
 */
final class BodyEncoding {

    private BodyEncoding() {}

    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.startsWith("text/")
                || type.equals("application/json")
                || type.endsWith("+json")
                || type.equals("application/xml")
                || type.endsWith("+xml")
                || type.equals("application/javascript")
                || type.equals("application/graphql");
    }
}
