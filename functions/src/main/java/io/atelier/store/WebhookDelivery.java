package io.atelier.store;

import java.time.Instant;

/**
 * One event for one endpoint, and what became of sending it. Its id is the {@code webhook-id} of every attempt;
 * {@code payload} is the exact body that is signed and sent. {@code retryFrom} starts the retry window (creation, or
 * a redelivery request).
 */
public record WebhookDelivery(
        String owner,
        String webhookId,
        String deliveryId,
        String eventType,
        String payload,
        DeliveryStatus status,
        int attempts,
        Integer lastStatusCode,
        Long lastLatencyMs,
        String lastError,
        Instant createdAt,
        Instant retryFrom,
        Instant lastAttemptAt,
        Instant nextAttemptAt) {

    public static WebhookDelivery pending(
            String owner, String webhookId, String deliveryId, String eventType, String payload, Instant now) {
        return new WebhookDelivery(
                owner,
                webhookId,
                deliveryId,
                eventType,
                payload,
                DeliveryStatus.PENDING,
                0,
                null,
                null,
                null,
                now,
                now,
                null,
                now);
    }

    /** After one attempt: its answer (status 0 = none, with {@code error} saying why) and what happens next. */
    public WebhookDelivery attempted(
            Instant at, int statusCode, long latencyMs, String error, DeliveryStatus next, Instant nextAttempt) {
        return new WebhookDelivery(
                owner,
                webhookId,
                deliveryId,
                eventType,
                payload,
                next,
                attempts + 1,
                statusCode == 0 ? null : statusCode,
                latencyMs,
                error,
                createdAt,
                retryFrom,
                at,
                nextAttempt);
    }

    /** Sent again on the owner's request: a fresh retry window, the same id and body. */
    public WebhookDelivery redelivered(Instant now) {
        return new WebhookDelivery(
                owner,
                webhookId,
                deliveryId,
                eventType,
                payload,
                DeliveryStatus.PENDING,
                attempts,
                lastStatusCode,
                lastLatencyMs,
                lastError,
                createdAt,
                now,
                lastAttemptAt,
                now);
    }
}
