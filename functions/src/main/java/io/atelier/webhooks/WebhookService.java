package io.atelier.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.core.ConflictException;
import io.atelier.core.InvalidRequestException;
import io.atelier.core.NotFoundException;
import io.atelier.model.FieldError;
import io.atelier.model.Ids;
import io.atelier.outbound.UnsafeUrlException;
import io.atelier.outbound.UrlGuard;
import io.atelier.store.Page;
import io.atelier.store.PageRequest;
import io.atelier.store.WebhookDelivery;
import io.atelier.store.WebhookEndpoint;
import io.atelier.store.WebhookMessage;
import io.atelier.store.WebhookQueue;
import io.atelier.store.WebhookStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The owner's side of webhooks: endpoints, their secrets, the delivery log, pings and redelivery. */
public final class WebhookService {
    static final int MAX_ENDPOINTS = 10;
    static final int MAX_DESCRIPTION = 200;
    static final Duration MAX_OVERLAP = Duration.ofDays(7);
    private final WebhookStore store;
    private final WebhookQueue queue;
    private final UrlGuard guard;
    private final Clock clock;
    private final Duration defaultOverlap;
    private final Duration retention;

    /**
     * @param defaultOverlap how long a rotated secret still signs, unless the request says otherwise
     * @param retention      how long a job's link to its endpoint is kept (as long as the job)
     */
    public WebhookService(
            WebhookStore store,
            WebhookQueue queue,
            UrlGuard guard,
            Clock clock,
            Duration defaultOverlap,
            Duration retention) {
        this.store = store;
        this.queue = queue;
        this.guard = guard;
        this.clock = clock;
        this.defaultOverlap = defaultOverlap;
        this.retention = retention;
    }

    /** {@code POST /webhooks}: the answer is the only time its secret is shown. The owner's first endpoint is the default. */
    public WebhookEndpoint create(String owner, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        String url = text(body, "url", errors, true, UrlGuard.MAX_URL_LENGTH);
        if (url != null) {
            try {
                guard.vet(url);
            } catch (UnsafeUrlException e) {
                errors.add(new FieldError("url", e.getMessage()));
            }
        }
        String description = text(body, "description", errors, false, MAX_DESCRIPTION);
        List<String> events = events(body.get("events"), errors);
        Boolean wantsDefault = flag(body.get("default"), "default", errors);
        if (!errors.isEmpty()) throw new InvalidRequestException(errors.get(0).message(), errors);
        List<WebhookEndpoint> existing = store.endpoints(owner);
        if (existing.size() >= MAX_ENDPOINTS)
            throw new ConflictException(
                    "An account may have at most " + MAX_ENDPOINTS + " webhook endpoints; delete one first.");
        boolean isDefault =
                wantsDefault != null ? wantsDefault : existing.stream().noneMatch(WebhookEndpoint::isDefault);
        if (isDefault)
            existing.stream().filter(WebhookEndpoint::isDefault).forEach(other -> store.put(other.withDefault(false)));
        WebhookEndpoint endpoint = new WebhookEndpoint(
                owner,
                Ids.webhook(),
                url,
                description,
                events,
                isDefault,
                WebhookSignature.newSecret(),
                null,
                null,
                clock.instant(),
                null,
                null);
        store.put(endpoint);
        return endpoint;
    }

    public List<WebhookEndpoint> list(String owner) {
        return store.endpoints(owner);
    }

    public void delete(String owner, String webhookId) {
        if (!store.delete(owner, webhookId)) throw notFound(webhookId);
    }

    /** A new secret; the old one keeps signing (both signatures are sent) for the overlap, 24 hours unless asked otherwise. */
    public WebhookEndpoint rotate(String owner, String webhookId, JsonNode body) {
        WebhookEndpoint endpoint = owned(owner, webhookId);
        Duration overlap = defaultOverlap;
        JsonNode given = body == null ? null : body.get("overlapSeconds");
        if (given != null && !given.isNull()) {
            if (!given.canConvertToLong()
                    || !given.isIntegralNumber()
                    || given.asLong() < 0
                    || given.asLong() > MAX_OVERLAP.toSeconds())
                throw new InvalidRequestException(
                        "overlapSeconds", "overlapSeconds must be a whole number from 0 to " + MAX_OVERLAP.toSeconds());
            overlap = Duration.ofSeconds(given.asLong());
        }
        WebhookEndpoint rotated =
                endpoint.rotated(WebhookSignature.newSecret(), clock.instant().plus(overlap));
        store.put(rotated);
        return rotated;
    }

