package io.atelier.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import io.atelier.local.events.S3Notifier;
import io.atelier.local.template.S3SourceSpec;
import io.atelier.local.testfn.Recorder;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** New objects under the event's prefix notify the function once, with the record S3 would send. */
class S3NotificationTest {

    private static final String S3_FUNCTION = "UploadEventsFunction";

    private static List<S3EventNotificationRecord> recordsFor(String key) {
        return Recorder.seen("s3").stream()
                .map(S3EventNotificationRecord.class::cast)
                .filter(r -> r.getS3().getObject().getUrlDecodedKey().equals(key))
                .toList();
    }

    @Test
    void newObjectNotifiesOnceWithKeyAndSize() throws Exception {
        AtelierLocal local = TestStack.get();
        String bucket = local.bucketName("MediaBucket");
        String key = "uploads/alice/" + UUID.randomUUID() + " front+back.png";
        byte[] bytes = new byte[1234];
        local.aws().s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));

        TestStack.await(
                Duration.ofSeconds(10),
                "the notification",
                () -> !recordsFor(key).isEmpty());
        Thread.sleep(1000); // several more polls: still one event
        List<S3EventNotificationRecord> records = recordsFor(key);
        assertThat(records).hasSize(1);
        S3EventNotificationRecord record = records.get(0);
        assertThat(record.getEventName()).isEqualTo("ObjectCreated:Put");
        assertThat(record.getEventSource()).isEqualTo("aws:s3");
        assertThat(record.getEventVersion()).isEqualTo("2.1");
        assertThat(record.getAwsRegion()).isEqualTo("us-east-1");
        assertThat(record.getS3().getBucket().getName()).isEqualTo(bucket);
        assertThat(record.getS3().getBucket().getArn()).isEqualTo("arn:aws:s3:::" + bucket);
        assertThat(record.getS3().getObject().getSizeAsLong()).isEqualTo(1234L);
        assertThat(record.getS3().getObject().geteTag()).doesNotContain("\"").isNotBlank();
        // Keys are URL-encoded as S3 does it: space as '+', '+' as %2B, '/' kept.
        assertThat(record.getS3().getObject().getKey())
                .startsWith("uploads/alice/")
                .contains("+front%2Bback.png");
        assertThat(URLDecoder.decode(record.getS3().getObject().getKey(), StandardCharsets.UTF_8))
                .isEqualTo(key);
    }

    @Test
    void objectsOutsideThePrefixAreIgnored() throws Exception {
        AtelierLocal local = TestStack.get();
        String bucket = local.bucketName("MediaBucket");
        String outside = "results/" + UUID.randomUUID() + ".png";
        String inside = "uploads/" + UUID.randomUUID() + ".png";
        local.aws().s3().putObject(b -> b.bucket(bucket).key(outside), RequestBody.fromString("x"));
        local.aws().s3().putObject(b -> b.bucket(bucket).key(inside), RequestBody.fromString("y"));
        TestStack.await(
                Duration.ofSeconds(10),
                "the notification",
                () -> !recordsFor(inside).isEmpty());
        assertThat(recordsFor(outside)).isEmpty();
    }

    @Test
    void theFoldersTheFileStoreListsNotifyNothing() throws Exception {
        AtelierLocal local = TestStack.get();
        String bucket = local.bucketName("MediaBucket");
        String key = "uploads/folder-" + UUID.randomUUID() + "/inside.png";
        local.aws().s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("z"));
        TestStack.await(
                Duration.ofSeconds(10),
                "the notification",
                () -> recordsFor(key).size() == 1);
        Thread.sleep(500);
        assertThat(Recorder.seen("s3").stream()
                        .map(S3EventNotificationRecord.class::cast)
                        .map(r -> r.getS3().getObject().getUrlDecodedKey()))
                .noneMatch(k -> k.endsWith("/"));
    }

    /**
     * With a log of what it delivered (a persistent stack's), a restarted notifier delivers the object put while it
     * was down and not the one it had delivered before the stop.
     */
    @Test
    void aRestartedNotifierDeliversWhatWasPutWhileDownAndNothingTwice(@TempDir Path data) throws Exception {
        AtelierLocal local = TestStack.get();
        String bucket = local.bucketName("MediaBucket");
        String prefix = "restart-" + UUID.randomUUID() + "/"; // the stack's own notifier watches uploads/ only
        String before = prefix + "before-stop.png";
        String whileDown = prefix + "while-down.png";
        S3SourceSpec spec = new S3SourceSpec(S3_FUNCTION, "Restart", bucket, List.of("s3:ObjectCreated:*"), prefix, "");
        Path log = data.resolve("notified.log");
        local.aws().s3().putObject(b -> b.bucket(bucket).key(before), RequestBody.fromString("a"));
        try (S3Notifier first = notifier(local, spec, log)) {
            TestStack.await(
                    Duration.ofSeconds(10),
                    "the first notification",
                    () -> recordsFor(before).size() == 1);
        }
        local.aws().s3().putObject(b -> b.bucket(bucket).key(whileDown), RequestBody.fromString("b"));
        try (S3Notifier second = notifier(local, spec, log)) {
            TestStack.await(
                    Duration.ofSeconds(10),
                    "the object put while down",
                    () -> recordsFor(whileDown).size() == 1);
            Thread.sleep(1000); // several more polls
        }
        assertThat(recordsFor(before)).hasSize(1);
        assertThat(recordsFor(whileDown)).hasSize(1);
    }

    private static S3Notifier notifier(AtelierLocal local, S3SourceSpec spec, Path log) {
        return new S3Notifier(spec, local.function(S3_FUNCTION), local.aws().s3(), "us-east-1", log).start();
    }

    @Test
    void overwritingAnObjectNotifiesAgain() throws Exception {
        AtelierLocal local = TestStack.get();
        String bucket = local.bucketName("MediaBucket");
        String key = "uploads/" + UUID.randomUUID() + ".png";
        local.aws().s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("first"));
        TestStack.await(
                Duration.ofSeconds(10),
                "the first notification",
                () -> recordsFor(key).size() == 1);
        local.aws().s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("second version"));
        TestStack.await(
                Duration.ofSeconds(10),
                "the second notification",
                () -> recordsFor(key).size() == 2);
        assertThat(recordsFor(key).get(1).getS3().getObject().getSizeAsLong()).isEqualTo(14L);
    }
}
