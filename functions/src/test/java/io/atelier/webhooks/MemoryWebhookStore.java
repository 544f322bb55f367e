package io.atelier.webhooks;

import io.atelier.store.Page;
import io.atelier.store.PageRequest;
import io.atelier.store.WebhookDelivery;
import io.atelier.store.WebhookEndpoint;
import io.atelier.store.WebhookStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The webhook store in memory, with the DynamoDB store's conditions (one delivery per id, attempts as the guard). */
final class MemoryWebhookStore implements WebhookStore {
    final Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();
    final Map<String, String> links = new LinkedHashMap<>();
    final Map<String, WebhookDelivery> deliveries = new LinkedHashMap<>();

    @Override
    public synchronized List<WebhookEndpoint> endpoints(String owner) {
        return endpoints.values().stream().filter(e -> e.owner().equals(owner)).toList();
    }

    @Override
    public synchronized Optional<WebhookEndpoint> endpoint(String owner, String id) {
        return Optional.ofNullable(endpoints.get(id)).filter(e -> e.owner().equals(owner));
    }

    @Override
    public synchronized void put(WebhookEndpoint endpoint) {
        endpoints.put(endpoint.webhookId(), endpoint);
    }

    @Override
    public synchronized boolean setDisabled(String owner, String id, Instant at, String reason) {
        Optional<WebhookEndpoint> found = endpoint(owner, id);
        found.ifPresent(e -> endpoints.put(
                id,
                new WebhookEndpoint(
                        e.owner(),
                        e.webhookId(),
                        e.url(),
                        e.description(),
                        e.events(),
                        e.isDefault(),
                        e.secret(),
                        e.previousSecret(),
                        e.previousSecretUntil(),
                        e.createdAt(),
                        at,
                        at == null ? null : reason)));
        return found.isPresent();
    }

    @Override
    public synchronized boolean delete(String owner, String id) {
        return endpoint(owner, id).map(e -> endpoints.remove(id) != null).orElse(false);
    }

    @Override
    public synchronized void linkJob(String owner, String jobId, String webhookId, Instant expiresAt) {
        links.put(owner + "|" + jobId, webhookId);
    }

    @Override
    public synchronized Optional<String> linkedWebhook(String owner, String jobId) {
        return Optional.ofNullable(links.get(owner + "|" + jobId));
    }

    @Override
    public synchronized boolean createDelivery(WebhookDelivery d) {
        return deliveries.putIfAbsent(d.webhookId() + "|" + d.deliveryId(), d) == null;
    }

    @Override
    public synchronized Optional<WebhookDelivery> delivery(String webhookId, String deliveryId) {
        return Optional.ofNullable(deliveries.get(webhookId + "|" + deliveryId));
    }

    @Override
    public synchronized boolean update(WebhookDelivery d, int expectedAttempts) {
        WebhookDelivery stored = deliveries.get(d.webhookId() + "|" + d.deliveryId());
        if (stored == null || stored.attempts() != expectedAttempts) return false;
        deliveries.put(d.webhookId() + "|" + d.deliveryId(), d);
        return true;
    }

    @Override
    public synchronized Page<WebhookDelivery> deliveries(String webhookId, PageRequest page) {
        List<WebhookDelivery> all = new ArrayList<>(deliveries.values().stream()
                .filter(d -> d.webhookId().equals(webhookId))
                .toList());
        all.sort(Comparator.comparing(WebhookDelivery::deliveryId).reversed());
        return new Page<>(all.subList(0, Math.min(page.limit(), all.size())), null);
    }
}