    /**
     * {@code PATCH /webhooks/{id} {"enabled"}}: an endpoint disabled by a 410 Gone (or by its owner) is enabled again,
     * or one is disabled by hand. Deliveries that failed meanwhile can be redelivered from the log.
     */
    public WebhookEndpoint setEnabled(String owner, String webhookId, JsonNode body) {
        owned(owner, webhookId);
        JsonNode given = body == null ? null : body.get("enabled");
        if (given == null || !given.isBoolean())
            throw new InvalidRequestException("enabled", "enabled must be true or false");
        boolean done = given.asBoolean()
                ? store.setDisabled(owner, webhookId, null, null)
                : store.setDisabled(owner, webhookId, clock.instant(), "Disabled by its owner.");
        if (!done) throw notFound(webhookId);
        return owned(owner, webhookId);
    }

    /** A {@code webhook.ping} delivery, sent by the consumer like any other (and logged like one). */
    public WebhookDelivery ping(String owner, String webhookId) {
        WebhookEndpoint endpoint = enabled(owned(owner, webhookId));
        Instant now = clock.instant();
        String deliveryId = Ids.MESSAGE + "_" + Ids.ulid();
        WebhookDelivery delivery = WebhookDelivery.pending(
                owner,
                endpoint.webhookId(),
                deliveryId,
                WebhookEvents.PING,
                WebhookPayloads.ping(endpoint.webhookId(), now),
                now);
        store.createDelivery(delivery);
        queue.send(WebhookMessage.deliver(owner, endpoint.webhookId(), deliveryId, now), Duration.ZERO);
        return delivery;
    }

    public Page<WebhookDelivery> deliveries(String owner, String webhookId, PageRequest page) {
        owned(owner, webhookId);
        return store.deliveries(webhookId, page);
    }

    /** Sends a delivery again, with the same {@code webhook-id} and body, and a fresh retry window. */
    public WebhookDelivery redeliver(String owner, String webhookId, String deliveryId) {
        enabled(owned(owner, webhookId));
        WebhookDelivery delivery = store.delivery(webhookId, deliveryId)
                .filter(found -> found.owner().equals(owner))
                .orElseThrow(() -> new NotFoundException("Delivery " + deliveryId));
        WebhookDelivery again = delivery.redelivered(clock.instant());
        if (!store.update(again, delivery.attempts()))
            throw new ConflictException("The delivery is being attempted right now; try again in a moment.");
        queue.send(WebhookMessage.deliver(owner, webhookId, deliveryId, again.nextAttemptAt()), Duration.ZERO);
        return again;
    }

    /** The endpoint a job submission names ({@code webhookId}), checked before the job exists: a 400 if it is not the caller's. */
    public Optional<String> namedBy(String owner, JsonNode jobRequest) {
        JsonNode given = jobRequest == null ? null : jobRequest.get("webhookId");
        if (given == null || given.isNull()) return Optional.empty();
        if (!given.isTextual()
                || !Ids.isValid(Ids.WEBHOOK, given.asText())
                || store.endpoint(owner, given.asText()).isEmpty())
            throw new InvalidRequestException(
                    "webhookId", "webhookId must name one of your webhook endpoints (GET /webhooks).");
        return Optional.of(given.asText());
    }

    public void linkJob(String owner, String jobId, String webhookId, Instant jobCreatedAt) {
        store.linkJob(owner, jobId, webhookId, jobCreatedAt.plus(retention));
    }

    private WebhookEndpoint owned(String owner, String webhookId) {
        return store.endpoint(owner, webhookId).orElseThrow(() -> notFound(webhookId));
    }

    private static WebhookEndpoint enabled(WebhookEndpoint endpoint) {
        if (!endpoint.enabled())
            throw new ConflictException("Webhook " + endpoint.webhookId() + " is disabled (" + endpoint.disabledReason()
                    + "); enable it first (PATCH {\"enabled\": true}).");
        return endpoint;
    }

    private static NotFoundException notFound(String webhookId) {
        return new NotFoundException("Webhook " + webhookId);
    }

    private static String text(JsonNode body, String field, List<FieldError> errors, boolean required, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) errors.add(new FieldError(field, field + " is required"));
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > max) {
            errors.add(new FieldError(field, field + " must be text of 1 to " + max + " characters"));
            return null;
        }
        return value.asText().strip();
    }

    private static List<String> events(JsonNode value, List<FieldError> errors) {
        if (value == null || value.isNull()) return WebhookEvents.ALL;
        String rule = "events must be a non-empty list of: " + String.join(", ", WebhookEvents.ALL);
        if (!value.isArray() || value.isEmpty()) {
            errors.add(new FieldError("events", rule));
            return List.of();
        }
        Set<String> events = new LinkedHashSet<>();
        for (JsonNode event : value) {
            if (!event.isTextual() || !WebhookEvents.ALL.contains(event.asText())) {
                errors.add(new FieldError("events", rule));
                return List.of();
            }
            events.add(event.asText());
        }
        return List.copyOf(events);
    }

    private static Boolean flag(JsonNode value, String field, List<FieldError> errors) {
        if (value == null || value.isNull()) return null;
        if (!value.isBoolean()) {
            errors.add(new FieldError(field, field + " must be true or false"));
            return null;
        }
        return value.asBoolean();
    }
}
