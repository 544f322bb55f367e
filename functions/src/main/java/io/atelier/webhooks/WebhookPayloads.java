package io.atelier.webhooks;

import io.atelier.json.Json;
import io.atelier.model.Counts;
import io.atelier.model.Job;
import io.atelier.model.Task;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bodies sent, in the Standard Webhooks shape {@code {"type","timestamp","data"}}: ids and states only. Results
 * are fetched through the API with the receiver's own credentials; a presigned URL here would outlive its purpose.
 */
final class WebhookPayloads {
    private WebhookPayloads() {}

    static String task(String type, Instant at, Task task) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("jobId", task.jobId());
        data.put("taskId", task.taskId());
        if (task.customId() != null) data.put("customId", task.customId());
        if (task.input() != null && task.input().imageId() != null)
            data.put("imageId", task.input().imageId());
        data.put("status", task.status().name());
        data.put("attempt", task.attempt());
        if (task.result().error() != null)
            data.put(
                    "error",
                    Map.of(
                            "code",
                            task.result().error().code().wire(),
                            "message",
                            task.result().error().message()));
        return envelope(type, at, data);
    }

    static String job(String type, Job job) {
        Counts counts = job.counts();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("jobId", job.jobId());
        if (job.name() != null) data.put("name", job.name());
        data.put("status", job.status().name());
        data.put(
                "counts",
                Map.of(
                        "total",
                        counts.total(),
                        "succeeded",
                        counts.succeeded(),
                        "failed",
                        counts.failed(),
                        "canceled",
                        counts.canceled()));
        return envelope(type, job.updatedAt(), data);
    }

    static String ping(String webhookId, Instant at) {
        return envelope(WebhookEvents.PING, at, Map.of("webhookId", webhookId));
    }

    private static String envelope(String type, Instant at, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", at.toString());
        body.put("data", data);
        return Json.write(body);
    }
}
