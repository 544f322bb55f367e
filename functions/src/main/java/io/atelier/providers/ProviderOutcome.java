package io.atelier.providers;

import java.time.Duration;
import java.util.Map;

/** What starting (or polling) a provider call gave: a finished image, or a handle to poll later. */
public sealed interface ProviderOutcome {

    /** The image is ready. */
    record Done(ProviderResult result) implements ProviderOutcome {}

    /**
     * The provider accepted the work and is still on it. {@code handle} is what {@link ImageProvider#poll} needs to
     * look again; {@code pollAfter} how long to wait first; {@code provenance} what is known already (request id…).
     */
    record Pending(String handle, Duration pollAfter, Map<String, Object> provenance) implements ProviderOutcome {
        public Pending {
            provenance = provenance == null ? Map.of() : Map.copyOf(provenance);
        }
    }

    static ProviderOutcome done(ProviderResult result) {
        return new Done(result);
    }

    static ProviderOutcome pending(String handle, Duration pollAfter, Map<String, Object> provenance) {
        return new Pending(handle, pollAfter, provenance);
    }
}
