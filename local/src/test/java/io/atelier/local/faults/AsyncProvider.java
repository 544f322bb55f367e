package io.atelier.local.faults;

import io.atelier.imaging.ImageFormat;
import io.atelier.model.ErrorCode;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderException;
import io.atelier.providers.ProviderOutcome;
import io.atelier.providers.ProviderResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fault suite's asynchronous stand-in ({@code async}, operation {@code generate}), shaped like DashScope's tasks:
 * {@code start} submits a task and answers its id, and later deliveries {@code poll} it until it ends as
 * {@link #outcome} says: succeeded, failed (its work ended with an error, as a DashScope task FAILED ends), or running
 * past its wait. It counts submissions and polls.
 */
public final class AsyncProvider extends GenerateOnlyProvider {
    enum Outcome {
        SUCCEEDED,
        FAILED_UNAVAILABLE,
        REFUSED,
        RUNNING_FOR_EVER
    }

    static final AtomicInteger STARTS = new AtomicInteger();
    static final AtomicInteger POLLS = new AtomicInteger();
    static volatile Outcome outcome = Outcome.SUCCEEDED;
    private static final byte[] PNG = png(8, 8);

    public AsyncProvider() {
        super("async", "a1");
    }

    static void reset(Outcome value) {
        outcome = value;
        STARTS.set(0);
        POLLS.set(0);
    }

    @Override
    public ProviderOutcome start(ProviderCall call) {
        int n = STARTS.incrementAndGet();
        return ProviderOutcome.pending("task-" + n, Duration.ofMillis(200), Map.of("taskId", "task-" + n));
    }

    @Override
    public ProviderOutcome poll(ProviderCall call, String handle) throws ProviderException {
        POLLS.incrementAndGet();
        return switch (outcome) {
            case SUCCEEDED ->
                ProviderOutcome.done(new ProviderResult(PNG, ImageFormat.PNG, 8, 8, "a1", Map.of("taskId", handle)));
            case FAILED_UNAVAILABLE ->
                throw new ProviderException(
                                ErrorCode.PROVIDER_UNAVAILABLE, "async task " + handle + " failed: InternalError")
                        .workEnded();
            case REFUSED ->
                throw new ProviderException(
                                ErrorCode.PROVIDER_REFUSED, "async task " + handle + " failed: DataInspectionFailed")
                        .workEnded();
            case RUNNING_FOR_EVER -> ProviderOutcome.pending(handle, Duration.ofMillis(200), Map.of());
        };
    }

    /** Seconds, not minutes: a task still running after this is given up as a timeout. */
    @Override
    public Duration maxWait() {
        return Duration.ofSeconds(1);
    }
}
