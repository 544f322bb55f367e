package io.atelier.config;

import io.atelier.core.ArchiveRequests;
import io.atelier.core.Archives;
import io.atelier.core.Exports;
import io.atelier.core.ImportRun;
import io.atelier.core.Imports;
import io.atelier.core.JobService;
import io.atelier.core.PlanGate;
import io.atelier.core.UploadCheck;
import io.atelier.json.Json;
import io.atelier.logging.JsonLogging;
import io.atelier.metrics.MetricLines;
import io.atelier.metrics.Metrics;
import io.atelier.model.Job;
import io.atelier.outbound.GuardedHttp;
import io.atelier.outbound.HostResolver;
import io.atelier.outbound.UrlGuard;
import io.atelier.plans.Plans;
import io.atelier.pricing.CostEstimator;
import io.atelier.pricing.PriceTable;
import io.atelier.pricing.PriceTables;
import io.atelier.providers.ImageProvider;
import io.atelier.providers.ProviderRegistry;
import io.atelier.providers.ProviderSettings;
import io.atelier.store.BlobStore;
import io.atelier.store.FanOutQueue;
import io.atelier.store.ImageStore;
import io.atelier.store.ImportRecords;
import io.atelier.store.JobStore;
import io.atelier.store.ProviderSlots;
import io.atelier.store.TaskQueue;
import io.atelier.store.WebhookQueue;
import io.atelier.store.WebhookStore;
import io.atelier.store.dynamodb.DynamoArchiveRecords;
import io.atelier.store.dynamodb.DynamoExportRecords;
import io.atelier.store.dynamodb.DynamoImageStore;
import io.atelier.store.dynamodb.DynamoImportRecords;
import io.atelier.store.dynamodb.DynamoJobStore;
import io.atelier.store.dynamodb.DynamoProviderSlots;
import io.atelier.store.dynamodb.DynamoUsageStore;
import io.atelier.store.dynamodb.DynamoWebhookStore;
import io.atelier.store.s3.S3BlobStore;
import io.atelier.store.s3.S3ExportTarget;
import io.atelier.store.s3.S3SourceObjects;
import io.atelier.store.sqs.SqsFanOutQueue;
import io.atelier.store.sqs.SqsTaskQueue;
import io.atelier.store.sqs.SqsWebhookQueue;
import io.atelier.webhooks.NotifyingJobStore;
import io.atelier.webhooks.WebhookDispatcher;
import io.atelier.webhooks.WebhookService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The real adapters behind the ports, built from one {@link Configuration}. Used by the handlers' no-argument (and
 * environment-map) constructors, once per container; each client is made only when a handler needs it, so a
 * read-only function never builds an SQS client.
 */
public final class Adapters {
    /** One client per endpoint: handlers of a container share it; two local stacks in one JVM do not. */
    private static final Map<String, DynamoDbClient> DYNAMO = new ConcurrentHashMap<>();
    /** Likewise one SQS and one S3 client per endpoint: a handler wiring several queues and stores builds each once. */
    private static final Map<String, SqsClient> SQS = new ConcurrentHashMap<>();

    private static final Map<String, S3Client> S3 = new ConcurrentHashMap<>();

    private static final Map<String, S3Presigner> PRESIGNERS = new ConcurrentHashMap<>();
    /**
     * The clients this container's handlers wired but have not needed yet: S3 and SQS clients (and the presigner) are
     * built on first use, so a first request that only reads records builds none of them; SnapStart priming builds
     * them all ({@link #buildWiredClients}) so that the snapshot holds them.
     */
    private static final Set<Supplier<?>> WIRED = ConcurrentHashMap.newKeySet();

    private final Configuration configuration;

    public Adapters(Configuration configuration) {
        this.configuration = configuration;
        io.atelier.cutout.CutoutModels.configure(configuration.cutoutModel());
        JsonLogging.installInLambda(configuration.lambdaFunctionName(), configuration.logLevel());
        Priming.register();
    }

    /** Parses {@code environment} (a bad value stops start-up here) and builds adapters from it. */
    public static Adapters from(Map<String, String> environment) {
        return new Adapters(Configuration.parse(environment));
    }

