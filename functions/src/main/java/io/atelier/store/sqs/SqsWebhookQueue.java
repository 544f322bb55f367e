package io.atelier.store.sqs;

import io.atelier.json.Json;
import io.atelier.store.WebhookMessage;
import io.atelier.store.WebhookQueue;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The webhook queue on SQS: one message per send, delayed up to SQS's 15 minutes. */
public final class SqsWebhookQueue implements WebhookQueue {
    private final Supplier<SqsClient> sqs;
    private final String queueUrl;

    public SqsWebhookQueue(SqsClient sqs, String queueUrl) {
        this(() -> sqs, queueUrl);
    }

    /** The client made on first use. */
    public SqsWebhookQueue(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(WebhookMessage message, Duration delay) {
        int seconds = (int) Math.max(0, Math.min(MAX_DELAY.toSeconds(), (delay.toMillis() + 999) / 1000));
        sqs.get()
                .sendMessage(b ->
                        b.queueUrl(queueUrl).messageBody(Json.write(message)).delaySeconds(seconds));
    }
}
