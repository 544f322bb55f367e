package io.atelier.store.sqs;

import io.atelier.json.Json;
import io.atelier.model.FanOutMessage;
import io.atelier.store.FanOutQueue;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Fan-out requests on their own SQS queue: a slow fan-out never waits behind task messages. */
public final class SqsFanOutQueue implements FanOutQueue {
    private final Supplier<SqsClient> sqs;
    private final String queueUrl;

    public SqsFanOutQueue(SqsClient sqs, String queueUrl) {
        this(() -> sqs, queueUrl);
    }

    /** The client made on first use. */
    public SqsFanOutQueue(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void start(FanOutMessage message) {
        sqs.get().sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(message)));
    }
}
