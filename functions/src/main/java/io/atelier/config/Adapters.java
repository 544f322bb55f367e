package io.atelier.config;

import io.atelier.core.Limits;
import io.atelier.core.ProviderConcurrency;
import io.atelier.providers.ProviderRegistry;
import io.atelier.providers.ark.ArkProvider;
import io.atelier.providers.comfyui.ComfyUiProvider;
import io.atelier.providers.dashscope.DashScopeProvider;
import io.atelier.providers.gemini.GeminiProvider;
import io.atelier.providers.local.LocalProvider;
import io.atelier.providers.openai.OpenAiProvider;
import io.atelier.providers.stability.StabilityProvider;
import io.atelier.store.BlobStore;
import io.atelier.store.ImageStore;
import io.atelier.store.JobStore;
import io.atelier.store.ProviderSlots;
import io.atelier.store.TaskQueue;
import io.atelier.store.dynamodb.DynamoImageStore;
import io.atelier.store.dynamodb.DynamoJobStore;
import io.atelier.store.dynamodb.DynamoProviderSlots;
import io.atelier.store.s3.S3BlobStore;
import io.atelier.store.sqs.SqsTaskQueue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real adapters behind the ports, built from configuration. Used by the handlers' no-argument constructors, once
 * per container; each client is made only when a handler needs it, so a read-only function never builds an SQS client.
 */
public final class Adapters {
    /** One client per endpoint: handlers of a container share it; two local stacks in one JVM do not. */
    private static final Map<String, DynamoDbClient> DYNAMO = new ConcurrentHashMap<>();

    static {
        JsonLogging.installInLambda();
        Priming.register();
    }

    private Adapters() {}

    private static DynamoDbClient dynamo() {
        String endpoint = Env.optional("AWS_ENDPOINT_URL_DYNAMODB").or(() -> Env.optional("AWS_ENDPOINT_URL")).orElse("aws");
        return DYNAMO.computeIfAbsent(endpoint, key -> AwsClients.dynamoDb());
    }

    public static ImageStore imageStore() {
        return new DynamoImageStore(dynamo(), Env.required("TABLE_NAME"), Limits.retentionFromEnv());
    }

    public static JobStore jobStore() {
        return new DynamoJobStore(dynamo(), Env.required("TABLE_NAME"), Limits.retentionFromEnv(),
                java.time.Duration.ofSeconds(Env.getInt("SWEEP_QUEUED_AFTER_SECONDS", (int) DynamoJobStore.QUEUED_STALE_AFTER.toSeconds())));
    }

    public static BlobStore blobStore() {
        return new S3BlobStore(AwsClients.s3(), AwsClients.s3Presigner(), Env.required("BUCKET_NAME"));
    }

    public static TaskQueue taskQueue() {
        return new SqsTaskQueue(AwsClients.sqs(), Env.required("QUEUE_URL"));
    }

    /** Every provider Atelier knows, in catalogue order; unconfigured ones are listed but refuse jobs. */
    public static ProviderRegistry providers() {
        ProviderSettings settings = ProviderSettings.fromEnv();
        return TestProviders.addedTo(new ProviderRegistry(List.of(new LocalProvider(), new GeminiProvider(settings),
                new OpenAiProvider(settings), new DashScopeProvider(settings), new ArkProvider(settings),
                new StabilityProvider(settings), new ComfyUiProvider(settings))));
    }

    public static ProviderSlots providerSlots() {
        return new DynamoProviderSlots(dynamo(), Env.required("TABLE_NAME"), ProviderConcurrency.fromEnv());
    }
}
