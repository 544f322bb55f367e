package io.atelier.local.testfn;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the test handlers saw, for the tests to assert on (handlers and tests share the JVM). */
public final class Recorder {

    private static final Map<String, List<Object>> EVENTS = new ConcurrentHashMap<>();

    private Recorder() {}

    public static void record(String channel, Object value) {
        EVENTS.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(value);
    }

    public static List<Object> seen(String channel) {
        return List.copyOf(EVENTS.getOrDefault(channel, List.of()));
    }
}
