package io.atelier.local.bench;

import io.atelier.config.Adapters;
import io.atelier.core.JobService;
import io.atelier.core.TaskRunner;
import io.atelier.entrypoints.WorkerHandler;
import io.atelier.json.Json;
import io.atelier.local.AtelierLocal;
import io.atelier.local.LocalOptions;
import io.atelier.local.events.SqsEventsAccess;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * {@code make bench ARGS="worker 60 10"}: a job of N `generate` tasks on a stand-in provider that answers in 0.5 s, with a
 * cap of C calls in flight (10 by default), run by 10 workers receiving from the stack's SQS queue as Lambda's mapping would; its
 * wall time against the floor N·L/C, and where a task's time goes: each port's calls timed (DynamoDB through the job
 * store, slot leases, S3, SQS sends), the provider call, SQS receives, and the rest (the worker's own CPU: decode,
 * encode, preview). The ports are the real adapters on the local emulators, wrapped in timing proxies.
 */
final class WorkerBench {
    /** Lambda's mapping runs this many workers (the template's WorkerMaxConcurrency default). */
    private static final int WORKERS = 10;

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
            String url = local.queueUrl("TasksQueue");
            var sqs = local.aws().sqs();

            NANOS.clear();
            CALLS.clear();
            long start = System.nanoTime();
            Job job = service.submit(
                    "bench",
                    Json.tree(
                            "{\"operation\":\"generate\",\"provider\":\"standin\",\"prompt\":\"a studio photo\",\"count\":"
                                    + count + "}"),
                    Optional.empty());
            long submitted = System.nanoTime();
            AtomicInteger done = new AtomicInteger();
            AtomicLong receiveNanos = new AtomicLong(),
                    receives = new AtomicLong(),
                    handleNanos = new AtomicLong(),
                    deleteNanos = new AtomicLong();
            try (ExecutorService workers = Executors.newFixedThreadPool(WORKERS)) {
                for (int w = 0; w < WORKERS; w++) {
                    workers.submit(() -> {
                        while (!finished(untimed, job)) {
                            long r = System.nanoTime();
                            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url)
                                            .maxNumberOfMessages(1)
                                            .waitTimeSeconds(1)
                                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                                    .messages();
                            receiveNanos.addAndGet(System.nanoTime() - r);
                            receives.incrementAndGet();
                            if (messages.isEmpty()) continue;
                            long h = System.nanoTime();
                            var response = worker.handleRequest(
                                    SqsEventsAccess.build(messages, local.queueArn("TasksQueue")), null);
                            handleNanos.addAndGet(System.nanoTime() - h);
                            long d = System.nanoTime();
                            if (response.getBatchItemFailures().isEmpty())
                                sqs.deleteMessage(b -> b.queueUrl(url)
                                        .receiptHandle(messages.get(0).receiptHandle()));
                            deleteNanos.addAndGet(System.nanoTime() - d);
                            done.incrementAndGet();
                        }
                        return null;
                    });
                }
            }
            double wall = (System.nanoTime() - submitted) / 1e9; // from the submission's answer to the job's end
            double floor = count * StandInProvider.LATENCY_MS / 1000.0 / cap;
            Job end = untimed.findJob("bench", job.jobId()).orElseThrow();
            System.out.printf(
                    "worker pipeline, %d tasks on a 0.5 s stand-in, cap %d, %d workers: %.1f s from submitted to SUCCEEDED vs floor N·L/C %.1f s (%.2f×); %s; submit %.0f ms%n",
                    count, cap, WORKERS, wall, floor, wall / floor, end.counts(), (submitted - start) / 1e6);
            System.out.printf(
                    "  per delivery (%d deliveries, %d provider calls; the rest found no free slot): handler %.0f ms, of which:%n",
                    done.get(), StandInProvider.CALLS.get(), handleNanos.get() / 1e6 / Math.max(1, done.get()));
            long accounted = 0;
            for (String stage : List.of("DynamoDB (job store)", "slot leases (DynamoDB)", "S3", "SQS send")) {
                long nanos = NANOS.getOrDefault(stage, new AtomicLong()).get();
                accounted += nanos;
                System.out.printf(
                        "    %-24s %6.1f ms in %.1f calls%n",
                        stage,
                        nanos / 1e6 / Math.max(1, done.get()),
                        CALLS.getOrDefault(stage, new AtomicLong()).get() / (double) Math.max(1, done.get()));
            }
            long provider = StandInProvider.CALL_NANOS.get();
            System.out.printf("    %-24s %6.1f ms%n", "provider call", provider / 1e6 / Math.max(1, done.get()));
            System.out.printf(
                    "    %-24s %6.1f ms (decode, encode, preview, the worker's own work)%n",
                    "rest", (handleNanos.get() - accounted - provider) / 1e6 / Math.max(1, done.get()));
            System.out.printf(
                    "  outside the handler: SQS receive %.1f ms a call (%d calls, 1 s long polls when idle), delete %.1f ms%n",
                    receiveNanos.get() / 1e6 / Math.max(1, receives.get()),
                    receives.get(),
                    deleteNanos.get() / 1e6 / Math.max(1, done.get()));
            NANOS.entrySet().stream()
                    .filter(e -> e.getKey().contains("#"))
                    .sorted((a, b) ->
                            Long.compare(b.getValue().get(), a.getValue().get()))
                    .limit(8)
                    .forEach(e -> System.out.printf(
                            "    %-48s %6.1f ms/delivery in %.2f calls%n",
                            e.getKey(),
                            e.getValue().get() / 1e6 / Math.max(1, done.get()),
                            CALLS.get(e.getKey()).get() / (double) Math.max(1, done.get())));
        }
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
