package io.atelier.local.events;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.atelier.local.lambda.FunctionException;
import io.atelier.local.lambda.LambdaJson;
import io.atelier.local.lambda.LocalFunction;
import io.atelier.local.template.SqsSourceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's SQS event source mapping for one function: {@code maxConcurrency} pollers long-poll the queue, each
 * invokes the function with up to {@code batchSize} messages and deletes what succeeded. With
 * ReportBatchItemFailures only the listed messages stay; if the function throws, all stay and come back after the
 * visibility timeout, until the queue's redrive policy moves them to the dead-letter queue.
 */
public final class SqsEventSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSource.class);
    /** Short long-poll, so that stopping the runner takes about a second. */
    private static final int WAIT_SECONDS = 1;
    /**
     * After this long without a message, a poller rests while another one listens, until messages come (Lambda, too,
     * polls a quiet queue with few pollers and adds them as messages come): 23 pollers each asking once a second kept
     * ElasticMQ busy at 7% of two cores with nothing to do.
     */
    public static final Duration QUIET_AFTER = Duration.ofSeconds(5);

    private final SqsSourceSpec spec;
    private final String queueUrl;
    private final Function<SQSEvent, Object> function;
    private final SqsClient sqs;
    private final String region;
    private final List<Thread> pollers = new ArrayList<>();
    private volatile boolean running;
    /**
     * Where resting pollers wait; notified when messages come after a quiet spell, when nobody listens any more (the
     * last listener went to deliver what it received), and at stop. Guards {@link #listening}.
     */
    private final Object quiet = new Object();
    /** Pollers in a receive, or about to be. */
    private int listening;

    private volatile long lastMessagesAt = System.nanoTime() - QUIET_AFTER.toNanos();
    private final java.util.function.Supplier<DeliveryHook> hook;

    public SqsEventSource(SqsSourceSpec spec, String queueUrl, LocalFunction function, SqsClient sqs, String region) {
        this(spec, queueUrl, function, sqs, region, () -> DeliveryHook.NONE);
    }

    /** @param hook read at every delivery: fault injection (tests) can come and go while the mapping runs */
    public SqsEventSource(
            SqsSourceSpec spec,
            String queueUrl,
            LocalFunction function,
            SqsClient sqs,
            String region,
            java.util.function.Supplier<DeliveryHook> hook) {
        this(spec, queueUrl, function::invoke, sqs, region, hook);
    }

    /**
     * @param function invoked with each batch as Lambda would (a failure is a {@link FunctionException}); the worker
     *                 bench passes its own instrumented handler here
     */
    public SqsEventSource(
            SqsSourceSpec spec,
            String queueUrl,
            Function<SQSEvent, Object> function,
            SqsClient sqs,
            String region,
            java.util.function.Supplier<DeliveryHook> hook) {
        this.hook = hook;
        this.spec = spec;
        this.queueUrl = queueUrl;
        this.function = function;
        this.sqs = sqs;
        this.region = region;
    }

    public SqsEventSource start() {
        running = true;
        for (int i = 0; i < spec.maxConcurrency(); i++) {
            pollers.add(Thread.ofPlatform()
                    .daemon()
                    .name("sqs-" + spec.functionId() + "-" + i)
                    .start(this::poll));
        }
        return this;
    }

    private void poll() {
        while (running) {
            try {
                if (!listen()) {
                    return;
                }
                List<Message> messages;
                try {
                    messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                                    .maxNumberOfMessages(spec.batchSize())
                                    .waitTimeSeconds(WAIT_SECONDS)
                                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                                    .messageAttributeNames("All"))
                            .messages();
                } finally {
                    stopListening();
                }
                if (!messages.isEmpty() && running) {
                    messagesCame();
                    deliver(messages);
                }
            } catch (SdkException e) {
                if (running) {
                    LOG.warn("polling {} for {} failed: {}", spec.queueName(), spec.functionId(), e.getMessage());
                    pause();
                }
            } catch (RuntimeException e) {
                LOG.error("SQS poller of {} hit an unexpected error", spec.functionId(), e);
                pause();
            }
        }
    }

    private boolean isQuiet() {
        return System.nanoTime() - lastMessagesAt > QUIET_AFTER.toNanos();
    }

    /**
     * Rests while the queue is quiet and another poller listens, then counts itself a listener; false once stopped.
     * So a quiet queue always has a listener, even while the others deliver long batches.
     */
    private boolean listen() {
        synchronized (quiet) {
            while (running && isQuiet() && listening > 0) {
                try {
                    quiet.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            if (running) {
                listening++;
            }
            return running;
        }
    }

    private void stopListening() {
        synchronized (quiet) {
            listening--;
            if (listening == 0) {
                quiet.notify(); // a resting poller takes over while this one delivers
            }
        }
    }

    /** Messages came: the resting pollers, if any, start receiving again. */
    private void messagesCame() {
        boolean wasQuiet = isQuiet();
        lastMessagesAt = System.nanoTime();
        if (wasQuiet) {
            synchronized (quiet) {
                quiet.notifyAll();
            }
        }
    }

    private void deliver(List<Message> messages) {
        SQSEvent event = SqsEvents.build(messages, spec.queueArn(), region);
        long start = System.nanoTime();
        DeliveryHook faults = hook.get();
        Object result;
        try {
            faults.before(spec.functionId(), messages);
            result = function.apply(event);
        } catch (FunctionException e) {
            // The cause with its stack: a delivery that keeps failing must say why, not only that it did.
            LOG.error(
                    "{} failed a batch of {} from {} ({}); the messages return after the visibility timeout",
                    spec.functionId(),
                    messages.size(),
                    spec.queueName(),
                    receipts(messages),
                    e.getCause() == null ? e : e.getCause());
            return;
        } finally {
            faults.after(spec.functionId(), messages);
        }
        List<Message> processed = succeeded(messages, result);
        List<Message> done = faults.acknowledge(spec.functionId(), processed);
        List<Message> failed =
                messages.stream().filter(m -> !processed.contains(m)).toList();
        LOG.info(
                "{} <- {} message{} from {} in {} ms",
                spec.functionId(),
                messages.size(),
                messages.size() == 1 ? "" : "s",
                spec.queueName(),
                (System.nanoTime() - start) / 1_000_000);
        if (!failed.isEmpty()) {
            // The function reported these as failed items; why is in its own log lines just above (fn.<id>).
            LOG.warn(
                    "{} reported {} of {} from {} as failed ({}); back after the visibility timeout, see the function's log for the cause",
                    spec.functionId(),
                    failed.size(),
                    messages.size(),
                    spec.queueName(),
                    receipts(failed));
        }
        delete(done);
    }

    /** "message 1a2b… (receive 2)": which deliveries failed, and how many times each has been received. */
    private static String receipts(List<Message> messages) {
        return String.join(
                ", ",
                messages.stream()
                        .map(m -> "message " + m.messageId() + " (receive "
                                + m.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "?")
                                + ")")
                        .toList());
    }

    /** The messages to delete: all, or with ReportBatchItemFailures all but the failed ones. */
    private List<Message> succeeded(List<Message> messages, Object result) {
        if (!spec.reportBatchItemFailures() || result == null) {
            return messages;
        }
        SQSBatchResponse response;
        try {
            response = LambdaJson.convert(result, SQSBatchResponse.class);
        } catch (RuntimeException e) {
            LOG.warn(
                    "{} returned something that is not an SQSBatchResponse; treating the batch as done",
                    spec.functionId());
            return messages;
        }
        if (response == null || response.getBatchItemFailures() == null) {
            return messages;
        }
        Set<String> ids = new HashSet<>();
        messages.forEach(m -> ids.add(m.messageId()));
        Set<String> failed = new HashSet<>();
        for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            String id = failure == null ? null : failure.getItemIdentifier();
            if (id == null || id.isBlank() || !ids.contains(id)) {
                // As Lambda does: an unusable identifier fails the whole batch.
                LOG.warn(
                        "{} reported an unknown itemIdentifier {}: the whole batch returns to the queue",
                        spec.functionId(),
                        id);
                return List.of();
            }
            failed.add(id);
        }
        return messages.stream().filter(m -> !failed.contains(m.messageId())).toList();
    }

    private void delete(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder()
                    .id(String.valueOf(i))
                    .receiptHandle(messages.get(i).receiptHandle())
                    .build());
        }
        DeleteMessageBatchResponse response =
                sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        if (response.hasFailed() && !response.failed().isEmpty()) {
            LOG.warn(
                    "deleting {} processed messages from {} failed: {}",
                    response.failed().size(),
                    spec.queueName(),
                    response.failed().get(0).message());
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Asks the pollers to stop after their current receive; {@link #close()} waits for them. */
    public void stop() {
        running = false;
        synchronized (quiet) {
            quiet.notifyAll();
        }
    }

    @Override
    public void close() {
        stop();
        for (Thread poller : pollers) {
            try {
                poller.join((WAIT_SECONDS + 4) * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
