package io.atelier.local.bench;

import io.atelier.config.Adapters;
import io.atelier.core.JobService;
import io.atelier.core.TaskRunner;
import io.atelier.entrypoints.WorkerHandler;
import io.atelier.json.Json;
import io.atelier.local.AtelierLocal;
import io.atelier.local.LocalOptions;
import io.atelier.local.emulators.LocalCredentials;
import io.atelier.local.events.DeliveryHook;
import io.atelier.local.events.SqsEventSource;
import io.atelier.local.template.SqsSourceSpec;
import io.atelier.model.Job;
import io.atelier.store.BlobStore;
import io.atelier.store.JobStore;
import io.atelier.store.ProviderSlots;
import io.atelier.store.TaskQueue;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code make bench ARGS="worker 200 10"}: a job of N `generate` tasks on a stand-in provider that answers in 0.5 s, with
 * a cap of C calls in flight, delivered by the runner's own SQS mapping with the template's batch size and maximum
 * concurrency (as {@code make run} delivers them); its wall time against the floor N·L/C, and where a task's time goes:
 * each port's calls timed (DynamoDB through the job store, slot leases, S3, SQS sends), the provider call, the
 * mapping's receives and deletes, and the rest (the worker's own work: decode, encode, preview). The ports are the
 * real adapters on the local emulators, wrapped in timing proxies.
 */
final class WorkerBench {
    private static final Map<String, AtomicLong> NANOS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> CALLS = new ConcurrentHashMap<>();

    private WorkerBench() {}

    static void run(int count, int cap) throws Exception {
        try (AtelierLocal local =
                AtelierLocal.start(LocalOptions.defaults().withPort(0).withServe(false))) {
            Map<String, String> env = new HashMap<>(local.functionEnvironment());
            env.values().removeIf(value -> value.startsWith("/opt/"));
            env.put("PROVIDER_CONCURRENCY", "standin=" + cap);
            env.put("ATELIER_TEST_PROVIDERS", StandInProvider.class.getName());
            Adapters adapters = Adapters.from(env);
            JobStore untimed = adapters.jobStore(); // the bench's own polling is not the worker's time
            JobStore jobs = timed(JobStore.class, untimed, "DynamoDB (job store)");
            BlobStore blobs = timed(BlobStore.class, adapters.blobStore(), "S3");
            TaskQueue queue = timed(TaskQueue.class, adapters.taskQueue(), "SQS send");
            ProviderSlots slots = timed(ProviderSlots.class, adapters.providerSlots(), "slot leases (DynamoDB)");
            TaskRunner runner = new TaskRunner(
                    jobs,
                    blobs,
                    queue,
                    adapters.providers(),
                    adapters.configuration().limits(),
                    Clock.systemUTC(),
                    slots,
                    adapters.configuration().delays(),
                    adapters.costs());
            WorkerHandler worker =
                    new WorkerHandler(runner, queue, adapters.configuration().visibilityTimeout());
            JobService service = new JobService(
                    jobs,
                    adapters.imageStore(),
                    queue,
                    adapters.providers(),
                    adapters.configuration().limits(),
                    Clock.systemUTC(),
                    adapters.costs());
            SqsSourceSpec mapping =
                    local.function("WorkerFunction").spec().sqsSources().get(0);
            SqsClient sqs = timed(SqsClient.class, local.aws().sqs(), "SQS (the mapping)");
            String url = local.queueUrl("TasksQueue");
            // Side by side in one run: one task per invocation (the flow before batches), then the template's mapping.
            SqsSourceSpec single = new SqsSourceSpec(
                    mapping.functionId(),
                    mapping.eventId(),
                    mapping.queueArn(),
                    mapping.queueName(),
                    1,
                    mapping.maxConcurrency(),
                    mapping.reportBatchItemFailures(),
                    true);
            double one = job(service, untimed, worker, single, sqs, url, count, cap);
            double batched = job(service, untimed, worker, mapping, sqs, url, count, cap);
            System.out.printf(
                    "  the template's batch of %d against one task per invocation: %.2f× the time%n",
                    mapping.batchSize(), batched / one);
        }
    }

