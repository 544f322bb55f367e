package io.atelier.local.events;

import io.atelier.local.lambda.LocalFunction;
import io.atelier.local.template.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventBridge's Schedule for one function event: invokes the function at its {@code rate(...)} with a scheduled
 * event, first one period after the start. {@link #fire()} invokes it at once (tests, the CLI).
 */
public final class ScheduleSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleSource.class);

    private final ScheduleSpec spec;
    private final LocalFunction function;
    private final String region;
    private final String account;
    private ScheduledExecutorService timer;

    public ScheduleSource(ScheduleSpec spec, LocalFunction function, String region, String account) {
        this.spec = spec;
        this.function = function;
        this.region = region;
        this.account = account;
    }

    public ScheduleSpec spec() {
        return spec;
    }

    public ScheduleSource start() {
        Duration rate = spec.rate().orElseThrow();
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .daemon()
                .name("schedule-" + spec.functionId() + "-" + spec.eventId())
                .factory());
        timer.scheduleAtFixedRate(this::fireQuietly, rate.toMillis(), rate.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Invokes the function now with a scheduled event; returns what it answered. */
    public synchronized Object fire() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", account);
        event.put("time", Instant.now().toString().replaceAll("\\.\\d+Z$", "Z"));
        event.put("region", region);
        event.put(
                "resources",
                List.of("arn:aws:events:" + region + ":" + account + ":rule/" + spec.functionId() + "-"
                        + spec.eventId()));
        event.put("detail", Map.of());
        return function.invoke(event);
    }

    private void fireQuietly() {
        try {
            Object result = fire();
            LOG.debug("{} <- schedule {}: {}", spec.functionId(), spec.expression(), result);
        } catch (RuntimeException e) {
            LOG.warn("{} failed on its schedule {}: {}", spec.functionId(), spec.expression(), e.toString());
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
