package io.atelier.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.store.BlobStore;
import io.atelier.store.TaskQueue;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AdaptersTest {
    /** Endpoints of this test alone (nothing listens there: no call is made), so other tests' clients do not count. */
    private final String s3 = "http://127.0.0.1:9/s3-" + UUID.randomUUID();

    private final String sqs = "http://127.0.0.1:9/sqs-" + UUID.randomUUID();

    private Adapters adapters() {
        return Adapters.from(Map.of(
                "TABLE_NAME", "atelier",
                "BUCKET_NAME", "media",
                "QUEUE_URL", "http://127.0.0.1:9/000000000000/tasks",
                "AWS_ENDPOINT_URL_S3", s3,
                "AWS_ENDPOINT_URL_SQS", sqs,
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test"));
    }

    @Test
    void s3AndSqsClientsAreBuiltOnFirstUseNotWhenWired() {
        BlobStore blobs = adapters().blobStore();
        TaskQueue queue = adapters().taskQueue();
        assertThat(queue).isNotNull();
        assertThat(Adapters.built(s3, sqs)).containsExactly(false, false, false);

        blobs.presignDownload("results/a.png", Duration.ofMinutes(5), "a.png");

        // Presigning needs the presigner only: the S3 client and the SQS client are still not built.
        assertThat(Adapters.built(s3, sqs)).containsExactly(false, true, false);
    }

    @Test
    void primingBuildsEveryWiredClientIntoTheSnapshot() {
        adapters().blobStore();
        adapters().taskQueue();

        Priming.prime("io.atelier.entrypoints.StatusHandler");

        assertThat(Adapters.built(s3, sqs)).containsExactly(true, true, true);
    }
}
