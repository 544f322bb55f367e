package io.atelier.local;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.atelier.local.apigw.HttpApiServer;
import io.atelier.local.apigw.JwtAuthority;
import io.atelier.local.apigw.RouteTable;
import io.atelier.local.emulators.AwsClients;
import io.atelier.local.emulators.Emulators;
import io.atelier.local.emulators.Endpoints;
import io.atelier.local.emulators.S3Front;
import io.atelier.local.events.DeliveryHook;
import io.atelier.local.events.S3Notifier;
import io.atelier.local.events.ScheduleSource;
import io.atelier.local.events.SqsEventSource;
import io.atelier.local.lambda.FunctionEnvironment;
import io.atelier.local.lambda.FunctionException;
import io.atelier.local.lambda.LambdaJson;
import io.atelier.local.lambda.LocalFunction;
import io.atelier.local.lambda.RawJson;
import io.atelier.local.provision.DeclaredResources;
import io.atelier.local.template.FunctionSpec;
import io.atelier.local.template.HttpRouteSpec;
import io.atelier.local.template.QueueSpec;
import io.atelier.local.template.S3SourceSpec;
import io.atelier.local.template.ScheduleSpec;
import io.atelier.local.template.SqsSourceSpec;
import io.atelier.local.template.Template;
import io.atelier.local.template.TemplateReader;
import io.atelier.plans.Plans;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole local stack for one template: emulators (or an external endpoint), the template's tables, queues and
 * buckets, its functions in this JVM, and (when serving) the HttpApi, the SQS event source mappings and the S3
 * notifications. {@code AtelierLocal.start(LocalOptions.defaults().withPort(0))} is all a test needs.
 */
