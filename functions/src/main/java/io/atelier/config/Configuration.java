package io.atelier.config;

import io.atelier.core.Delays;
import io.atelier.core.Limits;
import io.atelier.cutout.ModelSettings;
import io.atelier.imaging.ImageInspector;
import io.atelier.plans.Plans;
import io.atelier.pricing.PriceTable;
import io.atelier.pricing.PriceTables;
import io.atelier.providers.ImageProvider;
import io.atelier.providers.ProviderSettings;
import io.atelier.store.ProviderConcurrency;
import io.atelier.store.TaskQueue;
import io.atelier.store.dynamodb.DynamoJobStore;
import io.atelier.webhooks.RetrySchedule;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every setting of the functions, parsed and checked once from an environment map: {@code System.getenv()} in Lambda,
 * the local runner's own map per function. A bad value stops start-up with a {@link ConfigurationException} naming
 * the variable. Names of AWS resources are optional here: a handler that needs one asks with {@link #require}.
 */
public record Configuration(
        Optional<String> tableName,
        Optional<String> bucketName,
        Optional<String> queueUrl,
        AwsAccess aws,
        Limits limits,
        Delays delays,
        ProviderConcurrency concurrency,
        Duration sweepQueuedAfter,
        Duration leaseMargin,
        Duration visibilityTimeout,
        ProviderSettings providers,
        List<ImageProvider> testProviders,
        Optional<String> lambdaFunctionName,
        Optional<String> logLevel,
        ModelSettings cutoutModel,
        Pricing pricing,
        Webhooks webhooks,
        ArchiveSettings archives,
        Set<String> importBuckets,
        Set<String> exportBuckets,
        Optional<String> fanOutQueueUrl,
        PlanSettings plans,
        Optional<String> importQueueUrl) {
    /** The worker's lease outlives its invocation by a margin so a slow write is not mistaken for a dead holder. */
    public static final Duration DEFAULT_LEASE_MARGIN = Duration.ofSeconds(30);
    /** The template's QueueVisibilityTimeoutSeconds default. */
    public static final Duration DEFAULT_VISIBILITY = Duration.ofSeconds(720);

    /** Every variable's bounds live here, its default here or beside the code it belongs to; README's table lists them. */
    public static Configuration parse(Map<String, String> environment) {
        EnvironmentValues env = new EnvironmentValues(environment);
        List<ImageProvider> testProviders = TestProviders.load(env.text("ATELIER_TEST_PROVIDERS"));
        Set<String> providerIds = new TreeSet<>(ProviderConcurrency.DEFAULTS.keySet());
        providerIds.addAll(BuiltInProviders.ids());
        testProviders.forEach(provider -> providerIds.add(provider.id()));
        Limits limits = new Limits(
                500,
                ImageInspector.MAX_BYTES,
                // A job may hold a whole catalogue (3,000 SKUs); its tasks are batch-written and messages sent in
                // batches.
                env.integer("MAX_ITEMS_PER_JOB", 5000, 1, 100_000),
                Duration.ofSeconds(env.integer("UPLOAD_URL_TTL_SECONDS", 900, 1, 604_800)),
                Duration.ofSeconds(env.integer("DOWNLOAD_URL_TTL_SECONDS", 3600, 1, 604_800)),
                Duration.ofHours(24),
                env.integer("MAX_ATTEMPTS", 3, 1, 100),
                Duration.ofDays(env.integer("RETENTION_DAYS", 30, 1, 3650)),
                Duration.ofMinutes(env.integer("THROTTLE_BUDGET_MINUTES", 120, 0, 10_080)));
        int maxDelay = (int) TaskQueue.MAX_DELAY.toSeconds();
        Delays delays = new Delays(
                env.seconds("MAX_DELAY_SECONDS", Delays.DEFAULTS.maxDelay(), 0, maxDelay),
                env.seconds("SLOT_WAIT_SECONDS", Delays.DEFAULTS.slotWait(), 0, maxDelay),
                env.seconds("POLL_GRACE_SECONDS", Delays.DEFAULTS.pollGrace(), 0, 86_400));
        ProviderConcurrency concurrency = env.parsed(
                "PROVIDER_CONCURRENCY",
                spec -> ProviderConcurrency.parse(spec, providerIds),
                ProviderConcurrency.parse("", providerIds));
        AwsAccess aws = AwsAccess.from(env);
        return new Configuration(
                env.text("TABLE_NAME"),
                env.text("BUCKET_NAME"),
                env.text("QUEUE_URL"),
                aws,
                limits,
                delays,
                concurrency,
                env.seconds("SWEEP_QUEUED_AFTER_SECONDS", DynamoJobStore.QUEUED_STALE_AFTER, 1, 86_400),
                env.seconds("LEASE_MARGIN_SECONDS", DEFAULT_LEASE_MARGIN, 0, maxDelay),
                env.seconds("VISIBILITY_TIMEOUT_SECONDS", DEFAULT_VISIBILITY, 1, (int)
                        TaskQueue.MAX_VISIBILITY.toSeconds()),
                providerSettings(environment, env.text("PROVIDER_KEYS_SECRET_ID"), aws),
                testProviders,
                env.text("AWS_LAMBDA_FUNCTION_NAME"),
                env.text("AWS_LAMBDA_LOG_LEVEL"),
                cutoutModel(env),
                pricing(env),
                webhooks(env),
                new ArchiveSettings(
                        env.text("ARCHIVE_QUEUE_URL"),
                        env.integer("ARCHIVE_SYNC_MAX_ENTRIES", 10_000, 1, 1_000_000),
                        (long) env.integer("ARCHIVE_SYNC_MAX_MIB", 1024, 1, 1_048_576) << 20),
                // The team's buckets the stack may import from (template parameter ImportBucket); none by default.
                env.text("IMPORT_BUCKETS")
                        .map(list -> Set.copyOf(List.of(list.split("\\s*,\\s*"))))
                        .orElse(Set.of()),
                // The team's buckets results may be exported to (template parameter ExportBucket); none by default.
                env.text("EXPORT_BUCKETS")
                        .map(list -> Set.copyOf(List.of(list.split("\\s*,\\s*"))))
                        .orElse(Set.of()),
                env.text("FANOUT_QUEUE_URL"),
                new PlanSettings(
                        env.parsed("PLANS", text -> Plans.withOverride(text, "PLANS"), null), env.text("PLANS_S3_KEY")),
                // Imports (POST /imports, POST /jobs with a source) are run by ImportFunction from this queue.
                env.text("IMPORT_QUEUE_URL"));
    }

    /**
     * Plans: the shipped document, or it with the {@code PLANS} JSON laid over it; {@code PLANS_S3_KEY} names a JSON
     * document in the bucket read when the functions start (it wins over PLANS), as prices are.
     */
    public record PlanSettings(Plans override, Optional<String> s3Key) {
        /**
         * The plans: PLANS as parsed at start-up, else the shipped document, parsed on first use (a function that
         * gates nothing, such as the sweeper, never loads it nor the JSON library: a cold start's 200 ms).
         */
        public Plans plans() {
            return override != null ? override : Plans.defaults();
        }
    }

    /** Provider keys and endpoints from the map; keys missing there from the secret {@code secretId}, when there is one. */
    private static ProviderSettings providerSettings(
            Map<String, String> environment, Optional<String> secretId, AwsAccess aws) {
        return ProviderSettings.from(
                environment,
                () -> secretId.map(id -> SecretsManagerKeys.load(id, aws)).orElse(Map.of()));
    }

    /**
     * Webhooks: their queue, the retry schedule and the exchange's deadline. {@code OUTBOUND_LOOPBACK_ALLOWED} is set by
     * the local runner only (never in template.yaml): it lets a receiver on 127.0.0.1 be called over http.
     */
    private static Webhooks webhooks(EnvironmentValues env) {
        RetrySchedule defaults = RetrySchedule.DEFAULTS;
        return new Webhooks(
                env.text("WEBHOOK_QUEUE_URL"),
                env.flag("OUTBOUND_LOOPBACK_ALLOWED", false),
                new RetrySchedule(
                        env.seconds("WEBHOOK_RETRY_BASE_SECONDS", defaults.base(), 0, 3600),
                        env.seconds("WEBHOOK_RETRY_MAX_SECONDS", defaults.max(), 0, 86_400),
                        env.seconds("WEBHOOK_RETRY_WINDOW_SECONDS", defaults.window(), 1, 604_800)),
                env.seconds("WEBHOOK_TIMEOUT_SECONDS", Duration.ofSeconds(15), 1, 60),
                env.seconds("WEBHOOK_SECRET_OVERLAP_SECONDS", Duration.ofHours(24), 0, 604_800));
    }

    /**
     * "Download all": zips past either bound are built by ArchiveFunction from {@code ARCHIVE_QUEUE_URL} (set on
     * JobsFunction) instead of within the request; without a queue every zip is built at once.
     */
    public record ArchiveSettings(Optional<String> queueUrl, int syncMaxEntries, long syncMaxBytes) {}

    /** Where webhook events go, how deliveries are retried, how long one may take, how long a rotated secret still signs. */
    public record Webhooks(
            Optional<String> queueUrl,
            boolean loopbackAllowed,
            RetrySchedule retries,
            Duration timeout,
            Duration secretOverlap) {}

    /**
     * Prices: the shipped table, or it with the {@code PRICES} JSON laid over it; {@code PRICES_S3_KEY} names a JSON
     * document in the bucket read when the functions start (it wins over PRICES). The worker's memory prices its time.
     */
    private static Pricing pricing(EnvironmentValues env) {
        return new Pricing(
                env.parsed("PRICES", text -> PriceTables.withOverride(text, "PRICES"), null),
                env.text("PRICES_S3_KEY"),
                env.integer("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", 0, 128, 10_240));
    }

    /**
     * Where an override document lives in S3, and the memory this function really has (0: unknown here); the price
     * table is PRICES as parsed at start-up, else the shipped one, parsed on first use (as plans are).
     */
    public record Pricing(PriceTable override, Optional<String> s3Key, int memory) {
        public PriceTable table() {
            return override != null ? override : PriceTable.defaults();
        }

        /** The function's memory, else the table's (the worker's in the template). */
        public int memoryMb() {
            return memory > 0 ? memory : table().local().memoryMb();
        }
    }

    /** The cut-out model: the jar's U²-Net-P unless a deployer points at another ONNX model and describes its input. */
    private static ModelSettings cutoutModel(EnvironmentValues env) {
        ModelSettings defaults = ModelSettings.defaults();
        return new ModelSettings(
                env.text("CUTOUT_MODEL_PATH"),
                env.integer("CUTOUT_MODEL_INPUT_SIZE", defaults.inputSize(), 32, 2048),
                env.parsed("CUTOUT_MODEL_MEAN", ModelSettings::triple, defaults.mean()),
                env.parsed("CUTOUT_MODEL_STD", ModelSettings::positiveTriple, defaults.std()),
                env.integer("CUTOUT_MODEL_OUTPUT_INDEX", defaults.outputIndex(), 0, 16));
    }

    /** A resource name the calling handler cannot work without. */
    public static String require(Optional<String> value, String variable) {
        return value.orElseThrow(() -> new ConfigurationException(variable, "is not set"));
    }

    /** Where the AWS services are and who calls them; credentials from the map win over the SDK's default chain. */
    public record AwsAccess(
            String region,
            Optional<URI> dynamoDb,
            Optional<URI> sqs,
            Optional<URI> s3,
            Optional<URI> secretsManager,
            Optional<StaticKeys> keys,
            boolean containerCredentials) {
        static AwsAccess from(EnvironmentValues env) {
            Optional<URI> all = env.uri("AWS_ENDPOINT_URL");
            Optional<StaticKeys> keys = env.text("AWS_ACCESS_KEY_ID")
                    .flatMap(id -> env.text("AWS_SECRET_ACCESS_KEY")
                            .map(secret -> new StaticKeys(id, secret, env.text("AWS_SESSION_TOKEN"))));
            return new AwsAccess(
                    env.text("AWS_REGION").orElse("us-east-1"),
                    env.uri("AWS_ENDPOINT_URL_DYNAMODB").or(() -> all),
                    env.uri("AWS_ENDPOINT_URL_SQS").or(() -> all),
                    env.uri("AWS_ENDPOINT_URL_S3").or(() -> all),
                    env.uri("AWS_ENDPOINT_URL_SECRETS_MANAGER"),
                    keys,
                    // SnapStart functions get their role's credentials from this endpoint, not as keys in the
                    // environment.
                    env.text("AWS_CONTAINER_CREDENTIALS_FULL_URI").isPresent());
        }
    }

    /** Keys given in the environment. Its text form never shows them. */
    public record StaticKeys(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
        @Override
        public String toString() {
            return "StaticKeys[redacted]";
        }
    }
}
