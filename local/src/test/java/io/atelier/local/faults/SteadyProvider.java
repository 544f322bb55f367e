package io.atelier.local.faults;

import io.atelier.imaging.ImageFormat;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderOutcome;
import io.atelier.providers.ProviderResult;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The fault suite's second provider ({@code steady}, operation {@code generate}): always answers, and counts its calls. */
public final class SteadyProvider extends GenerateOnlyProvider {
    static final AtomicInteger CALLS = new AtomicInteger();
    private static final byte[] PNG = png(8, 8);

    public SteadyProvider() {
        super("steady", "s1");
    }

    @Override
    public ProviderOutcome start(ProviderCall call) {
        CALLS.incrementAndGet();
        return ProviderOutcome.done(new ProviderResult(PNG, ImageFormat.PNG, 8, 8, "s1", Map.of()));
    }
}
