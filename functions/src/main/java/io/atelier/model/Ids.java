package io.atelier.model;

import java.security.SecureRandom;

/**
 * Opaque, URL-safe, time-sortable ids with a type prefix: {@code img_01JD…}. The body is a ULID (48-bit
 * millisecond time, 80 random bits, Crockford base32); ids made in the same millisecond by one container
 * increase monotonically so tasks list in submission order.
 */
public final class Ids {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static long lastMillis;
    private static long randomHigh; // 40 bits
    private static long randomLow;  // 40 bits

    private Ids() {}

    public static String image() { return "img_" + ulid(); }
    public static String job() { return "job_" + ulid(); }
    public static String task() { return "tsk_" + ulid(); }
    public static String event() { return "evt_" + ulid(); }

    /** The creation time in epoch milliseconds that a prefixed id's ULID body carries. */
    public static long millis(String id) {
        String body = id.substring(id.indexOf('_') + 1);
        long value = 0;
        for (int i = 0; i < 10; i++) value = (value << 5) | new String(ALPHABET).indexOf(body.charAt(i));
        return value;
    }

    public static synchronized String ulid() {
        long now = System.currentTimeMillis();
        if (now > lastMillis) {
            lastMillis = now;
            randomHigh = RANDOM.nextLong() & 0xFFFFFFFFFFL;
            randomLow = RANDOM.nextLong() & 0xFFFFFFFFFFL;
        } else if (++randomLow > 0xFFFFFFFFFFL) {
            randomLow = 0;
            randomHigh = (randomHigh + 1) & 0xFFFFFFFFFFL;
        }
        char[] out = new char[26];
        encode(lastMillis, out, 0, 10);
        encode(randomHigh, out, 10, 8);
        encode(randomLow, out, 18, 8);
        return new String(out);
    }

    private static void encode(long value, char[] out, int offset, int length) {
        for (int i = offset + length - 1; i >= offset; i--) {
            out[i] = ALPHABET[(int) (value & 31)];
            value >>>= 5;
        }
    }
}
