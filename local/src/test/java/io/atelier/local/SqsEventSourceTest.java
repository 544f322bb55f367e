package io.atelier.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.atelier.local.events.DeliveryHook;
import io.atelier.local.events.SqsEventSource;
import io.atelier.local.template.SqsSourceSpec;
import io.atelier.local.testfn.Recorder;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/** The SQS event source mapping: batches, partial batch failures, redelivery and redrive to the DLQ. */
class SqsEventSourceTest {

    private static List<String> deliveries(String tag) {
        return Recorder.seen("sqs").stream()
                .map(String::valueOf)
                .filter(s -> s.contains(tag))
                .toList();
    }

    @Test
    void failedItemsAreRedeliveredAndTheRestAreNot() throws Exception {
        AtelierLocal local = TestStack.get();
        String tag = UUID.randomUUID().toString();
        String url = local.queueUrl("TasksQueue");
        for (String body : List.of("ok:" + tag + ":1", "fail-once:" + tag, "ok:" + tag + ":2")) {
            local.aws().sqs().sendMessage(b -> b.queueUrl(url).messageBody(body));
        }

        TestStack.await(
                Duration.ofSeconds(15),
                "the failed message's second delivery",
                () -> deliveries(tag).contains("fail-once:" + tag + "#2"));
        Thread.sleep(2500); // more than a visibility timeout: anything not deleted would come back
        assertThat(deliveries(tag))
                .containsExactlyInAnyOrder(
                        "ok:" + tag + ":1#1",
                        "ok:" + tag + ":2#1",
                        "fail-once:" + tag + "#1",
                        "fail-once:" + tag + "#2");
    }

