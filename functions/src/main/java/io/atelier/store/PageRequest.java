package io.atelier.store;

/** A list request: how many at most and where to continue (the cursor of the previous page, or null). */
public record PageRequest(int limit, String cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
}