    public Configuration configuration() {
        return configuration;
    }

    private DynamoDbClient dynamo() {
        String endpoint = configuration.aws().dynamoDb().map(Object::toString).orElse("aws");
        return DYNAMO.computeIfAbsent(endpoint, key -> AwsClients.dynamoDb(configuration.aws()));
    }

    private Supplier<SqsClient> sqs() {
        String endpoint = configuration.aws().sqs().map(Object::toString).orElse("aws");
        return wired(() -> SQS.computeIfAbsent(endpoint, key -> AwsClients.sqs(configuration.aws())));
    }

    private Supplier<S3Client> s3() {
        String endpoint = configuration.aws().s3().map(Object::toString).orElse("aws");
        return wired(() -> S3.computeIfAbsent(endpoint, key -> AwsClients.s3(configuration.aws())));
    }

    private Supplier<S3Presigner> presigner() {
        String endpoint = configuration.aws().s3().map(Object::toString).orElse("aws");
        return wired(() -> PRESIGNERS.computeIfAbsent(endpoint, key -> AwsClients.s3Presigner(configuration.aws())));
    }

    private static <T> Supplier<T> wired(Supplier<T> client) {
        WIRED.add(client);
        return client;
    }

    /** Builds every client wired so far: SnapStart priming runs this before the snapshot. */
    static void buildWiredClients() {
        WIRED.forEach(Supplier::get);
    }

    /** Whether an S3 client, an S3 presigner and an SQS client exist for these endpoints (for tests). */
    static List<Boolean> built(String s3Endpoint, String sqsEndpoint) {
        return List.of(S3.containsKey(s3Endpoint), PRESIGNERS.containsKey(s3Endpoint), SQS.containsKey(sqsEndpoint));
    }

    private String table() {
        return Configuration.require(configuration.tableName(), "TABLE_NAME");
    }

    public ImageStore imageStore() {
        return new DynamoImageStore(dynamo(), table(), configuration.limits().retention());
    }

    /** Jobs and tasks; where a webhook queue is configured, every task that succeeds or fails is reported to it. */
    public JobStore jobStore() {
        JobStore jobs = new DynamoJobStore(
                dynamo(), table(), configuration.limits().retention(), configuration.sweepQueuedAfter());
        return configuration.webhooks().queueUrl().isPresent() ? new NotifyingJobStore(jobs, webhookQueue()) : jobs;
    }

