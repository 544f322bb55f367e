package io.atelier.store.sqs;

import io.atelier.json.Json;
import io.atelier.model.TaskMessage;
import io.atelier.store.TaskQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** Task messages on SQS, sent ten to a batch; entries SQS refuses are re-sent before giving up loudly. */
public final class SqsTaskQueue implements TaskQueue {
    private static final int BATCH = 10;
    private static final int MAX_ROUNDS = 5;
    private final Supplier<SqsClient> sqs;
    private final String queueUrl;

    public SqsTaskQueue(SqsClient sqs, String queueUrl) {
        this(() -> sqs, queueUrl);
    }

    /** The client made on first use. */
    public SqsTaskQueue(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(List<TaskMessage> messages) {
        for (int from = 0; from < messages.size(); from += BATCH) {
            List<SendMessageBatchRequestEntry> pending = new ArrayList<>();
            List<TaskMessage> chunk = messages.subList(from, Math.min(messages.size(), from + BATCH));
            for (int i = 0; i < chunk.size(); i++)
                pending.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .messageBody(Json.write(chunk.get(i)))
                        .build());
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round == MAX_ROUNDS)
                    throw new IllegalStateException("SQS refused " + pending.size() + " task messages");
                List<SendMessageBatchRequestEntry> batch = List.copyOf(pending);
                var response =
                        sqs.get().sendMessageBatch(b -> b.queueUrl(queueUrl).entries(batch));
                pending.clear();
                response.failed()
                        .forEach(failure -> batch.stream()
                                .filter(entry -> entry.id().equals(failure.id()))
                                .forEach(pending::add));
            }
        }
    }

    @Override
    public void extendVisibility(String receiptHandle, Duration timeout) {
        sqs.get()
                .changeMessageVisibility(b -> b.queueUrl(queueUrl)
                        .receiptHandle(receiptHandle)
                        .visibilityTimeout(
                                (int) Math.min(MAX_VISIBILITY.toSeconds(), Math.max(0, timeout.toSeconds()))));
    }

    @Override
    public long backlog() {
        var attributes = sqs.get()
                .getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes();
        return attributes.values().stream().mapToLong(Long::parseLong).sum();
    }

    @Override
    public void enqueueLater(TaskMessage message, Duration delay) {
        int seconds = (int) Math.max(0, Math.min(delay.toSeconds(), MAX_DELAY.toSeconds()));
        sqs.get()
                .sendMessage(b ->
                        b.queueUrl(queueUrl).messageBody(Json.write(message)).delaySeconds(seconds));
    }
}