    @Test
    void recordsLookLikeLambdasSqsEvents() throws Exception {
        AtelierLocal local = TestStack.get();
        String body = "ok:" + UUID.randomUUID();
        local.aws()
                .sqs()
                .sendMessage(b -> b.queueUrl(local.queueUrl("TasksQueue"))
                        .messageBody(body)
                        .messageAttributes(Map.of(
                                "kind",
                                MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue("upscale")
                                        .build())));
        TestStack.await(
                Duration.ofSeconds(10),
                "the delivery",
                () -> Recorder.seen("sqs-record").stream()
                        .anyMatch(r -> ((SQSEvent.SQSMessage) r).getBody().equals(body)));
        SQSEvent.SQSMessage record = Recorder.seen("sqs-record").stream()
                .map(SQSEvent.SQSMessage.class::cast)
                .filter(r -> r.getBody().equals(body))
                .findFirst()
                .orElseThrow();
        assertThat(record.getEventSource()).isEqualTo("aws:sqs");
        assertThat(record.getEventSourceArn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:atelier-tasks");
        assertThat(record.getAwsRegion()).isEqualTo("us-east-1");
        assertThat(record.getMd5OfBody()).hasSize(32);
        assertThat(record.getReceiptHandle()).isNotBlank();
        assertThat(record.getAttributes())
                .containsKeys(
                        "ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp");
        assertThat(record.getMessageAttributes().get("kind").getStringValue()).isEqualTo("upscale");
        assertThat(record.getMessageAttributes().get("kind").getDataType()).isEqualTo("String");
    }

    @Test
    void aMessageThatAlwaysFailsEndsInTheDeadLetterQueue() throws Exception {
        AtelierLocal local = TestStack.get();
        String body = "always-fail:" + UUID.randomUUID();
        local.aws()
                .sqs()
                .sendMessage(b -> b.queueUrl(local.queueUrl("TasksQueue")).messageBody(body));

        TestStack.await(
                Duration.ofSeconds(20),
                "the dead-letter function to see " + body,
                () -> Recorder.seen("dlq").contains(body));
        // maxReceiveCount is 2: two deliveries to the worker, then the redrive.
        assertThat(deliveries(body)).containsExactlyInAnyOrder(body + "#1", body + "#2");
    }

    @Test
    void aThrowingHandlerLeavesTheWholeBatchForRedelivery() throws Exception {
        AtelierLocal local = TestStack.get();
        String body = "throw:" + UUID.randomUUID();
        local.aws()
                .sqs()
                .sendMessage(b -> b.queueUrl(local.queueUrl("TasksQueue")).messageBody(body));
        TestStack.await(
                Duration.ofSeconds(20),
                "the redrive of " + body,
                () -> Recorder.seen("dlq").contains(body));
        assertThat(deliveries(body)).hasSize(2);
        // Each failed delivery is in this run's log with its cause and where it was thrown.
        String log = Files.readString(LocalPaths.logDir().resolve("test.log"));
        assertThat(log)
                .containsPattern(
                        "WorkerFunction failed a batch of 1 from atelier-tasks \\(message [-0-9a-f]+ \\(receive 2\\)\\)"
                                + ".*\\R.*IllegalStateException: asked to throw\\R\\s+at io\\.atelier\\.local\\.testfn\\.SqsHandler");
    }

    @Test
    void aQuietQueueIsPolledByOnePollerAndMessagesWakeTheRest() throws Exception {
        AtelierLocal local = TestStack.get();
        String url = ownQueue(local, "quiet");
        CountingSqs sqs = new CountingSqs(local.aws().sqs());
        CountDownLatch together = new CountDownLatch(3);
        List<String> delivered = new CopyOnWriteArrayList<>();
        try (SqsEventSource source = mapping(url, 3, sqs, event -> {
                    delivered.add(event.getRecords().get(0).getBody());
                    together.countDown();
                    try {
                        together.await(10, TimeUnit.SECONDS); // three deliveries at once, or none waits long
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                })
                .start()) {
            Thread.sleep(SqsEventSource.QUIET_AFTER.toMillis() + 1000);
            int before = sqs.receives.get();
            Thread.sleep(3000);
            // One poller asking once a second (its long poll's wait); all three would ask nine times.
            assertThat(sqs.receives.get() - before).isBetween(1, 5);

            for (int i = 1; i <= 3; i++) {
                String body = "burst-" + i;
                local.aws().sqs().sendMessage(b -> b.queueUrl(url).messageBody(body));
            }
            assertThat(together.await(10, TimeUnit.SECONDS))
                    .as("the three messages delivered side by side, by the resting pollers too")
                    .isTrue();
            assertThat(delivered).containsExactlyInAnyOrder("burst-1", "burst-2", "burst-3");
        }
    }

    @Test
    void whileOnePollerDeliversALongBatchAnotherListensOnTheQuietQueue() throws Exception {
        AtelierLocal local = TestStack.get();
        String url = ownQueue(local, "long");
        CountDownLatch shortOneDelivered = new CountDownLatch(1);
        List<String> delivered = new CopyOnWriteArrayList<>();
        try (SqsEventSource source = mapping(url, 2, local.aws().sqs(), event -> {
                    String body = event.getRecords().get(0).getBody();
                    delivered.add(body);
                    if (!body.equals("long")) shortOneDelivered.countDown();
                    else {
                        try {
                            shortOneDelivered.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return null;
                })
                .start()) {
            local.aws().sqs().sendMessage(b -> b.queueUrl(url).messageBody("long"));
            TestStack.await(Duration.ofSeconds(10), "the long delivery to begin", () -> delivered.contains("long"));
            // Quiet again while the long one is still delivered: the other poller must not rest now.
            Thread.sleep(SqsEventSource.QUIET_AFTER.toMillis() + 1500);
            local.aws().sqs().sendMessage(b -> b.queueUrl(url).messageBody("short"));
            assertThat(shortOneDelivered.await(5, TimeUnit.SECONDS))
                    .as("the short message delivered while the long one still runs")
                    .isTrue();
        }
    }

    /** A fresh queue of this test's own: its URL. */
    private static String ownQueue(AtelierLocal local, String prefix) {
        return local.aws()
                .sqs()
                .createQueue(b -> b.queueName(prefix + "-" + UUID.randomUUID()))
                .queueUrl();
    }

    /** A mapping of the queue at {@code url} to {@code function}, one message per delivery. */
    private static SqsEventSource mapping(String url, int pollers, SqsClient sqs, Function<SQSEvent, Object> function) {
        String name = url.substring(url.lastIndexOf('/') + 1);
        return new SqsEventSource(
                new SqsSourceSpec(
                        name, name, "arn:aws:sqs:us-east-1:000000000000:" + name, name, 1, pollers, false, true),
                url,
                function,
                sqs,
                "us-east-1",
                () -> DeliveryHook.NONE);
    }

    /** The local SQS client, counting receives. */
    private static final class CountingSqs implements SqsClient {
        final AtomicInteger receives = new AtomicInteger();
        private final SqsClient sqs;

        CountingSqs(SqsClient sqs) {
            this.sqs = sqs;
        }

        @Override
        public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
            receives.incrementAndGet();
            return sqs.receiveMessage(request);
        }

        @Override
        public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
            return sqs.deleteMessageBatch(request);
        }

        @Override
        public String serviceName() {
            return sqs.serviceName();
        }

        @Override
        public void close() {}
    }
}
