package io.atelier.logging;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the current invocation is about (Lambda's request id, the job, task, image and provider at hand), added to
 * every JSON log line written on this thread. Handlers begin it per invocation or per message; the worker adds what
 * it learns. Thread-local: a Lambda container runs one invocation at a time, the local runner one per thread.
 */
public final class LogContext {
    public static final String REQUEST_ID = "requestId";
    public static final String JOB_ID = "jobId";
    public static final String TASK_ID = "taskId";
    public static final String IMAGE_ID = "imageId";
    public static final String PROVIDER = "provider";

    private static final ThreadLocal<Map<String, String>> FIELDS = ThreadLocal.withInitial(LinkedHashMap::new);

    private LogContext() {}

    /** Forgets the previous invocation's fields and starts this one's with its request id (null outside Lambda). */
    public static void begin(String requestId) {
        FIELDS.get().clear();
        put(REQUEST_ID, requestId);
    }

    /** Sets a field; null removes it. */
    public static void put(String name, String value) {
        if (value == null) FIELDS.get().remove(name);
        else FIELDS.get().put(name, value);
    }

    public static void clear() {
        FIELDS.remove();
    }

    /** One field of this thread's invocation (null if unset): the trace's annotations. */
    public static String get(String name) {
        return FIELDS.get().get(name);
    }

    /** The fields in the order they were set. */
    static Map<String, String> fields() {
        return FIELDS.get();
    }
}
