package io.atelier.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The long tasks of Chromium's performance trace (chromedriver's "performance" log with trace categories), each with
 * what it spent its time on: the page's main thread is the one that ran scripts; a task is each of its "RunTask"
 * events, and its parts are the trace events inside it (script by function and source line, style, layout, paint,
 * garbage collection).
 */
final class TraceTasks {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Event(String name, long ts, long dur, long tid, String what) {
        long end() {
            return ts + dur;
        }
    }

    /** One long task: its length and the time of its parts, longest first (ms). */
    record Task(double ms, Map<String, Double> parts) {
        String describe(int max) {
            return String.format("%.0f ms: ", ms)
                    + parts.entrySet().stream()
                            .limit(max)
                            .map(e -> String.format("%s %.0f", e.getKey(), e.getValue()))
                            .collect(Collectors.joining(", "));
        }
    }

    private TraceTasks() {}

    /** The page's tasks of at least {@code minMs}, longest first. */
    static List<Task> longTasks(List<String> messages, double minMs) {
        List<Event> events = new ArrayList<>();
        for (String message : messages) {
            try {
                JsonNode outer = JSON.readTree(message).path("message");
                if (!"Tracing.dataCollected".equals(outer.path("method").asText())) continue;
                JsonNode e = outer.path("params");
                if (!"X".equals(e.path("ph").asText())) continue;
                events.add(new Event(
                        e.path("name").asText(),
                        e.path("ts").asLong(),
                        e.path("dur").asLong(),
                        e.path("tid").asLong(),
                        what(e)));
            } catch (Exception skipped) {
                // a message that is not a trace event
            }
        }
        Map<Long, Long> scripts = events.stream()
                .filter(e -> e.name.equals("FunctionCall") || e.name.equals("EvaluateScript"))
                .collect(Collectors.groupingBy(Event::tid, Collectors.counting()));
        if (Boolean.getBoolean("atelier.trace.debug"))
            System.out.println("  trace: " + events.size() + " events; script events by thread " + scripts
                    + "; longest RunTask by thread "
                    + events.stream()
                            .filter(e -> e.name.equals("RunTask"))
                            .collect(Collectors.groupingBy(Event::tid, Collectors.summarizingLong(Event::dur)))
                            .entrySet()
                            .stream()
                            .map(e -> e.getKey() + "=" + e.getValue().getMax() / 1000 + "ms")
                            .toList());
        long main = scripts.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(-1L);
        List<Event> thread = events.stream()
                .filter(e -> e.tid == main)
                .sorted(Comparator.comparingLong(Event::ts)
                        .thenComparing(Comparator.comparingLong(Event::dur).reversed()))
                .toList();
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < thread.size(); i++) {
            Event task = thread.get(i);
            if (!task.name.equals("RunTask") || task.dur < minMs * 1000) continue;
            Map<String, Double> parts = new HashMap<>();
            // Self time of each event inside the task: its length less that of the events nested directly in it.
            List<Event> inside = new ArrayList<>();
            for (int j = i + 1; j < thread.size() && thread.get(j).ts < task.end(); j++) inside.add(thread.get(j));
            for (int j = 0; j < inside.size(); j++) {
                Event e = inside.get(j);
                long self = e.dur;
                long covered = e.ts;
                for (int k = j + 1; k < inside.size() && inside.get(k).ts < e.end(); k++) {
                    Event child = inside.get(k);
                    if (child.ts < covered) continue; // nested deeper: counted by its parent
                    self -= Math.min(child.end(), e.end()) - child.ts;
                    covered = child.end();
                }
                parts.merge(e.what, Math.max(0, self) / 1000.0, Double::sum);
            }
            Map<String, Double> sorted = new LinkedHashMap<>();
            parts.entrySet().stream()
                    .filter(e -> e.getValue() >= 1)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            tasks.add(new Task(task.dur / 1000.0, sorted));
        }
        tasks.sort(Comparator.comparingDouble(Task::ms).reversed());
        return tasks;
    }

    /** A script event by its function and source (file:line), other events by name. */
    private static String what(JsonNode e) {
        JsonNode data = e.path("args").path("data");
        String name = e.path("name").asText();
        if (!name.equals("FunctionCall") && !name.equals("EvaluateScript")) return name;
        String url = data.path("url").asText("");
        String file = url.substring(url.lastIndexOf('/') + 1);
        String function = data.path("functionName").asText("");
        return (function.isEmpty() ? "script" : function) + " (" + (file.isEmpty() ? "?" : file) + ":"
                + (data.path("lineNumber").asInt() + 1) + ")";
    }

    /** The functions of a CPU profile (CDP Profiler.stop's "profile") with the most self time, as "name (file:line) ms". */
    @SuppressWarnings("unchecked")
    static List<String> hotFunctions(Map<String, Object> profile, int top) {
        Map<Long, String> names = new HashMap<>();
        for (Map<String, Object> node : (List<Map<String, Object>>) profile.get("nodes")) {
            Map<String, Object> frame = (Map<String, Object>) node.get("callFrame");
            String url = String.valueOf(frame.get("url"));
            String file = url.substring(url.lastIndexOf('/') + 1);
            String function = String.valueOf(frame.get("functionName"));
            names.put(
                    ((Number) node.get("id")).longValue(),
                    (function.isEmpty() ? "(anonymous)" : function)
                            + (file.isEmpty()
                                    ? ""
                                    : " (" + file + ":" + (((Number) frame.get("lineNumber")).intValue() + 1) + ")"));
        }
        List<Number> samples = (List<Number>) profile.get("samples");
        List<Number> deltas = (List<Number>) profile.get("timeDeltas");
        Map<String, Double> self = new HashMap<>();
        // Each sample's time is the delta to the next one.
        for (int i = 0; i + 1 < samples.size(); i++)
            self.merge(names.get(samples.get(i).longValue()), deltas.get(i + 1).doubleValue() / 1000, Double::sum);
        return self.entrySet().stream()
                .filter(e -> !e.getKey().equals("(idle)"))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(top)
                .map(e -> String.format("%s %.0f ms", e.getKey(), e.getValue()))
                .toList();
    }
}
