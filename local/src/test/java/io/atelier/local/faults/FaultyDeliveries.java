package io.atelier.local.faults;

import io.atelier.json.Json;
import io.atelier.local.events.DeliveryHook;
import io.atelier.model.TaskMessage;
import java.util.List;
import java.util.Map;
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
 * also keeps each task's delivered message for the stand-in provider.
 */
final class FaultyDeliveries implements DeliveryHook {
    /** The messages delivered to the worker, by task: what the stand-in provider knows of the task it runs. */
    static final Map<String, TaskMessage> DELIVERED = new ConcurrentHashMap<>();

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
        for (Message m : batch) {
            TaskMessage delivered = message(m);
            if (delivered != null) DELIVERED.put(delivered.taskId(), delivered);
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
        for (Message m : batch) {
            TaskMessage message = message(m);
            if (loseKilled && message != null && FaultPlan.KILLED.remove(message.taskId())) {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                messagesLost.incrementAndGet();
            }
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
