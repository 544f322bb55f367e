package io.atelier.webhooks;

import io.atelier.store.Page;
import io.atelier.store.WebhookDelivery;
import io.atelier.store.WebhookEndpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API's JSON for endpoints (a secret only in the answers that create it) and deliveries. */
public final class WebhookViews {
    private WebhookViews() {}

    public static Map<String, Object> endpoint(WebhookEndpoint endpoint) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("webhookId", endpoint.webhookId());
        json.put("url", endpoint.url());
        json.put("description", endpoint.description());
        json.put("events", endpoint.events());
        json.put("default", endpoint.isDefault());
        json.put("createdAt", endpoint.createdAt().toString());
        json.put("enabled", endpoint.enabled());
        json.put(
                "disabledAt",
                endpoint.disabledAt() == null ? null : endpoint.disabledAt().toString());
        json.put("disabledReason", endpoint.disabledReason());
        json.put(
                "previousSecretExpiresAt",
                endpoint.previousSecretUntil() == null
                        ? null
                        : endpoint.previousSecretUntil().toString());
        return json;
    }

    /** Creation and rotation: the only answers that carry the secret. */
    public static Map<String, Object> withSecret(WebhookEndpoint endpoint) {
        Map<String, Object> json = endpoint(endpoint);
        json.put("secret", endpoint.secret());
        return json;
    }

    public static Map<String, Object> endpoints(List<WebhookEndpoint> endpoints) {
        return Map.of("webhooks", endpoints.stream().map(WebhookViews::endpoint).toList());
    }

    public static Map<String, Object> delivery(WebhookDelivery delivery) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("deliveryId", delivery.deliveryId());
        json.put("webhookId", delivery.webhookId());
        json.put("eventType", delivery.eventType());
        json.put("status", delivery.status().name());
        json.put("attempts", delivery.attempts());
        json.put("responseCode", delivery.lastStatusCode());
        json.put("latencyMs", delivery.lastLatencyMs());
        json.put("error", delivery.lastError());
        json.put("createdAt", delivery.createdAt().toString());
        json.put(
                "lastAttemptAt",
                delivery.lastAttemptAt() == null
                        ? null
                        : delivery.lastAttemptAt().toString());
        json.put(
                "nextAttemptAt",
                delivery.nextAttemptAt() == null
                        ? null
                        : delivery.nextAttemptAt().toString());
        return json;
    }

    public static Map<String, Object> deliveries(Page<WebhookDelivery> page) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("deliveries", page.items().stream().map(WebhookViews::delivery).toList());
        if (page.nextCursor() != null) json.put("nextCursor", page.nextCursor());
        return json;
    }
}
