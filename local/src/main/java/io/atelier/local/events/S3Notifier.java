package io.atelier.local.events;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.atelier.local.lambda.FunctionException;
import io.atelier.local.lambda.LocalFunction;
import io.atelier.local.template.S3SourceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 ObjectCreated notifications for one function, each delivered as one event like an asynchronous invocation:
 * at once, up to 16 at a time (Lambda would run as many at once as events arrive), with two retries on failure. S3Proxy
 * sends none; the runner's {@link io.atelier.local.emulators.S3Front} tells {@link #objectCreated} of each object a
 * request created, as S3 does, and the bucket is also listed (under the event's prefix) every {@code poll}: at start,
 * and as a fallback for writes that did not pass the front (every 200 ms when nothing else tells, as with an
 * external endpoint). Each version of an object (its ETag) is delivered once, whichever way it
 * was found first. Objects already there at start are delivered too, unless a log of what was delivered (kept with a
 * persistent stack's data) says they were: a restart then notifies the objects put while the stack was down and
 * those whose delivery the stop cut short, and no others.
 */
public final class S3Notifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3Notifier.class);
    /** The poll when it is the only way to learn of new objects. */
    public static final Duration POLL_ALONE = Duration.ofMillis(200);

    private static final long[] RETRY_DELAYS_MILLIS = {1000, 2000};
    /**
     * Lambda would run every event at once (no function here reserves concurrency); the runner stops at 16, each
     * invocation holding up to an upload's bytes in the one JVM: far more than two cores can use anyway.
     */
    static final int MAX_LOCAL_CONCURRENCY = 16;
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
    private final long pollMillis;
    /** key -> the ETag of the version already delivered or in delivery; keys vanish when objects do. */
    private final Map<String, String> seen;

    private boolean firstScan = true;
    private volatile boolean running;
    private Thread watcher;

    public S3Notifier(S3SourceSpec spec, LocalFunction function, S3Client s3, String region) {
        this(spec, function, s3, region, null, POLL_ALONE);
    }

    /**
     * {@code notifiedLog}: the file recording deliveries across restarts; null = this run only. {@code poll}: how
     * often the bucket is listed after the first time.
     */
    public S3Notifier(
            S3SourceSpec spec, LocalFunction function, S3Client s3, String region, Path notifiedLog, Duration poll) {
        this.spec = spec;
        this.notified = notifiedLog == null ? NotifiedObjects.inMemory() : NotifiedObjects.persistedIn(notifiedLog);
        this.seen = new ConcurrentHashMap<>(notified.delivered());
        this.function = function;
        this.s3 = s3;
        this.region = region;
        this.pollMillis = poll.toMillis();
        this.invokers = Executors.newFixedThreadPool(
                MAX_LOCAL_CONCURRENCY,
                Thread.ofPlatform()
                        .daemon()
                        .name("s3-" + spec.functionId() + "-", 0)
                        .factory());
    }

    /**
     * Told by the S3 front that a request created {@code key}: delivered at once, unless the bucket listing delivered
     * that version already. A plain PUT's size and ETag come with it; a copy's or a multipart upload's are read with
     * a HEAD.
     */
    public void objectCreated(String bucket, String key, String eventName, long size, String eTag) {
        if (!running
                || !bucket.equals(spec.bucketName())
                || !spec.matches(key)
                || NOT_AN_OBJECT.matcher(key).matches()) {
            return;
        }
        if (size >= 0 && eTag != null) {
            invokers.execute(() -> {
                if (claim(key, eTag)) {
                    deliver(event(key, eventName, size, eTag, Instant.now()), key, eTag);
                }
            });
            return;
        }
        invokers.execute(() -> {
            HeadObjectResponse head;
            try {
                head = s3.headObject(b -> b.bucket(bucket).key(key));
            } catch (SdkException e) {
                // A 404: deleted meanwhile; S3 would still notify, but nothing is left to describe.
                if (!(e instanceof S3Exception s3e && s3e.statusCode() == 404)) {
                    LOG.warn(
                            "HEAD s3://{}/{} for {} failed; the listing will find it: {}",
                            bucket,
                            key,
                            spec.functionId(),
                            e.getMessage());
                }
                return;
            }
            String version = head.eTag();
            if (claim(key, version)) {
                deliver(event(key, eventName, head.contentLength(), head.eTag(), head.lastModified()), key, version);
            }
        });
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
                Thread.sleep(pollMillis);
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
        Map<String, String> before = Map.copyOf(seen);
        Set<String> listed = new HashSet<>();
        for (S3Object object : s3.listObjectsV2Paginator(
                        b -> b.bucket(spec.bucketName()).prefix(spec.prefix()))
                .contents()) {
            String key = object.key();
            if (!spec.matches(key) || NOT_AN_OBJECT.matcher(key).matches()) {
                continue;
            }
            listed.add(key);
            String version = object.eTag();
            if (running && claim(key, version)) {
                S3Event event = event(key, "ObjectCreated:Put", object.size(), object.eTag(), object.lastModified());
                invokers.execute(() -> deliver(event, key, version));
            }
        }
        // Forget the objects gone since, unless a newer version turned up meanwhile (the front told of it).
        before.forEach((key, version) -> {
            if (!listed.contains(key)) {
                seen.remove(key, version);
            }
        });
        if (firstScan) {
            notified.retainOnly(listed);
            firstScan = false;
        }
    }

    /**
     * Whether this version of the object is new: true once per ETag, however it was found. The ETag alone tells
     * versions apart (a PUT's answer gives no time, and an upload is never written twice: its PUT is conditional).
     */
    private boolean claim(String key, String eTag) {
        String before = seen.put(key, eTag);
        return before == null || !withoutTime(before).equals(eTag);
    }

    /** A delivery log written before versions were ETags alone holds "ETag|last-modified second". */
    private static String withoutTime(String version) {
        int bar = version.lastIndexOf('|');
        return bar < 0 ? version : version.substring(0, bar);
    }

    private S3Event event(String key, String eventName, Long size, String eTag, Instant lastModified) {
        return S3Events.objectCreated(
                region, spec.eventId(), spec.bucketName(), key, eventName, size == null ? 0 : size, eTag, lastModified);
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
