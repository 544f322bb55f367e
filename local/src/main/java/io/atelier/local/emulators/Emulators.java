package io.atelier.local.emulators;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DynamoDB Local, ElasticMQ and S3Proxy (behind {@link S3Front}), started in parallel. Each one's {@link OnReady} work (creating its tables,
 * queues or buckets) runs as soon as it answers, so the slowest emulator alone sets the start time.
 */
public final class Emulators implements AutoCloseable {

    public enum Service {
        DYNAMODB,
        SQS,
        S3
    }

    /** Work to do on one emulator as soon as it is up; a failure fails the start. */
    @FunctionalInterface
    public interface OnReady {
        void ready(Service service, URI endpoint) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Emulators.class);

    private final List<AutoCloseable> running;
    private final Endpoints endpoints;
    private final S3Front s3Front;

    private Emulators(List<AutoCloseable> running, Endpoints endpoints, S3Front s3Front) {
        this.running = running;
        this.endpoints = endpoints;
        this.s3Front = s3Front;
    }

    public static Emulators start(Path nativeDir, Path s3ProxyJar, Path logDir, EmulatorData data) throws Exception {
        return start(nativeDir, s3ProxyJar, logDir, data, (service, endpoint) -> {});
    }

    public static Emulators start(Path nativeDir, Path s3ProxyJar, Path logDir, EmulatorData data, OnReady onReady)
            throws Exception {
        // Own threads: the common pool has a single worker on a 2-core machine and would start them one by one.
        ExecutorService starter = Executors.newFixedThreadPool(3);
        Map<String, Long> millis = new ConcurrentHashMap<>();
        CompletableFuture<S3ProxyEmulator> s3 = CompletableFuture.supplyAsync(
                        () -> timed(
                                "S3Proxy", millis, () -> S3ProxyEmulator.start(0, s3ProxyJar, logDir, data.objects())),
                        starter)
                .thenApply(e -> prepared(e, Service.S3, e.endpoint(), onReady));
        CompletableFuture<ElasticMqEmulator> sqs = CompletableFuture.supplyAsync(
                        () -> timed("ElasticMQ", millis, () -> ElasticMqEmulator.start(0, data.queues())), starter)
                .thenApply(e -> prepared(e, Service.SQS, e.endpoint(), onReady));
        CompletableFuture<DynamoDbLocalEmulator> dynamo = CompletableFuture.supplyAsync(
                        () -> timed(
                                "DynamoDB Local",
                                millis,
                                () -> DynamoDbLocalEmulator.start(0, nativeDir, data.tables())),
                        starter)
                .thenApply(e -> prepared(e, Service.DYNAMODB, e.endpoint(), onReady));
        starter.shutdown();
        List<AutoCloseable> started = new ArrayList<>();
        Exception failure = null;
        for (CompletableFuture<? extends AutoCloseable> f : List.of(s3, sqs, dynamo)) {
            try {
                started.add(f.get());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
                if (failure == null) {
                    failure = cause instanceof Exception ex ? ex : new Exception(cause);
                }
            }
        }
        S3Front front = null;
        if (failure == null) {
            try {
                front = S3Front.start(s3.get().endpoint());
                started.add(front);
            } catch (IOException e) {
                failure = e;
            }
        }
        Emulators emulators = new Emulators(
                started,
                failure != null
                        ? null
                        : new Endpoints(dynamo.get().endpoint(), sqs.get().endpoint(), front.endpoint(), false),
                front);
        if (failure != null) {
            emulators.close();
            throw failure;
        }
        LOG.info("emulators up (start times in ms: {})", millis);
        return emulators;
    }

    /** S3's endpoint is {@link S3Front}, in front of S3Proxy: it tells of each object created as S3 would. */
    public Endpoints endpoints() {
        return endpoints;
    }

    public S3Front s3Front() {
        return s3Front;
    }

    @Override
    public void close() {
        for (AutoCloseable emulator : running.reversed()) {
            try {
                emulator.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", emulator.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** Runs the emulator's OnReady work; if it fails, the emulator is stopped and the start fails. */
    private static <E extends AutoCloseable> E prepared(E emulator, Service service, URI endpoint, OnReady onReady) {
        try {
            onReady.ready(service, endpoint);
            return emulator;
        } catch (Exception e) {
            try {
                emulator.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new CompletionException(e);
        }
    }

    private interface Action<T> {
        T run() throws Exception;
    }

    private static <T> T timed(String name, Map<String, Long> millis, Action<T> action) {
        long start = System.nanoTime();
        try {
            return action.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        } finally {
            millis.put(name, (System.nanoTime() - start) / 1_000_000);
        }
    }
}
