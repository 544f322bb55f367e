package io.atelier.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The template's resources exist on the emulators as declared. */
class ProvisioningTest {

    @Test
    void tableHasTheTemplatesKeysAndIndexes() throws Exception {
        AtelierLocal local = TestStack.get();
        assertThat(local.tableName("AtelierTable")).isEqualTo("atelier-test");
        TableDescription table = local.aws()
                .dynamo()
                .describeTable(b -> b.tableName("atelier-test"))
                .table();
        assertThat(table.keySchema())
                .extracting(k -> k.attributeName() + ":" + k.keyType())
                .containsExactly("PK:" + KeyType.HASH, "SK:" + KeyType.RANGE);
        assertThat(table.globalSecondaryIndexes())
                .singleElement()
                .satisfies(i -> assertThat(i.indexName()).isEqualTo("GSI1"));
    }

    @Test
    void queuesHaveTheirAttributesAndRedrive() throws Exception {
        AtelierLocal local = TestStack.get();
        String url = local.queueUrl("TasksQueue");
        assertThat(url).startsWith(local.sqsEndpoint().toString()).endsWith("/atelier-tasks");
        var attributes = local.aws()
                .sqs()
                .getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributes();
        assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("1");
        var redrive = new ObjectMapper().readTree(attributes.get(QueueAttributeName.REDRIVE_POLICY));
        assertThat(redrive.get("deadLetterTargetArn").asText())
                .isEqualTo("arn:aws:sqs:us-east-1:000000000000:atelier-tasks-dlq");
        assertThat(redrive.get("maxReceiveCount").asInt()).isEqualTo(2);
        var queues = local.aws().sqs().listQueues().queueUrls();
        assertThat(queues).anyMatch(q -> q.endsWith("/atelier-tasks-dlq")).noneMatch(q -> q.contains("ProdOnlyQueue"));
    }

    @Test
    void bucketExists() throws Exception {
        AtelierLocal local = TestStack.get();
        assertThat(local.bucketName("MediaBucket")).isEqualTo("atelier-media-000000000000");
        local.aws().s3().headBucket(b -> b.bucket("atelier-media-000000000000"));
    }

    @Test
    void functionsGetTheirEnvironmentAsAMap() throws Exception {
        AtelierLocal local = TestStack.get();
        Map<String, String> env = local.functionEnvironment();
        assertThat(env)
                .containsEntry("TABLE_NAME", "atelier-test")
                .containsEntry("QUEUE_URL", local.queueUrl("TasksQueue"))
                .containsEntry("AWS_ENDPOINT_URL_S3", local.s3Endpoint().toString())
                .containsEntry(
                        "AWS_ENDPOINT_URL_DYNAMODB", local.dynamoEndpoint().toString())
                .containsEntry("AWS_REGION", "us-east-1")
                // Emulators on separate ports: no single endpoint.
                .containsEntry("AWS_ENDPOINT_URL", "");
    }
}
