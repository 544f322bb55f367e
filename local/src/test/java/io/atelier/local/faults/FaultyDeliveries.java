package io.atelier.local.faults;

import io.atelier.json.Json;
import io.atelier.local.events.DeliveryHook;
import io.atelier.model.TaskMessage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The queue's faults: duplicate deliveries (each message body seen for the first time is sent again once or twice)
 * and lost acknowledgements (a processed message is not deleted, as if the worker died after its state write). It
 * also tells the stand-in provider which task the running delivery is for.
 */
final class FaultyDeliveries implements DeliveryHook {
    static final ThreadLocal<TaskMessage> CURRENT = new ThreadLocal<>();
    private static final String WORKER = "WorkerFunction";

    private final SqsClient sqs;
    private final String queueUrl;
    volatile boolean duplicate;
    volatile Predicate<TaskMessage> loseAck = message -> false;
    /** Whether the message of a killed worker is lost too (deleted), so that only the sweeper can rescue its task. */
    volatile boolean loseKilled;

    final AtomicInteger messagesLost = new AtomicInteger();
    final AtomicInteger copiesSent = new AtomicInteger();
    final AtomicInteger acksLost = new AtomicInteger();
    final AtomicInteger deliveries = new AtomicInteger();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Set<String> lost = ConcurrentHashMap.newKeySet();

    FaultyDeliveries(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void before(String functionId, List<Message> batch) {
        if (!functionId.equals(WORKER)) return;
        deliveries.addAndGet(batch.size());
        CURRENT.set(message(batch.get(0)));
        for (Message m : batch) {
            if (duplicate && seen.add(m.body())) {
                int copies = ThreadLocalRandom.current().nextInt(1, 3);
                for (int i = 0; i < copies; i++) {
                    int delay = i; // one at once (racing this delivery), one a second later
                    sqs.sendMessage(
                            b -> b.queueUrl(queueUrl).messageBody(m.body()).delaySeconds(delay));
                    copiesSent.incrementAndGet();
                }
            }
        }
    }

    @Override
    public void after(String functionId, List<Message> batch) {
        if (!functionId.equals(WORKER)) return;
        TaskMessage message = CURRENT.get();
        CURRENT.remove();
        if (loseKilled && message != null && FaultPlan.KILLED.remove(message.taskId())) {
            sqs.deleteMessage(
                    b -> b.queueUrl(queueUrl).receiptHandle(batch.get(0).receiptHandle()));
            messagesLost.incrementAndGet();
        }
    }

    @Override
    public List<Message> acknowledge(String functionId, List<Message> processed) {
        if (!functionId.equals(WORKER)) return processed;
        return processed.stream()
                .filter(m -> {
                    TaskMessage message = message(m);
                    boolean drop = message != null && loseAck.test(message) && lost.add(m.body());
                    if (drop) acksLost.incrementAndGet();
                    return !drop;
                })
                .toList();
    }

    static TaskMessage message(Message m) {
        try {
            return Json.read(m.body(), TaskMessage.class);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
