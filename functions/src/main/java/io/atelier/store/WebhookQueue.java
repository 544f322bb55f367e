package io.atelier.store;

import java.time.Duration;

/** The webhook queue: transitions to report and deliveries to attempt, each a message with an optional delay. */
public interface WebhookQueue {
    /** The longest delay SQS allows one message. */
    Duration MAX_DELAY = Duration.ofMinutes(15);

    void send(WebhookMessage message, Duration delay);
}
