package io.atelier.core;

import io.atelier.store.ProviderSlots;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The provider slots of one worker invocation whose batch of tasks runs side by side. A slot taken from the store is
 * kept for the batch and passed from one task's call to the next, without a release and a take in between. A remote
 * provider's calls run side by side on as many slots as the store grants (so a small job whose messages all arrive in
 * one batch still runs in parallel); an in-process engine's run one at a time on one slot, since each holds a large
 * image in the worker's memory. The store's cap holds: each kept slot serves one call at a time. Closing gives them
 * back; a worker that dies keeps them until their leases pass, as before.
 */
public final class InvocationSlots implements ProviderSlots, AutoCloseable {
    /**
     * How long a task waits for one of the invocation's own slots before it asks the store for another: at the start of
     * a large job every invocation takes its first slot meanwhile (so none hoards the cap and leaves the others none),
     * while a small job whose messages all came in one batch still gets the free slots.
     */
    static final Duration MORE_AFTER = Duration.ofMillis(750);

    private final ProviderSlots store;
    private final Predicate<String> oneAtATime;
    /** Kept slots not in a call, by provider. */
    private final Map<String, Deque<Slot>> idle = new HashMap<>();
    /** Kept slots, idle or in a call, by provider. */
    private final Map<String, Integer> kept = new HashMap<>();
    /** The lane whose take the others' decisions wait for, by provider (see {@link #claimsFirst}). */
    private final Map<String, Turn> turns = new HashMap<>();
    /** Providers whose cap the store said was full: this batch goes on with the slots it keeps. */
    private final Set<String> capFull = new HashSet<>();

    /** A lane's turn: a task claimed before its take ({@code claimed}), or the batch's first take from the store. */
    private record Turn(String holder, boolean claimed) {}

    /** @param oneAtATime the providers whose calls run one at a time in an invocation (the in-process engine) */
    public InvocationSlots(ProviderSlots store, Predicate<String> oneAtATime) {
        this.store = store;
        this.oneAtATime = oneAtATime;
    }

    /**
     * A kept slot of the provider that is free, else (none kept yet, or {@link #MORE_AFTER} waited) a new one from the
     * store, else waits for one of the kept ones. While a lane has the provider's turn, a freed slot is its.
     */
    @Override
    public synchronized Optional<Slot> acquire(String provider, String holder, Instant now, Instant leaseUntil) {
        try {
            return take(provider, holder, now, leaseUntil);
        } finally {
            endTurn(provider, holder);
        }
    }

    private Optional<Slot> take(String provider, String holder, Instant now, Instant leaseUntil) {
        long moreFrom = System.nanoTime() + MORE_AFTER.toNanos();
        while (true) {
            Turn turn = turns.get(provider);
            Slot free = turn == null || turn.holder().equals(holder)
                    ? idle(provider).poll()
                    : null;
            if (free != null) return Optional.of(free);
            int keeps = kept.getOrDefault(provider, 0);
            boolean mayTakeMore = mayTakeMore(provider);
            long untilMore = moreFrom - System.nanoTime();
            if (keeps == 0 || (mayTakeMore && untilMore <= 0)) {
                if (keeps == 0) giveBackIdleExcept(provider); // no use to this call; others may be waiting for them
                Optional<Slot> fresh = store.acquire(provider, holder, now, leaseUntil);
                if (fresh.isPresent()) {
                    kept.merge(provider, 1, Integer::sum);
                    return fresh;
                }
                capFull.add(provider);
                if (keeps == 0) return Optional.empty();
                mayTakeMore = false;
            }
            try {
                if (mayTakeMore) wait(Math.max(1, untilMore / 1_000_000));
                else wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /**
     * Whether the holder's task may be claimed now, while a call of this batch is in flight on the slot it will take
     * next: then its claim and input overlap that call. One lane has the provider's turn at a time: the task claimed
     * this way, or the first take from the store (whose answer decides whether the batch keeps a slot at all); the
     * others wait for it to take its slot before they decide. A remote provider's lanes do not wait for a claimed
     * turn: they go on to take a slot of their own (more may be granted).
     */
    @Override
    public synchronized boolean claimsFirst(String provider, String holder) {
        while (true) {
            Turn turn = turns.get(provider);
            if (turn != null && turn.claimed() && mayTakeMore(provider)) return false;
            if (turn == null) {
                boolean keeps = kept.getOrDefault(provider, 0) > 0;
                if (keeps && !idle(provider).isEmpty()) return false; // a free slot: nothing to overlap
                turns.put(provider, new Turn(holder, keeps));
                return keeps;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    @Override
    public synchronized void withdraw(String provider, String holder) {
        endTurn(provider, holder);
    }

    private void endTurn(String provider, String holder) {
        Turn turn = turns.get(provider);
        if (turn != null && turn.holder().equals(holder)) {
            turns.remove(provider);
            notifyAll();
        }
    }

    private boolean mayTakeMore(String provider) {
        return !oneAtATime.test(provider) && !capFull.contains(provider);
    }

    private Deque<Slot> idle(String provider) {
        return idle.computeIfAbsent(provider, p -> new ArrayDeque<>());
    }

    /** Ends the call; the store's slot stays kept for the batch's next task. */
    @Override
    public synchronized void release(Slot slot) {
        idle(slot.provider()).push(slot);
        notifyAll();
    }

    /** Gives the kept slots back to the store once the batch's calls have ended. */
    @Override
    public synchronized void close() {
        boolean interrupted = false;
        while (inCalls() > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        giveBackIdleExcept(null);
        if (interrupted) Thread.currentThread().interrupt();
    }

    private int inCalls() {
        int calls = 0;
        for (Map.Entry<String, Integer> entry : kept.entrySet()) {
            Deque<Slot> free = idle.get(entry.getKey());
            calls += entry.getValue() - (free == null ? 0 : free.size());
        }
        return calls;
    }

    private void giveBackIdleExcept(String provider) {
        for (Map.Entry<String, Deque<Slot>> entry : idle.entrySet()) {
            if (entry.getKey().equals(provider)) continue;
            try {
                entry.getValue().forEach(store::release);
            } finally {
                kept.merge(entry.getKey(), -entry.getValue().size(), Integer::sum);
                entry.getValue().clear();
                capFull.remove(entry.getKey());
            }
        }
    }
}
