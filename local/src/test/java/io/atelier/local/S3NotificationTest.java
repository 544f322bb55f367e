package io.atelier.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import io.atelier.local.emulators.AwsClients;
import io.atelier.local.events.S3Notifier;
import io.atelier.local.template.S3SourceSpec;
import io.atelier.local.testfn.Recorder;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * New objects under the event's prefix notify the function once, with the record S3 would send: told at once by the
 * local S3 endpoint, or found by the bucket listing.
 */
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
        return notifier(local, spec, log, S3Notifier.POLL_ALONE);
    }

    private static S3Notifier notifier(AtelierLocal local, S3SourceSpec spec, Path log, Duration poll) {
        return new S3Notifier(spec, local.function(S3_FUNCTION), local.aws().s3(), "us-east-1", log, poll).start();
    }

    private static S3SourceSpec ownPrefix(AtelierLocal local, String name) {
        String prefix = name + "-" + UUID.randomUUID() + "/"; // the stack's own notifier watches uploads/ only
        return new S3SourceSpec(
                S3_FUNCTION, name, local.bucketName("MediaBucket"), List.of("s3:ObjectCreated:*"), prefix, "");
    }

    /**
     * The S3 endpoint tells of each object a request created, so the event does not wait for a listing: with the
     * listing made only once, at start, a PUT, a presigned PUT (as browsers send it), a copy and a completed multipart
     * upload each notify once, named as S3 names them; a part, a read and a delete notify nothing.
     */
    @Test
    void theS3EndpointTellsOfEachCreatedObjectAtOnce() throws Exception {
        AtelierLocal local = TestStack.get();
        S3SourceSpec spec = ownPrefix(local, "front");
        String bucket = spec.bucketName();
        S3Client s3 = local.aws().s3();
        String put = spec.prefix() + "put one+two.png";
        String presigned = spec.prefix() + "presigned.png";
        String copy = spec.prefix() + "copy.png";
        String multipart = spec.prefix() + "multipart.png";
        try (S3Notifier notifier = notifier(local, spec, null, Duration.ofHours(1));
                AutoCloseable subscription = local.s3Front().subscribe(notifier::objectCreated)) {
            Thread.sleep(300); // past the first listing
            s3.putObject(b -> b.bucket(bucket).key(put), RequestBody.fromString("put"));
            PresignedPutObjectRequest url = local.aws()
                    .presigner()
                    .presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                            .putObjectRequest(
                                    o -> o.bucket(bucket).key(presigned).contentType("image/png")));
            HttpResponse<String> answer =
                    TestStack.send(HttpRequest.newBuilder(url.url().toURI())
                            .header("Content-Type", "image/png")
                            .PUT(HttpRequest.BodyPublishers.ofString("presigned bytes")));
            assertThat(answer.statusCode()).isEqualTo(200);
            s3.copyObject(b -> b.sourceBucket(bucket)
                    .sourceKey(put)
                    .destinationBucket(bucket)
                    .destinationKey(copy));
            String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(multipart))
                    .uploadId();
            String eTag = s3.uploadPart(
                            b -> b.bucket(bucket)
                                    .key(multipart)
                                    .uploadId(uploadId)
                                    .partNumber(1),
                            RequestBody.fromString("one part"))
                    .eTag();
            s3.completeMultipartUpload(b -> b.bucket(bucket)
                    .key(multipart)
                    .uploadId(uploadId)
                    .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(eTag))));
            s3.getObject(b -> b.bucket(bucket).key(put)).close();
            s3.deleteObject(b -> b.bucket(bucket).key(spec.prefix() + "never-there.png"));

            TestStack.await(
                    Duration.ofSeconds(10),
                    "four notifications",
                    () -> Stream.of(put, presigned, copy, multipart)
                            .allMatch(k -> !recordsFor(k).isEmpty()));
            Thread.sleep(500);
        }
        assertThat(Stream.of(put, presigned, copy, multipart)
                        .map(k -> recordsFor(k).size()))
                .containsExactly(1, 1, 1, 1);
        assertThat(recordsFor(put).get(0).getEventName()).isEqualTo("ObjectCreated:Put");
        assertThat(recordsFor(put).get(0).getS3().getObject().getSizeAsLong()).isEqualTo(3L);
        assertThat(recordsFor(presigned).get(0).getEventName()).isEqualTo("ObjectCreated:Put");
        // A PUT's size and ETag come from the request and S3Proxy's answer, as S3's own event carries them.
        var presignedObject = recordsFor(presigned).get(0).getS3().getObject();
        assertThat(presignedObject.getSizeAsLong()).isEqualTo(15L);
        assertThat(presignedObject.geteTag())
                .isEqualTo(s3.headObject(b -> b.bucket(bucket).key(presigned))
                        .eTag()
                        .replace("\"", ""));
        assertThat(recordsFor(copy).get(0).getS3().getObject().getSizeAsLong()).isEqualTo(3L);
        assertThat(recordsFor(multipart).get(0).getS3().getObject().getSizeAsLong())
                .isEqualTo(8L);
        assertThat(recordsFor(copy).get(0).getEventName()).isEqualTo("ObjectCreated:Copy");
        assertThat(recordsFor(multipart).get(0).getEventName()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
        assertThat(Recorder.seen("s3").stream()
                        .map(S3EventNotificationRecord.class::cast)
                        .map(r -> r.getS3().getObject().getUrlDecodedKey())
                        .filter(k -> k.startsWith(spec.prefix())))
                .hasSize(4);
    }

    /** Told by the endpoint and finding the same objects in a listing, the notifier still delivers each PUT once. */
    @Test
    void concurrentPutsNotifyOnceEachWhenTheListingFindsThemToo() throws Exception {
        AtelierLocal local = TestStack.get();
        S3SourceSpec spec = ownPrefix(local, "both");
        List<String> keys = IntStream.range(0, 24)
                .mapToObj(i -> spec.prefix() + "image-" + i + ".png")
                .toList();
        try (S3Notifier notifier = notifier(local, spec, null, Duration.ofMillis(20));
                AutoCloseable subscription = local.s3Front().subscribe(notifier::objectCreated)) {
            keys.parallelStream()
                    .forEach(key -> local.aws()
                            .s3()
                            .putObject(b -> b.bucket(spec.bucketName()).key(key), RequestBody.fromString(key)));
            TestStack.await(
                    Duration.ofSeconds(10),
                    "every notification",
                    () -> keys.stream().allMatch(k -> !recordsFor(k).isEmpty()));
            Thread.sleep(500); // many more listings
        }
        assertThat(keys).allSatisfy(key -> assertThat(recordsFor(key)).hasSize(1));
    }

    /** A write that does not pass the front (straight to S3Proxy) is still found by the stack's fallback listing. */
    @Test
    void writesPastTheFrontAreFoundByTheListing() throws Exception {
        AtelierLocal local = TestStack.get();
        String bucket = local.bucketName("MediaBucket");
        String key = "uploads/past-the-front-" + UUID.randomUUID() + ".png";
        assertThat(local.s3Endpoint()).isNotEqualTo(local.s3Front().upstream());
        try (S3Client straight = AwsClients.s3(local.s3Front().upstream(), AwsClients.httpClient())) {
            straight.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("unseen by the front"));
        }
        TestStack.await(
                Duration.ofSeconds(15),
                "the listing's notification",
                () -> !recordsFor(key).isEmpty());
        Thread.sleep(300);
        assertThat(recordsFor(key)).hasSize(1);
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