public final class AtelierLocal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AtelierLocal.class);
    /** Behind the S3 front the bucket listing is only a fallback (writes made straight to S3Proxy). */
    private static final Duration POLL_BEHIND_FRONT = Duration.ofSeconds(5);

    private final LocalOptions options;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<AutoCloseable> running = new CopyOnWriteArrayList<>();
    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();
    private final Thread shutdownHook = new Thread(this::close, "atelier-local-shutdown");
    private Template template;
    private List<QueueSpec> queues = List.of();
    private Endpoints endpoints;
    private StackData data;
    private AwsClients aws;
    /** The local S3 endpoint that tells of new objects at once; null with an external endpoint. */
    private S3Front s3Front;

    private JwtAuthority authority;
    private FunctionEnvironment environment;
    private HttpApiServer server;
    private volatile DeliveryHook deliveryHook = DeliveryHook.NONE;
    private final Map<String, ScheduleSource> schedules = new ConcurrentHashMap<>();

    private AtelierLocal(LocalOptions options) {
        this.options = options;
    }

    public static AtelierLocal start(LocalOptions options) throws Exception {
        AtelierLocal local = new AtelierLocal(options);
        Runtime.getRuntime().addShutdownHook(local.shutdownHook);
        try {
            local.boot();
            return local;
        } catch (Exception | Error e) {
            local.close();
            throw e;
        }
    }

    private void boot() throws Exception {
        if (options.serve()) {
            server = HttpApiServer.bind(options.port()); // closed first of all: see close()
        }
        CompletableFuture<JwtAuthority> keys = CompletableFuture.supplyAsync(JwtAuthority::generate);
        // The emulators take seconds: they start first, and each creates its resources as soon as it is up and
        // the template has been read (meanwhile, on this thread).
        CompletableFuture<DeclaredResources> declared = new CompletableFuture<>();
        CompletableFuture<Emulators> emulators = null;
        if (options.endpoint() == null) {
            data = StackData.open(options.dataDir(), false);
            running.add(data); // first in, so closed last: after the emulators that write into it
            ExecutorService starter = Executors.newSingleThreadExecutor();
            emulators = CompletableFuture.supplyAsync(() -> startEmulators(declared), starter);
            starter.shutdown();
        }
        TemplateReader reader;
        try {
            template = Template.load(options.template(), options.parameterOverrides());
            reader = new TemplateReader(template);
            queues = reader.queues();
            declared.complete(new DeclaredResources(reader.tables(), queues, reader.buckets()));
        } catch (Exception | Error e) {
            declared.completeExceptionally(e);
            if (emulators != null) {
                emulators.handle((started, failed) -> null).join(); // they stop themselves when provisioning fails
            }
            throw e;
        }
        if (emulators != null) {
            Emulators started;
            try {
                started = emulators.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            running.add(started);
            endpoints = started.endpoints();
            s3Front = started.s3Front();
        } else {
            endpoints = Endpoints.external(options.endpoint());
            queueUrls.putAll(declared.join().createOnAll(options.endpoint()));
        }
        aws = new AwsClients(endpoints);
        running.add(aws);
        queueUrls.forEach(template::queueUrl);

        List<FunctionSpec> specs = reader.functions();
        environment = FunctionEnvironment.of(specs, endpoints, options.functionEnvironment());
        for (FunctionSpec spec : specs) {
            LocalFunction function = new LocalFunction(
                    spec,
                    template.identity().functionArn(spec.functionName()),
                    AtelierLocal.class.getClassLoader(),
                    environment.forFunction(spec));
            functions.put(spec.logicalId(), function);
            if (!function.handlerPresent()) {
                LOG.warn(
                        "{}: handler class {} is not on the classpath; its invocations will fail",
                        spec.logicalId(),
                        spec.handlerClass());
            }
            spec.ignoredEvents().forEach(e -> LOG.info("{}: {} is not emulated locally", spec.logicalId(), e));
        }
        authority = keys.get();
        DeclaredResources resources = declared.join();
        LOG.info(
                "{}: {} functions, {} tables, {} queues, {} buckets on {}",
                options.template().getFileName(),
                specs.size(),
                resources.tables().size(),
                resources.queues().size(),
                resources.buckets().size(),
                endpoints.external() ? endpoints.s3() : "local emulators");
        if (options.serve()) {
            serve(reader);
        }
    }

    private Emulators startEmulators(CompletableFuture<DeclaredResources> declared) {
        try {
            return Emulators.start(
                    LocalPaths.nativeDir(),
                    LocalPaths.s3ProxyJar(),
                    LocalPaths.logDir(),
                    data.emulators(),
                    (service, endpoint) -> queueUrls.putAll(declared.join().createOn(service, endpoint)));
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private void serve(TemplateReader reader) throws IOException {
        List<HttpRouteSpec> routes = functions.values().stream()
                .flatMap(f -> f.spec().routes().stream())
                .toList();
        String plans = environment.values().get("PLANS");
        server.serve(
                new RouteTable(routes),
                functions,
                authority,
                reader.cors(),
                options.webDir(),
                plans == null || plans.isBlank() ? Plans.defaults() : Plans.withOverride(plans, "PLANS"));
        String region = template.identity().region();
        for (LocalFunction function : functions.values()) {
            for (SqsSourceSpec source : function.spec().sqsSources()) {
                if (!source.enabled()) {
                    continue;
                }
                String url = queueUrlByName(source.queueName());
                running.add(new SqsEventSource(source, url, function, aws.sqs(), region, () -> deliveryHook).start());
                LOG.info(
                        "{} <- SQS {} (batch {}, concurrency {}{})",
                        function.spec().logicalId(),
                        source.queueName(),
                        source.batchSize(),
                        source.maxConcurrency(),
                        source.reportBatchItemFailures() ? ", partial batch failures" : "");
            }
            for (ScheduleSpec schedule : function.spec().schedules()) {
                ScheduleSource source = new ScheduleSource(
                        schedule, function, region, template.identity().accountId());
                schedules.put(function.spec().logicalId(), source);
                if (schedule.enabled()) {
                    running.add(source.start());
                    LOG.info("{} <- Schedule {}", function.spec().logicalId(), schedule.expression());
                }
            }
            for (S3SourceSpec source : function.spec().s3Sources()) {
                if (source.wantsObjectCreated()) {
                    S3Notifier notifier = new S3Notifier(
                            source,
                            function,
                            aws.s3(),
                            region,
                            notifiedLog(source),
                            s3Front == null ? S3Notifier.POLL_ALONE : POLL_BEHIND_FRONT);
                    running.add(notifier.start());
                    if (s3Front != null) {
                        running.add(s3Front.subscribe(notifier::objectCreated));
                    }
                    LOG.info(
                            "{} <- S3 ObjectCreated s3://{}/{}*{} ({})",
                            function.spec().logicalId(),
                            source.bucketName(),
                            source.prefix(),
                            source.suffix(),
                            s3Front == null
                                    ? "the bucket listed every " + S3Notifier.POLL_ALONE.toMillis() + " ms"
                                    : "told at once by the S3 endpoint");
                }
            }
        }
        LOG.info("HttpApi: {} routes on {}", routes.size(), server.url());
    }

    /** Where a persistent stack's notifier records what it delivered, so a restart neither repeats nor skips. */
    private Path notifiedLog(S3SourceSpec source) {
        return data != null && data.persistent()
                ? data.root().resolve("notified").resolve(source.functionId() + "-" + source.eventId() + ".log")
                : null;
    }

    private String queueUrlByName(String name) {
        for (QueueSpec queue : queues) {
            if (queue.name().equals(name)) {
                return queueUrls.get(queue.logicalId());
            }
        }
        return aws.sqs().getQueueUrl(b -> b.queueName(name)).queueUrl();
    }

    // --- what tests and the CLI use ----------------------------------------------------------------------------

    /** Base URL of the HttpApi and the web app, e.g. http://127.0.0.1:3000 (null when not serving). */
    public URI apiUrl() {
        return server == null ? null : server.url();
    }

    /** Where the emulators keep their data (null with an external endpoint). */
    public Path dataDir() {
        return data == null ? null : data.root();
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public URI s3Endpoint() {
        return endpoints.s3();
    }

    /** The S3 front that tells notifiers of new objects (null with an external endpoint): tests reach S3Proxy past it. */
    public S3Front s3Front() {
        return s3Front;
    }

    public URI dynamoEndpoint() {
        return endpoints.dynamodb();
    }

    public URI sqsEndpoint() {
        return endpoints.sqs();
    }

    /** SDK clients for the same services, with the local credentials. */
    public AwsClients aws() {
        return aws;
    }

    public String tableName(String logicalId) {
        return template.tableName(logicalId);
    }

    public String bucketName(String logicalId) {
        return template.bucketName(logicalId);
    }

    public String queueUrl(String logicalId) {
        String url = queueUrls.get(logicalId);
        if (url == null) {
            throw new IllegalArgumentException("no queue " + logicalId + " in the template");
        }
        return url;
    }

    public String queueArn(String logicalId) {
        return template.identity().queueArn(template.queueName(logicalId));
    }

    /** Runs a function's schedule now, as if its time had come (tests; the sweeper); returns what the function answered. */
    public Object runSchedule(String logicalId) {
        ScheduleSource source = schedules.get(logicalId);
        if (source == null) {
            throw new IllegalArgumentException(logicalId + " has no schedule that runs locally");
        }
        return source.fire();
    }

    /** Fault injection into the SQS event source mappings (tests); {@code null} restores plain delivery. */
    public void deliveryHook(DeliveryHook hook) {
        deliveryHook = hook == null ? DeliveryHook.NONE : hook;
    }

    /** A valid bearer token for {@code user}, as {@code POST /local/token} gives. */
    public String token(String user) {
        return authority.mint(user).token();
    }

    /** A valid bearer token for {@code user} in {@code plan}'s group, as {@code POST /local/token} with a plan gives. */
    public String token(String user, String plan) {
        return authority.mint(user, plan).token();
    }

    /** The emulated identity provider, to mint expired or foreign tokens in tests. */
    public JwtAuthority jwt() {
        return authority;
    }

    public LocalFunction function(String logicalId) {
        LocalFunction function = functions.get(logicalId);
        if (function == null) {
            throw new IllegalArgumentException("no function " + logicalId + "; the template has " + functions.keySet());
        }
        return function;
    }

    public Map<String, LocalFunction> functions() {
        return Map.copyOf(functions);
    }

    /** What the functions of this stack find in their environment (template variables, endpoints, credentials). */
    public Map<String, String> functionEnvironment() {
        return environment.values();
    }

    /**
     * Invokes one function once with the event in a JSON file, as {@code sam local invoke} does: the event is read
     * into the handler's input type the way the Lambda runtime reads it.
     */
    public InvokeResult invoke(String logicalId, Path eventFile) throws IOException {
        LocalFunction function = function(logicalId);
        long start = System.nanoTime();
        try {
            Object response = function.invoke(readEvent(eventFile, function.inputType()));
            String json = response instanceof RawJson raw
                    ? raw.toString()
                    : new String(LambdaJson.toJson(response), StandardCharsets.UTF_8);
            return new InvokeResult(logicalId, response, json, false, (System.nanoTime() - start) / 1_000_000);
        } catch (FunctionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            Map<String, String> error = new LinkedHashMap<>();
            error.put("errorMessage", String.valueOf(cause.getMessage()));
            error.put("errorType", cause.getClass().getName());
            String json = new String(LambdaJson.toJson(error), StandardCharsets.UTF_8);
            return new InvokeResult(logicalId, null, json, true, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static Object readEvent(Path eventFile, Class<?> type) throws IOException {
        if (type == RawJson.class) {
            return new RawJson(Files.readAllBytes(eventFile));
        }
        if (eventFile.getFileName().toString().endsWith(".json")) {
            return EventLoader.loadEvent(eventFile.toString(), type);
        }
        return LambdaJson.fromJson(Files.readAllBytes(eventFile), type);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long start = System.nanoTime();
        // All pollers at once, so their last long polls end together rather than one mapping after another.
        running.stream()
                .filter(SqsEventSource.class::isInstance)
                .map(SqsEventSource.class::cast)
                .forEach(SqsEventSource::stop);
        if (server != null) {
            server.close(); // no new requests while the rest stops
        }
        for (AutoCloseable resource : running.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
        LOG.info("stopped in {} ms", (System.nanoTime() - start) / 1_000_000);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // called from the hook itself
        }
    }
}
