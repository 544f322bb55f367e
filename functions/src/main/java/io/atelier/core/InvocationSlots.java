package io.atelier.core;

import io.atelier.store.ProviderSlots;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The provider slots of one worker invocation whose batch of tasks runs side by side: one provider call at a time (as
 * with one task per invocation), and the store's slot kept from one task of the batch to the next, so the next call
 * starts as soon as the last one ends, without a release and a take in between. The store's cap holds: an invocation
 * holds at most one of the store's slots at a time and one task uses it at a time. Closing gives it back; a worker
 * that dies keeps it until its lease passes, as before.
 */
public final class InvocationSlots implements ProviderSlots, AutoCloseable {
    private final ProviderSlots store;
    /** The turn to call a provider: taken with a slot, given back with it. */
    private final Semaphore turn = new Semaphore(1, true);
    /** The store's slots this invocation keeps, by provider; only the holder of the turn changes it. */
    private final Map<String, Slot> kept = new ConcurrentHashMap<>();

    public InvocationSlots(ProviderSlots store) {
        this.store = store;
    }

    /** Waits for the turn, then the slot this invocation keeps for the provider, else one from the store. */
    @Override
    public Optional<Slot> acquire(String provider, String holder, Instant now, Instant leaseUntil) {
        turn.acquireUninterruptibly();
        boolean holding = false;
        try {
            Slot slot = kept.get(provider);
            if (slot == null) {
                giveBack(); // another provider's slot is no use to this call, and others may be waiting for it
                slot = store.acquire(provider, holder, now, leaseUntil).orElse(null);
                if (slot != null) kept.put(provider, slot);
            }
            holding = slot != null;
            return Optional.ofNullable(slot);
        } finally {
            if (!holding) turn.release();
        }
    }

    /** Whether this invocation keeps a slot of the provider: a take waits for the turn, and finds it. */
    @Override
    public boolean keeps(String provider) {
        return kept.containsKey(provider);
    }

    /** Ends the call's turn; the store's slot stays kept for the batch's next task. */
    @Override
    public void release(Slot slot) {
        turn.release();
    }

    /** Gives the kept slots back to the store, once the batch's tasks are done. */
    @Override
    public void close() {
        turn.acquireUninterruptibly();
        try {
            giveBack();
        } finally {
            turn.release();
        }
    }

    private void giveBack() {
        try {
            kept.values().forEach(store::release);
        } finally {
            kept.clear();
        }
    }
}
