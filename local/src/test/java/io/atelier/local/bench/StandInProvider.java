package io.atelier.local.bench;

import io.atelier.imaging.ImageFormat;
import io.atelier.local.faults.GenerateOnlyProvider;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderOutcome;
import io.atelier.providers.ProviderResult;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** `standin`: a provider that answers every call after exactly {@link #LATENCY_MS} with a small PNG (the worker bench). */
public final class StandInProvider extends GenerateOnlyProvider {
    static final long LATENCY_MS = 500;
    static final AtomicLong CALL_NANOS = new AtomicLong();
    static final AtomicLong CALLS = new AtomicLong();
    private static final byte[] PNG = png(64, 48);

    public StandInProvider() {
        super("standin", "s1");
    }

    @Override
    public ProviderOutcome start(ProviderCall call) {
        long t = System.nanoTime();
        try {
            Thread.sleep(LATENCY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        CALL_NANOS.addAndGet(System.nanoTime() - t);
        CALLS.incrementAndGet();
        return ProviderOutcome.done(new ProviderResult(PNG, ImageFormat.PNG, 64, 48, "s1", Map.of()));
    }
}