    /** One job through the mapping; prints its line and breakdown, and answers its time from submitted to the end. */
    private static double job(
            JobService service,
            JobStore untimed,
            WorkerHandler worker,
            SqsSourceSpec mapping,
            SqsClient sqs,
            String url,
            int count,
            int cap)
            throws Exception {
        NANOS.clear();
        CALLS.clear();
        StandInProvider.CALLS.set(0);
        StandInProvider.CALL_NANOS.set(0);
        long start = System.nanoTime();
        Job job = service.submit(
                "bench",
                Json.tree(
                        "{\"operation\":\"generate\",\"provider\":\"standin\",\"prompt\":\"a studio photo\",\"count\":"
                                + count + "}"),
                Optional.empty());
        long submitted = System.nanoTime();
        AtomicInteger deliveries = new AtomicInteger();
        AtomicLong handleNanos = new AtomicLong();
        // The runner's own mapping, invoking the timed worker (without a context: each task leased for 2 minutes).
        SqsEventSource source = new SqsEventSource(
                mapping,
                url,
                event -> {
                    long h = System.nanoTime();
                    try {
                        return worker.handleRequest(event, null);
                    } finally {
                        handleNanos.addAndGet(System.nanoTime() - h);
                        deliveries.addAndGet(event.getRecords().size());
                    }
                },
                sqs,
                LocalCredentials.REGION,
                () -> DeliveryHook.NONE);
        source.start();
        while (!finished(untimed, job)) Thread.sleep(100);
        double wall = (System.nanoTime() - submitted) / 1e9; // from the submission's answer to the job's end
        source.close();
        double floor = count * StandInProvider.LATENCY_MS / 1000.0 / cap;
        Job end = untimed.findJob("bench", job.jobId()).orElseThrow();
        int done = Math.max(1, deliveries.get());
        long provider = StandInProvider.CALL_NANOS.get();
        System.out.printf(
                "worker pipeline, %d tasks on a 0.5 s stand-in, cap %d, %d pollers, batch %d: %.1f s from submitted to SUCCEEDED vs floor N·L/C %.1f s (%.2f×); slots busy %.0f %% of it; %s; submit %.0f ms%n",
                count,
                cap,
                mapping.maxConcurrency(),
                mapping.batchSize(),
                wall,
                floor,
                wall / floor,
                100 * provider / 1e9 / (wall * cap),
                end.counts(),
                (submitted - start) / 1e6);
        System.out.printf(
                "  per message (%d delivered, %d provider calls; the rest found no free slot), time spent in each stage (a batch's lanes overlap: they add up to more than its wall time): in the handler %.0f ms%n",
                deliveries.get(), StandInProvider.CALLS.get(), handleNanos.get() / 1e6 / done);
        long accounted = 0;
        for (String stage : List.of("DynamoDB (job store)", "slot leases (DynamoDB)", "S3", "SQS send")) {
            long nanos = NANOS.getOrDefault(stage, new AtomicLong()).get();
            accounted += nanos;
            System.out.printf(
                    "    %-24s %6.1f ms in %.1f calls%n",
                    stage,
                    nanos / 1e6 / done,
                    CALLS.getOrDefault(stage, new AtomicLong()).get() / (double) done);
        }
        System.out.printf("    %-24s %6.1f ms%n", "provider call", provider / 1e6 / done);
        if (mapping.batchSize() == 1)
            System.out.printf(
                    "    %-24s %6.1f ms (decode, encode, preview, the worker's own work)%n",
                    "rest", (handleNanos.get() - accounted - provider) / 1e6 / done);
        System.out.printf(
                "  outside the handler, the mapping's SQS calls: %.1f ms a message (receives include the idle 1 s long polls at the end)%n",
                NANOS.getOrDefault("SQS (the mapping)", new AtomicLong()).get() / 1e6 / done);
        NANOS.entrySet().stream()
                .filter(e -> e.getKey().contains("#"))
                .sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get()))
                .limit(10)
                .forEach(e -> System.out.printf(
                        "    %-48s %6.1f ms/message in %.2f calls%n",
                        e.getKey(),
                        e.getValue().get() / 1e6 / done,
                        CALLS.get(e.getKey()).get() / (double) done));
        return wall;
    }

    private static boolean finished(JobStore jobs, Job job) {
        return jobs.findJob(job.owner(), job.jobId())
                .map(j -> j.status().terminal())
                .orElse(true);
    }

    /** The port, each call timed under its stage and under stage#method. */
    @SuppressWarnings("unchecked")
    private static <T> T timed(Class<T> port, T target, String stage) {
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            long t = System.nanoTime();
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                long nanos = System.nanoTime() - t;
                for (String key : List.of(stage, stage + " #" + method.getName())) {
                    NANOS.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(nanos);
                    CALLS.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
                }
            }
        });
    }
}
