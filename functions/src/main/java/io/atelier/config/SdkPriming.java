package io.atelier.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Priming of the AWS SDK request path before a SnapStart snapshot, as AWS's priming guidance advises: the calls the
 * functions make (DynamoDB reads, writes and transactions, S3 objects and presigned URLs, SQS messages) run once
 * through throw-away clients whose HTTP client answers from memory. The classes they load and the code they warm are
 * shared with the real clients, which the first request then finds ready; no real endpoint is called.
 */
public final class SdkPriming {
    private static final Logger LOG = Logger.getLogger(SdkPriming.class.getName());
    private static final Map<String, AttributeValue> KEY =
            Map.of("pk", AttributeValue.fromS("PRIME"), "sk", AttributeValue.fromS("PRIME"));

    private SdkPriming() {}

    /** Runs every primed call; returns how many reached the (canned) wire. A call that fails is logged and skipped. */
    public static int run() {
        CannedHttpClient http = new CannedHttpClient();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("PRIMING", "PRIMING"));
        Region region = Region.US_EAST_1;
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                        .httpClient(http)
                        .region(region)
                        .credentialsProvider(credentials)
                        .build();
                S3Client s3 = S3Client.builder()
                        .httpClient(http)
                        .region(region)
                        .credentialsProvider(credentials)
                        .build();
                S3Presigner presigner = S3Presigner.builder()
                        .region(region)
                        .credentialsProvider(credentials)
                        .build();
                SqsClient sqs = SqsClient.builder()
                        .httpClient(http)
                        .region(region)
                        .credentialsProvider(credentials)
                        .build()) {
            List<Runnable> calls = List.of(
                    () -> dynamo.getItem(b -> b.tableName("prime").key(KEY).consistentRead(true)),
                    () -> dynamo.putItem(
                            b -> b.tableName("prime").item(KEY).conditionExpression("attribute_not_exists(pk)")),
                    () -> dynamo.updateItem(b -> b.tableName("prime")
                            .key(KEY)
                            .updateExpression("SET #s = :s")
                            .expressionAttributeNames(Map.of("#s", "status"))
                            .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("QUEUED")))),
                    () -> dynamo.query(b -> b.tableName("prime")
                            .keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("PRIME")))
                            .limit(1)),
                    () -> dynamo.batchGetItem(b -> b.requestItems(Map.of(
                            "prime", KeysAndAttributes.builder().keys(KEY).build()))),
                    () -> dynamo.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder()
                            .update(Update.builder()
                                    .tableName("prime")
                                    .key(KEY)
                                    .updateExpression("ADD #n :one")
                                    .expressionAttributeNames(Map.of("#n", "n"))
                                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                                    .build())
                            .build())),
                    () -> s3.putObject(
                            b -> b.bucket("prime").key("prime").contentType("image/png"),
                            RequestBody.fromBytes(new byte[] {1})),
                    () -> s3.getObjectAsBytes(b -> b.bucket("prime").key("prime")),
                    () -> s3.deleteObject(b -> b.bucket("prime").key("prime")),
                    () -> presigner.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(15))
                            .putObjectRequest(p -> p.bucket("prime")
                                    .key("prime")
                                    .contentType("image/png")
                                    .contentLength(1L))),
                    () -> presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(15))
                            .getObjectRequest(g -> g.bucket("prime").key("prime"))),
                    () -> sqs.sendMessage(b -> b.queueUrl("https://sqs.us-east-1.amazonaws.com/000000000000/prime")
                            .messageBody("{}")),
                    () -> sqs.changeMessageVisibility(
                            b -> b.queueUrl("https://sqs.us-east-1.amazonaws.com/000000000000/prime")
                                    .receiptHandle("prime")
                                    .visibilityTimeout(0)));
            for (Runnable call : calls) {
                try {
                    call.run();
                } catch (RuntimeException e) {
                    // A canned answer may not satisfy every response check (SQS's MD5s); the path is warmed all the
                    // same.
                    LOG.fine("priming call ended with " + e.getClass().getSimpleName());
                }
            }
        }
        return http.calls();
    }
}