    /**
     * Archives, built at once or, past the thresholds, by ArchiveFunction. Without a queue (ArchiveFunction itself, or
     * a stack without one) nothing is sent: every request builds at once, and queued plans are built here.
     */
    public ArchiveRequests archiveRequests() {
        Configuration.ArchiveSettings settings = configuration.archives();
        Archives archives = new Archives(
                jobStore(),
                blobStore(),
                Clock.systemUTC(),
                configuration.limits().downloadUrlTtl());
        DynamoArchiveRecords records = new DynamoArchiveRecords(dynamo(), table());
        if (settings.queueUrl().isEmpty())
            return new ArchiveRequests(
                    archives,
                    records,
                    plan -> {
                        throw new IllegalStateException("ARCHIVE_QUEUE_URL is not set");
                    },
                    Integer.MAX_VALUE,
                    Long.MAX_VALUE,
                    Clock.systemUTC());
        Supplier<SqsClient> sqs = sqs();
        String queueUrl = settings.queueUrl().get();
        return new ArchiveRequests(
                archives,
                records,
                plan -> sqs.get().sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(plan))),
                settings.syncMaxEntries(),
                settings.syncMaxBytes(),
                Clock.systemUTC());
    }

    /** Exports to the team's bucket, run by ArchiveFunction from the archive queue (refused where there is none). */
    public Exports exports() {
        Optional<String> queueUrl = configuration.archives().queueUrl();
        Supplier<SqsClient> sqs = queueUrl.isPresent() ? sqs() : null;
        return new Exports(
                jobStore(),
                new DynamoExportRecords(
                        dynamo(), table(), configuration.limits().retention()),
                new S3ExportTarget(s3(), Configuration.require(configuration.bucketName(), "BUCKET_NAME")),
                queueUrl.isPresent() ? configuration.exportBuckets() : java.util.Set.of(),
                plan -> sqs.get().sendMessage(b -> b.queueUrl(queueUrl.get()).messageBody(Json.write(plan))),
                Clock.systemUTC());
    }

    /**
     * Imports from the team's buckets the stack was granted, checked in the request and run by ImportFunction from
     * {@code IMPORT_QUEUE_URL}; a stack without that queue grants no bucket (every import is a 400 naming the source).
     */
    public Imports imports() {
        Optional<String> queueUrl = configuration.importQueueUrl();
        Supplier<SqsClient> sqs = sqs();
        return new Imports(
                importRecords(),
                // a dry run lists the granted bucket (one page); nothing is copied here, so no media bucket is needed
                new S3SourceObjects(s3(), configuration.bucketName().orElse(null)),
                queueUrl.isPresent() ? configuration.importBuckets() : java.util.Set.of(),
                message -> sqs.get().sendMessage(b -> b.queueUrl(queueUrl.get()).messageBody(Json.write(message))),
                configuration.limits().idempotencyTtl(),
                Clock.systemUTC());
    }

    /** ImportFunction's work: copies and checks, then the job over the READY images (linked to its webhook, if named). */
    public ImportRun importRun() {
        JobService jobs = jobService();
        WebhookService webhooks = configuration.webhooks().queueUrl().isPresent() ? webhookService() : null;
        Optional<String> queueUrl = configuration.importQueueUrl();
        return new ImportRun(
                importRecords(),
                new S3SourceObjects(s3(), Configuration.require(configuration.bucketName(), "BUCKET_NAME")),
                imageStore(),
                new UploadCheck(imageStore(), blobStore(), Clock.systemUTC(), metrics()),
                (owner, job, key, refused) -> {
                    Job submitted = jobs.submitImported(owner, job, key, refused);
                    if (webhooks != null)
                        webhooks.namedBy(owner, job)
                                .ifPresent(id -> webhooks.linkJob(owner, submitted.jobId(), id, submitted.createdAt()));
                    return submitted.jobId();
                },
                message -> sqs().get()
                        .sendMessage(b -> b.queueUrl(Configuration.require(queueUrl, "IMPORT_QUEUE_URL"))
                                .messageBody(Json.write(message))),
                Clock.systemUTC());
    }

    private ImportRecords importRecords() {
        return new DynamoImportRecords(dynamo(), table(), configuration.limits().retention());
    }

    /** Job submission and the job routes' service, with every store and queue a submission may use. */
    public JobService jobService() {
        return new JobService(
                jobStore(),
                imageStore(),
                taskQueue(),
                providers(),
                configuration.limits(),
                Clock.systemUTC(),
                costs(),
                fanOutQueue(),
                templateStore(),
                presetStore(),
                storedManifests(),
                planGate());
    }

    public WebhookStore webhookStore() {
        return new DynamoWebhookStore(dynamo(), table(), configuration.limits().retention());
    }

    public WebhookQueue webhookQueue() {
        return new SqsWebhookQueue(
                sqs(), Configuration.require(configuration.webhooks().queueUrl(), "WEBHOOK_QUEUE_URL"));
    }

    public UrlGuard urlGuard() {
        return new UrlGuard(HostResolver.SYSTEM, configuration.webhooks().loopbackAllowed());
    }

    public WebhookService webhookService() {
        Configuration.Webhooks settings = configuration.webhooks();
        return new WebhookService(
                webhookStore(),
                webhookQueue(),
                urlGuard(),
                Clock.systemUTC(),
                settings.secretOverlap(),
                configuration.limits().retention());
    }

    public WebhookDispatcher webhookDispatcher() {
        Configuration.Webhooks settings = configuration.webhooks();
        // Connecting gets a third of the deadline; answers are read up to 64 KiB (only the status matters).
        GuardedHttp http = new GuardedHttp(settings.timeout().dividedBy(3), settings.timeout(), 64 * 1024);
        return new WebhookDispatcher(
                webhookStore(), jobStore(), webhookQueue(), urlGuard(), http, settings.retries(), Clock.systemUTC());
    }

    public io.atelier.store.TemplateStore templateStore() {
        return new io.atelier.store.dynamodb.DynamoTemplateStore(dynamo(), table());
    }

    /** Manifests uploaded like images: their check, and their text for jobs and previews. */
    public io.atelier.core.StoredManifests storedManifests() {
        return new io.atelier.core.StoredManifests(manifestStore(), blobStore(), Clock.systemUTC());
    }

    public io.atelier.store.ManifestStore manifestStore() {
        return new io.atelier.store.dynamodb.DynamoManifestStore(
                dynamo(), table(), configuration.limits().retention());
    }

    public io.atelier.store.PresetStore presetStore() {
        return new io.atelier.store.dynamodb.DynamoPresetStore(dynamo(), table());
    }

    public BlobStore blobStore() {
        return new S3BlobStore(
                s3(),
                presigner(),
                Configuration.require(configuration.bucketName(), "BUCKET_NAME"),
                S3BlobStore.DEFAULT_PART_SIZE);
    }

    /**
     * Prices as configured: an S3 document ({@code PRICES_S3_KEY}) over the shipped table, read once per container; a
     * bad or missing document stops start-up naming the variable, rather than pricing jobs wrongly.
     */
    public CostEstimator costs() {
        Configuration.Pricing pricing = configuration.pricing();
        PriceTable table = s3Override(pricing.s3Key(), "PRICES_S3_KEY", PriceTables::withOverride, pricing.table());
        return new CostEstimator(table, pricing.memoryMb());
    }

    /** Plans as configured ({@code PLANS_S3_KEY} over {@code PLANS} over the shipped ones) and the usage they count. */
    public PlanGate planGate() {
        Configuration.PlanSettings settings = configuration.plans();
        Plans plans = s3Override(settings.s3Key(), "PLANS_S3_KEY", Plans::withOverride, settings.plans());
        return new PlanGate(
                plans,
                new DynamoUsageStore(dynamo(), table()),
                Clock.systemUTC(),
                configuration.limits().retention());
    }

    /**
     * A JSON document in the bucket ({@code variable} names its key) laid over the shipped one; a bad or missing
     * document stops start-up naming the variable rather than running on the wrong data.
     */
    private <T> T s3Override(Optional<String> key, String variable, BiFunction<String, String, T> parse, T shipped) {
        return key.map(name -> {
                    try {
                        return parse.apply(
                                new String(blobStore().read(name), StandardCharsets.UTF_8), variable + " " + name);
                    } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
                        throw new ConfigurationException(
                                variable, e.getMessage() == null ? "no object " + name : e.getMessage());
                    }
                })
                .orElse(shipped);
    }

    public TaskQueue taskQueue() {
        return new SqsTaskQueue(sqs(), Configuration.require(configuration.queueUrl(), "QUEUE_URL"));
    }

    /** The queue of large jobs' fan-outs; null when this function has none (JobsFunction has it in the template). */
    public FanOutQueue fanOutQueue() {
        return configuration
                .fanOutQueueUrl()
                .map(url -> (FanOutQueue) new SqsFanOutQueue(sqs(), url))
                .orElse(null);
    }

    /** Every provider Atelier knows, in catalogue order; unconfigured ones are listed but refuse jobs. Test providers last. */
    public ProviderRegistry providers() {
        ProviderSettings settings = configuration.providers();
        List<ImageProvider> all = new ArrayList<>(BuiltInProviders.all(settings));
        all.addAll(configuration.testProviders());
        return new ProviderRegistry(all);
    }

    /** EMF lines on standard output in Lambda (CloudWatch Logs extracts them); none in the local runner. */
    public Metrics metrics() {
        return configuration.lambdaFunctionName().isPresent()
                ? new Metrics(MetricLines.STDOUT, System::currentTimeMillis)
                : Metrics.NONE;
    }

    public ProviderSlots providerSlots() {
        return new DynamoProviderSlots(dynamo(), table(), configuration.concurrency());
    }
}
