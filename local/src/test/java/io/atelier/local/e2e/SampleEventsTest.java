package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.atelier.local.InvokeResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample event in events/ through `make invoke`'s code path (AtelierLocal.invoke) against the real template:
 * each reaches its handler, which answers as it should for ids that do not exist on a fresh stack.
 */
class SampleEventsTest {
    private static final Path EVENTS = Path.of("..", "events");

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of("StatusFunction", "status-health.json", 200),
                Arguments.of("StatusFunction", "status-list-images.json", 200),
                Arguments.of("StatusFunction", "status-me.json", 200),
                Arguments.of("StatusFunction", "status-get-job.json", 404),
                Arguments.of("StatusFunction", "status-job-events.json", 404),
                Arguments.of("UploadsFunction", "uploads-post.json", 201),
                Arguments.of("UploadsFunction", "uploads-delete-image.json", 404),
                Arguments.of("JobsFunction", "jobs-post.json", 400),
                Arguments.of("JobsFunction", "jobs-cancel.json", 404),
                Arguments.of("JobsFunction", "jobs-retry.json", 404),
                Arguments.of("JobsFunction", "jobs-review.json", 404),
                Arguments.of("JobsFunction", "jobs-archive.json", 404),
                Arguments.of("LibraryFunction", "library-list-templates.json", 200),
                Arguments.of("WebhooksFunction", "webhooks-list.json", 200));
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @MethodSource("events")
    void httpEventsAnswerAsTheApiSays(String function, String file, int status) throws Exception {
        InvokeResult result = RealStack.get().invoke(function, EVENTS.resolve(file));
        assertThat(result.failed()).as(result.json()).isFalse();
        APIGatewayV2HTTPResponse response = (APIGatewayV2HTTPResponse) result.response();
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        if (status >= 400) assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
    }

    @Test
    void queueEventsSettleWithoutFailures() throws Exception {
        for (String[] pair : List.of(
                new String[] {"WorkerFunction", "worker-sqs.json"},
                new String[] {"DeadLetterFunction", "dlq-sqs.json"},
                new String[] {"WebhookDeliveryFunction", "webhook-delivery-sqs.json"},
                new String[] {"FanOutFunction", "fanout-sqs.json"},
                new String[] {"ImportFunction", "import-sqs.json"},
                new String[] {"ArchiveFunction", "archive-sqs.json"})) {
            InvokeResult result = RealStack.get().invoke(pair[0], EVENTS.resolve(pair[1]));
            assertThat(result.failed()).as(result.json()).isFalse();
            // Unknown tasks (jobs without a fan-out, unknown imports, archives never planned) are acknowledged, not
            // retried forever.
            assertThat(((SQSBatchResponse) result.response()).getBatchItemFailures())
                    .isEmpty();
        }
    }

    @Test
    void anUploadEventForAnUnknownImageIsHandled() throws Exception {
        InvokeResult result = RealStack.get().invoke("UploadEventsFunction", EVENTS.resolve("upload-s3-put.json"));
        assertThat(result.failed()).as(result.json()).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aScheduledSweepOfAFreshStackFindsNothing() throws Exception {
        InvokeResult result = RealStack.get().invoke("SweeperFunction", EVENTS.resolve("sweeper-schedule.json"));
        assertThat(result.failed()).as(result.json()).isFalse();
        assertThat((Map<String, Object>) result.response()).containsEntry("examined", 0);
    }

    @Test
    void everySampleEventIsCovered() throws Exception {
        try (Stream<Path> files = Files.list(EVENTS)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            List<String> covered = Stream.concat(
                            events().map(a -> (String) a.get()[1]),
                            Stream.of(
                                    "worker-sqs.json",
                                    "dlq-sqs.json",
                                    "webhook-delivery-sqs.json",
                                    "fanout-sqs.json",
                                    "import-sqs.json",
                                    "archive-sqs.json",
                                    "sweeper-schedule.json",
                                    "upload-s3-put.json"))
                    .toList();
            assertThat(covered).containsExactlyInAnyOrderElementsOf(names);
        }
    }
}
