package io.atelier.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Endpoints (reached through their owner), the endpoint a job names, and each endpoint's delivery log. */
public interface WebhookStore {
    List<WebhookEndpoint> endpoints(String owner);

    Optional<WebhookEndpoint> endpoint(String owner, String webhookId);

    /** Stores a new endpoint or replaces one (rotation, default flag). */
    void put(WebhookEndpoint endpoint);

    /**
     * Disables the endpoint ({@code at} and {@code reason}), or enables it again when {@code at} is null; false if the
     * owner has none by that id. A field update, so a rotation or a default change at the same time is not lost.
     */
    boolean setDisabled(String owner, String webhookId, Instant at, String reason);

    /** Removes the endpoint; false if the owner has none by that id. Its delivery log expires on its own. */
    boolean delete(String owner, String webhookId);

    /** Records that a job reports to this endpoint; kept as long as the job is. */
    void linkJob(String owner, String jobId, String webhookId, Instant expiresAt);

    Optional<String> linkedWebhook(String owner, String jobId);

    /** Stores a new delivery; false if one with that id exists (the same event reported twice). */
    boolean createDelivery(WebhookDelivery delivery);

    Optional<WebhookDelivery> delivery(String webhookId, String deliveryId);

    /** Replaces the delivery if it still has {@code expectedAttempts} attempts; false if another attempt got there first. */
    boolean update(WebhookDelivery delivery, int expectedAttempts);

    /** Newest first. */
    Page<WebhookDelivery> deliveries(String webhookId, PageRequest page);
}
