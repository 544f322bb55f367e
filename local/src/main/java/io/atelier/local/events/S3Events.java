package io.atelier.local.events;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.RequestParametersEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.ResponseElementsEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3BucketEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.UserIdentityEntity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds an S3 ObjectCreated notification record exactly as S3 sends it to Lambda (event version 2.1); {@code
 * eventName} e.g. {@code ObjectCreated:Put}.
 */
final class S3Events {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() << 16);
    private static final String PRINCIPAL = "AWS:AIDAATELIERLOCAL";

    private S3Events() {}

    static S3Event objectCreated(
            String region,
            String configurationId,
            String bucket,
            String key,
            String eventName,
            long size,
            String eTag,
            Instant eventTime) {
        S3ObjectEntity object = new S3ObjectEntity(
                encodeKey(key), size, unquote(eTag), null, String.format("%018X", SEQUENCE.incrementAndGet()));
        S3Entity s3 = new S3Entity(
                configurationId,
                new S3BucketEntity(bucket, new UserIdentityEntity("A3ATELIERLOCAL"), "arn:aws:s3:::" + bucket),
                object,
                "1.0");
        byte[] id2 = new byte[48];
        RANDOM.nextBytes(id2);
        S3EventNotificationRecord record = new S3EventNotificationRecord(
                region,
                eventName,
                "aws:s3",
                eventTime.truncatedTo(ChronoUnit.MILLIS).toString(),
                "2.1",
                new RequestParametersEntity("127.0.0.1"),
                new ResponseElementsEntity(Base64.getEncoder().encodeToString(id2), requestId()),
                s3,
                new UserIdentityEntity(PRINCIPAL));
        return new S3Event(List.of(record));
    }

    /** S3 URL-encodes keys in notifications like a form value (space as '+'), keeping '/' as is. */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static String unquote(String eTag) {
        return eTag == null ? null : eTag.replace("\"", "");
    }

    private static String requestId() {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return HexFormat.of().withUpperCase().formatHex(id);
    }
}
