package io.atelier.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's receiver of events. {@code previousSecret} still signs until {@code previousSecretUntil}, so a receiver
 * can switch to a rotated secret without missing a delivery. An endpoint that answered 410 Gone is disabled
 * ({@code disabledAt}, {@code disabledReason}): nothing more is sent to it until its owner enables it again.
 */
public record WebhookEndpoint(
        String owner,
        String webhookId,
        String url,
        String description,
        List<String> events,
        boolean isDefault,
        String secret,
        String previousSecret,
        Instant previousSecretUntil,
        Instant createdAt,
        Instant disabledAt,
        String disabledReason) {
    /** The test event every endpoint accepts, whatever its filter. */
    public static final String PING = "webhook.ping";

    public WebhookEndpoint {
        events = List.copyOf(events);
    }

    /** The secrets that sign a delivery made at {@code now}: the current one first. */
    public List<String> signingSecrets(Instant now) {
        List<String> secrets = new ArrayList<>(List.of(secret));
        if (previousSecret != null && previousSecretUntil != null && now.isBefore(previousSecretUntil))
            secrets.add(previousSecret);
        return secrets;
    }

    public boolean enabled() {
        return disabledAt == null;
    }

    public boolean wants(String eventType) {
        return PING.equals(eventType) || events.contains(eventType);
    }

    public WebhookEndpoint withDefault(boolean value) {
        return new WebhookEndpoint(
                owner,
                webhookId,
                url,
                description,
                events,
                value,
                secret,
                previousSecret,
                previousSecretUntil,
                createdAt,
                disabledAt,
                disabledReason);
    }

    public WebhookEndpoint rotated(String newSecret, Instant oldUntil) {
        return new WebhookEndpoint(
                owner,
                webhookId,
                url,
                description,
                events,
                isDefault,
                newSecret,
                secret,
                oldUntil,
                createdAt,
                disabledAt,
                disabledReason);
    }
}
