package io.atelier.local.events;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.atelier.local.lambda.FunctionException;
import io.atelier.local.lambda.LocalFunction;
import io.atelier.local.template.S3SourceSpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 ObjectCreated notifications for one function. S3Proxy sends none, so the bucket is listed every 200 ms
 * (under the event's prefix) and each object not seen before, or changed since, is delivered as one event, like an
 * asynchronous invocation: on a small pool, so a slow handler does not hold up discovery, with two retries on
 * failure. Objects already there at start are delivered too, unless a log of what was delivered (kept with a
 * persistent stack's data) says they were: a restart then notifies the objects put while the stack was down and
 * those whose delivery the stop cut short, and no others.
 */
public final class S3Notifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3Notifier.class);
    private static final long POLL_MILLIS = 200;
    private static final long[] RETRY_DELAYS_MILLIS = {1000, 2000};
    /**
     * S3Proxy's filesystem store lists every folder as a key ending in "/" and, while a PUT is in progress, its
     * temporary file as the key + "-" + a UUID: neither is an object anyone created, so neither notifies.
     */
    private static final Pattern NOT_AN_OBJECT = Pattern.compile(
            ".*(/|-\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12})", Pattern.DOTALL);

    private final S3SourceSpec spec;
    private final LocalFunction function;
    private final S3Client s3;
    private final String region;
    private final ExecutorService invokers;
    private final NotifiedObjects notified;
    /** key -> eTag and last-modified of the version already delivered or in delivery; keys vanish when objects do. */
    private Map<String, String> seen;

    private boolean firstScan = true;
    private volatile boolean running;
    private Thread watcher;

    public S3Notifier(S3SourceSpec spec, LocalFunction function, S3Client s3, String region) {
        this(spec, function, s3, region, null);
    }

    /** {@code notifiedLog}: the file recording deliveries across restarts; null = this run only. */
    public S3Notifier(S3SourceSpec spec, LocalFunction function, S3Client s3, String region, Path notifiedLog) {
        this.spec = spec;
        this.notified = notifiedLog == null ? NotifiedObjects.inMemory() : NotifiedObjects.persistedIn(notifiedLog);
        this.seen = new HashMap<>(notified.delivered());
        this.function = function;
        this.s3 = s3;
        this.region = region;
        this.invokers = Executors.newFixedThreadPool(
                4,
                Thread.ofPlatform()
                        .daemon()
                        .name("s3-" + spec.functionId() + "-", 0)
                        .factory());
    }

    public S3Notifier start() {
        running = true;
        watcher = Thread.ofPlatform()
                .daemon()
                .name("s3-watch-" + spec.functionId())
                .start(this::watch);
        return this;
    }

    private void watch() {
        while (running) {
            try {
                scan();
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (SdkException e) {
                if (running) {
                    LOG.warn(
                            "listing bucket {} for {} failed: {}",
                            spec.bucketName(),
                            spec.functionId(),
                            e.getMessage());
                    sleepQuietly(1000);
                }
            } catch (RuntimeException e) {
                LOG.error("S3 watcher of {} hit an unexpected error", spec.functionId(), e);
                sleepQuietly(1000);
            }
        }
    }

    private void scan() {
        Map<String, String> current = new HashMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(
                        b -> b.bucket(spec.bucketName()).prefix(spec.prefix()))
                .contents()) {
            String key = object.key();
            if (!spec.matches(key) || NOT_AN_OBJECT.matcher(key).matches()) {
                continue;
            }
            String version = object.eTag() + "|" + object.lastModified();
            current.put(key, version);
            if (!version.equals(seen.get(key)) && running) {
                S3Event event = S3Events.objectCreated(
                        region,
                        spec.eventId(),
                        spec.bucketName(),
                        key,
                        object.size(),
                        object.eTag(),
                        object.lastModified());
                invokers.execute(() -> deliver(event, key, version));
            }
        }
        seen = current;
        if (firstScan) {
            notified.retainOnly(current.keySet());
            firstScan = false;
        }
    }

    private void deliver(S3Event event, String key, String version) {
        for (int attempt = 0; running; attempt++) {
            long start = System.nanoTime();
            try {
                function.invoke(event);
                LOG.info(
                        "{} <- s3://{}/{} in {} ms",
                        spec.functionId(),
                        spec.bucketName(),
                        key,
                        (System.nanoTime() - start) / 1_000_000);
                notified.record(key, version);
                return;
            } catch (FunctionException e) {
                String cause =
                        e.getCause() == null ? e.getMessage() : e.getCause().toString();
                if (attempt >= RETRY_DELAYS_MILLIS.length) {
                    LOG.error(
                            "{} failed on s3://{}/{} after {} attempts, dropping the event: {}",
                            spec.functionId(),
                            spec.bucketName(),
                            key,
                            attempt + 1,
                            cause);
                    notified.record(key, version);
                    return;
                }
                LOG.warn("{} failed on s3://{}/{}, retrying: {}", spec.functionId(), spec.bucketName(), key, cause);
                sleepQuietly(RETRY_DELAYS_MILLIS[attempt]);
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (watcher != null) {
            watcher.interrupt();
        }
        invokers.shutdownNow();
        try {
            invokers.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
