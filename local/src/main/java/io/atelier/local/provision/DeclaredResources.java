package io.atelier.local.provision;

import io.atelier.local.emulators.AwsClients;
import io.atelier.local.emulators.Emulators.Service;
import io.atelier.local.template.BucketSpec;
import io.atelier.local.template.QueueSpec;
import io.atelier.local.template.TableSpec;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** What a template declares on DynamoDB, SQS and S3, and its creation there, service by service. */
public record DeclaredResources(List<TableSpec> tables, List<QueueSpec> queues, List<BucketSpec> buckets) {

    /** Creates this service's resources at the endpoint; returns the queue URLs by logical id (SQS only). */
    public Map<String, String> createOn(Service service, URI endpoint) {
        try (SdkHttpClient http = AwsClients.httpClient()) {
            switch (service) {
                case DYNAMODB -> {
                    try (DynamoDbClient dynamo = AwsClients.dynamo(endpoint, http)) {
                        Provisioner.createTables(dynamo, tables);
                    }
                }
                case SQS -> {
                    try (SqsClient sqs = AwsClients.sqs(endpoint, http)) {
                        return Provisioner.createQueues(sqs, queues);
                    }
                }
                case S3 -> {
                    try (S3Client s3 = AwsClients.s3(endpoint, http)) {
                        Provisioner.createBuckets(s3, buckets);
                    }
                }
            }
            return Map.of();
        }
    }

    /** Creates everything on one endpoint serving all three services (an external stack), in parallel. */
    public Map<String, String> createOnAll(URI endpoint) throws Exception {
        Map<String, String> queueUrls = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Service.values().length);
        try {
            CompletableFuture.allOf(Arrays.stream(Service.values())
                            .map(s -> CompletableFuture.runAsync(() -> queueUrls.putAll(createOn(s, endpoint)), pool))
                            .toArray(CompletableFuture[]::new))
                    .join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            pool.shutdown();
        }
        return queueUrls;
    }
}
