package io.atelier.store.dynamodb;

import io.atelier.store.InvalidCursorException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque list cursors. A cursor holds only the sort key of the last item shown; the partition key always comes from
 * the caller's own identity, so a cursor can never reach into another user's data.
 */
final class Cursors {
    private Cursors() {}

    static String encode(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor, String expectedPrefix) {
        try {
            String sortKey = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!sortKey.startsWith(expectedPrefix)) throw new InvalidCursorException();
            return sortKey;
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
    }
}
