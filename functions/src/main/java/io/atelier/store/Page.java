package io.atelier.store;

import java.util.List;

/** One page of a list; {@code nextCursor} is opaque to callers and null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {}
