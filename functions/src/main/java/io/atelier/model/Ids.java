package io.atelier.model;

import java.security.SecureRandom;
import java.util.Arrays;

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
    private static long randomLow; // 40 bits

    private Ids() {}

    public static String image() {
        return "img_" + ulid();
    }

    public static String job() {
        return "job_" + ulid();
    }

    public static String task() {
        return "tsk_" + ulid();
    }

    public static String event() {
        return "evt_" + ulid();
    }

    public static String template() {
        return "tpl_" + ulid();
    }

    public static String preset() {
        return "jps_" + ulid();
    }

    public static String manifest() {
        return "man_" + ulid();
    }

    public static final String IMAGE = "img";
    public static final String JOB = "job";
    public static final String TASK = "tsk";
    public static final String EVENT = "evt";
    public static final String TEMPLATE = "tpl";
    public static final String PRESET = "jps";
    public static final String MANIFEST = "man";
    public static final String WEBHOOK = "whk";
    public static final String MESSAGE = "msg";
    public static final String IMPORT = "imp";

    public static String importId() {
        return "imp_" + ulid();
    }

    public static String webhook() {
        return "whk_" + ulid();
    }

    /**
     * An id made from what it names rather than at random: the ULID time of {@code epochMillis} and 80 bits of
     * {@code digest}. The same event gives the same id however often it is reported, and ids still sort by time.
     */
    public static String derived(String prefix, long epochMillis, byte[] digest) {
        long high = 0, low = 0;
        for (int i = 0; i < 5; i++) {
            high = high << 8 | (digest[i] & 0xff);
            low = low << 8 | (digest[i + 5] & 0xff);
        }
        char[] out = new char[26];
        encode(epochMillis, out, 0, 10);
        encode(high, out, 10, 8);
        encode(low, out, 18, 8);
        return prefix + "_" + new String(out);
    }

    /**
     * Whether {@code id} has the shape of an id of that kind: prefix, underscore, 26 Crockford base32 characters.
     * Anything else cannot name a thing that exists, so it is refused before it reaches a store (whose key size
     * limit would otherwise turn a hostile id into a fault).
     */
    public static boolean isValid(String prefix, String id) {
        if (id == null
                || id.length() != prefix.length() + 27
                || !id.startsWith(prefix)
                || id.charAt(prefix.length()) != '_') return false;
        for (int i = prefix.length() + 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c >= 128 || Arrays.binarySearch(ALPHABET, c) < 0) return false;
        }
        return true;
    }

    /** The creation time in epoch milliseconds that a prefixed id's ULID body carries. */
    public static long millis(String id) {
        String body = id.substring(id.indexOf('_') + 1);
        long value = 0;
        for (int i = 0; i < 10; i++) value = (value << 5) | new String(ALPHABET).indexOf(body.charAt(i));
        return value;
    }

    /**
     * The id of that kind sorting just below every id made at or after {@code epochMillis}: its ULID time and no random
     * part. A range read from here misses nothing made since then.
     */
    public static String lowerBound(String prefix, long epochMillis) {
        char[] time = new char[10];
        encode(epochMillis, time, 0, 10);
        return prefix + "_" + new String(time);
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
