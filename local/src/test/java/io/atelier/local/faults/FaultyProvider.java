package io.atelier.local.faults;

import io.atelier.imaging.ImageFormat;
import io.atelier.logging.LogContext;
import io.atelier.model.ErrorCode;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderException;
import io.atelier.providers.ProviderOutcome;
import io.atelier.providers.ProviderResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stand-in provider of the fault suite ({@code faulty}, operation {@code generate}): each call does what the
 * scenario's {@link FaultPlan} says for its task and call number. It knows its task from the worker's log context
 * ({@link LogContext#TASK_ID}). Registered through {@code ATELIER_TEST_PROVIDERS} in faults-template.yaml.
 */
public final class FaultyProvider extends GenerateOnlyProvider {
    private static final byte[] PNG = png(8, 8);

    public FaultyProvider() {
        super("faulty", "f1");
    }

    @Override
    public ProviderOutcome start(ProviderCall call) throws ProviderException {
        // The worker names the task it runs in its log context, on the thread of the call (a batch's lanes too).
        String task = LogContext.get(LogContext.TASK_ID);
        String taskId = task == null ? "unknown" : task;
        int n = FaultPlan.CALLS_BY_TASK
                .computeIfAbsent(taskId, k -> new AtomicInteger())
                .incrementAndGet();
        FaultPlan.CALLS.incrementAndGet();
        int inFlight = FaultPlan.IN_FLIGHT.incrementAndGet();
        FaultPlan.MAX_IN_FLIGHT.accumulateAndGet(inFlight, Math::max);
        try {
            boolean slow = FaultPlan.slowCall.test(taskId, n);
            sleep(slow ? FaultPlan.slowMillis : FaultPlan.callMillis);
            switch (FaultPlan.script.fault(taskId, n)) {
                case THROTTLE ->
                    throw new ProviderException(
                            ErrorCode.PROVIDER_THROTTLED, "429: rate limit, retry in 1 s", Duration.ofSeconds(1));
                case UNAVAILABLE ->
                    throw new ProviderException(ErrorCode.PROVIDER_UNAVAILABLE, "503: service unavailable");
                case TIMEOUT -> throw new ProviderException(ErrorCode.TIMEOUT, "the provider did not answer in time");
                case REFUSE ->
                    throw new ProviderException(ErrorCode.PROVIDER_REFUSED, "refused by the provider's content policy");
                case KILL -> {
                    FaultPlan.KILLED.add(taskId);
                    throw new WorkerKilled("after the provider call, before the state write");
                }
                case DEAD_LETTER_RACE -> FaultPlan.race.accept(FaultyDeliveries.DELIVERED.get(taskId));
                case OK -> {}
            }
            return ProviderOutcome.done(new ProviderResult(PNG, ImageFormat.PNG, 8, 8, "f1", Map.of("call", n)));
        } finally {
            FaultPlan.IN_FLIGHT.decrementAndGet();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
