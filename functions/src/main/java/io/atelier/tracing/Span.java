package io.atelier.tracing;

import io.atelier.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** One X-Ray subsegment being timed; {@link #end()} sends it. Not thread-safe: one call, one thread. */
public class Span {
    /** What an unsampled (or untraced) call gets: every method does nothing. */
    public static final Span NONE = new Span(null, null, null, null, null, null);

    private final XRay tracer;
    private final Map<String, Object> document = new LinkedHashMap<>();
    private final Map<String, Object> annotations = new LinkedHashMap<>();
    private final Map<String, Object> aws = new LinkedHashMap<>();
    private final Map<String, Object> request = new LinkedHashMap<>();
    private final Map<String, Object> response = new LinkedHashMap<>();

    Span(XRay tracer, String name, String namespace, String traceId, String parentId, String id) {
        this.tracer = tracer;
        if (tracer == null) return;
        document.put("type", "subsegment");
        document.put("name", name);
        document.put("id", id);
        document.put("trace_id", traceId);
        document.put("parent_id", parentId);
        document.put("namespace", namespace);
        document.put("start_time", now());
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    public Span annotation(String key, String value) {
        if (tracer != null) annotations.put(key, value);
        return this;
    }

    /** The AWS call's details (operation, region, request_id, table_name, queue_url...). */
    public Span aws(String key, Object value) {
        if (tracer != null && value != null) aws.put(key, value);
        return this;
    }

    /** @param url without its query string: a provider's key may travel there */
    public Span request(String method, String url) {
        if (tracer != null) {
            request.put("method", method);
            request.put("url", url);
        }
        return this;
    }

    /** The answer's status: 429 is a throttle, other 4xx an error, 5xx a fault. */
    public Span response(int status, long contentLength) {
        if (tracer == null) return this;
        response.put("status", status);
        if (contentLength >= 0) response.put("content_length", contentLength);
        if (status == 429) {
            document.put("throttle", true);
            document.put("error", true);
        } else if (status >= 400 && status < 500) {
            document.put("error", true);
        } else if (status >= 500) {
            document.put("fault", true);
        }
        return this;
    }

    /** The call failed without an answer (connection, timeout): a fault, with the exception's type. */
    public Span failed(Throwable cause) {
        if (tracer == null) return this;
        if (!document.containsKey("error")) document.put("fault", true);
        document.put(
                "cause",
                Map.of(
                        "exceptions",
                        java.util.List.of(Map.of("type", cause.getClass().getName()))));
        return this;
    }

    public void end() {
        if (tracer == null) return;
        document.put("end_time", now());
        if (!annotations.isEmpty()) document.put("annotations", annotations);
        if (!aws.isEmpty()) document.put("aws", aws);
        Map<String, Object> http = new LinkedHashMap<>();
        if (!request.isEmpty()) http.put("request", request);
        if (!response.isEmpty()) http.put("response", response);
        if (!http.isEmpty()) document.put("http", http);
        tracer.send(Json.write(document));
    }
}
