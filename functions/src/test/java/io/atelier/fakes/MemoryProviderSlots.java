package io.atelier.fakes;

import io.atelier.store.ProviderConcurrency;
import io.atelier.store.ProviderSlots;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Provider slots in memory with the DynamoDB adapter's lease semantics; counts the most ever held at once. */
public final class MemoryProviderSlots implements ProviderSlots {
    private record Lease(String holder, Instant until) {}

    private final ProviderConcurrency caps;
    private final Map<String, Lease> leases = new HashMap<>();
    public int refused;

    public MemoryProviderSlots(ProviderConcurrency caps) {
        this.caps = caps;
    }

    @Override
    public synchronized Optional<Slot> acquire(String provider, String holder, Instant now, Instant leaseUntil) {
        int cap = caps.cap(provider);
        if (cap <= 0) return Optional.of(new Slot(provider, -1, holder));
        for (int k = 0; k < cap; k++) {
            Lease lease = leases.get(provider + "#" + k);
            if (lease == null || lease.until().isBefore(now)) {
                leases.put(provider + "#" + k, new Lease(holder, leaseUntil));
                return Optional.of(new Slot(provider, k, holder));
            }
        }
        refused++;
        return Optional.empty();
    }

    @Override
    public synchronized void release(Slot slot) {
        Lease lease = leases.get(slot.provider() + "#" + slot.index());
        if (lease != null && lease.holder().equals(slot.holder())) leases.remove(slot.provider() + "#" + slot.index());
    }

    /** Slots of the provider held now. */
    public synchronized long held(String provider, Instant now) {
        return leases.entrySet().stream()
                .filter(e -> e.getKey().startsWith(provider + "#")
                        && !e.getValue().until().isBefore(now))
                .count();
    }
}
