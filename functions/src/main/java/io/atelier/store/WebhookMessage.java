package io.atelier.store;

import java.time.Instant;

/**
 * A message on the webhook queue: either a task that reached SUCCEEDED or FAILED ({@code kind} "transition": the
 * consumer works out which endpoint wants which event), or one delivery to attempt ({@code kind} "deliver", not
 * before {@code notBefore}: SQS delays a message at most 15 minutes, so longer waits are several hops).
 */
public record WebhookMessage(
        String kind,
        String owner,
        String jobId,
        String taskId,
        String status,
        Integer attempt,
        Long atMillis,
        String webhookId,
        String deliveryId,
        Long notBeforeMillis) {
    public static final String TRANSITION = "transition";
    public static final String DELIVER = "deliver";

    public static WebhookMessage transition(
            String owner, String jobId, String taskId, String status, int attempt, Instant at) {
        return new WebhookMessage(
                TRANSITION, owner, jobId, taskId, status, attempt, at.toEpochMilli(), null, null, null);
    }

    public static WebhookMessage deliver(String owner, String webhookId, String deliveryId, Instant notBefore) {
        return new WebhookMessage(
                DELIVER, owner, null, null, null, null, null, webhookId, deliveryId, notBefore.toEpochMilli());
    }

    /** When the transition happened (times travel as epoch milliseconds: the JSON mapper has no java.time support). */
    public Instant at() {
        return atMillis == null ? null : Instant.ofEpochMilli(atMillis);
    }

    public Instant notBefore() {
        return notBeforeMillis == null ? null : Instant.ofEpochMilli(notBeforeMillis);
    }
}
