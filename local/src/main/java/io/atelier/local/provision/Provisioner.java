package io.atelier.local.provision;

import io.atelier.local.template.BucketSpec;
import io.atelier.local.template.QueueSpec;
import io.atelier.local.template.TableSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the template's tables, queues and buckets, one service at a time (so each can start as soon as its
 * emulator answers), leaving alone those that already exist: an external stack may keep them between runs.
 */
public final class Provisioner {

    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);

    private Provisioner() {}

    public static void createTables(DynamoDbClient dynamo, List<TableSpec> tables) {
        for (TableSpec table : tables) {
            try {
                dynamo.createTable(TableRequests.create(table));
                LOG.debug("created table {}", table.name());
            } catch (ResourceInUseException exists) {
                LOG.debug("table {} exists", table.name());
            }
            TableRequests.timeToLive(table).ifPresent(ttl -> {
                try {
                    dynamo.updateTimeToLive(ttl);
                } catch (AwsServiceException e) {
                    // Already enabled, or not supported by the emulator: TTL only matters in AWS.
                    LOG.debug("TTL on {} not set: {}", table.name(), e.getMessage());
                }
            });
        }
    }

    /** Creates the queues in the given order (dead-letter queues first); returns their URLs by logical id. */
    public static Map<String, String> createQueues(SqsClient sqs, List<QueueSpec> queues) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (QueueSpec queue : queues) {
            Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
            queue.attributes().forEach((name, value) -> attributes.put(QueueAttributeName.fromValue(name), value));
            String url;
            try {
                url = sqs.createQueue(b -> b.queueName(queue.name()).attributes(attributes))
                        .queueUrl();
            } catch (AwsServiceException exists) {
                // QueueNameExists with other attributes (external stack): keep it as it is.
                LOG.debug("queue {} not created ({}), looking it up", queue.name(), exists.getMessage());
                url = sqs.getQueueUrl(b -> b.queueName(queue.name())).queueUrl();
            }
            urls.put(queue.logicalId(), url);
        }
        return urls;
    }

    public static void createBuckets(S3Client s3, List<BucketSpec> buckets) {
        for (BucketSpec bucket : buckets) {
            try {
                s3.createBucket(b -> b.bucket(bucket.name()));
            } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException exists) {
                LOG.debug("bucket {} exists", bucket.name());
            }
        }
    }
}
