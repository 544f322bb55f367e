package io.atelier.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Caps the calls in flight per provider. A slot is a lease: it is held until released or until its lease passes,
 * so the slot of a worker that died frees itself. A provider without a cap hands out slots without any bookkeeping.
 */
public interface ProviderSlots {

    /** A held slot; {@code index} is negative for a provider without a cap. */
    record Slot(String provider, int index, String holder) {
        public boolean limited() {
            return index >= 0;
        }
    }

    /** A free (or expired) slot of the provider for {@code holder} until {@code leaseUntil}; empty when all are taken. */
    Optional<Slot> acquire(String provider, String holder, Instant now, Instant leaseUntil);

    /** Gives the slot back, if this holder still has it. */
    void release(Slot slot);

    /**
     * Whether {@code holder}'s task may be claimed before its take, because a slot of the provider is set aside for the
     * caller already and taking it would only wait for the caller's own call before it (see the worker's batches), not
     * find none free. A true answer is a turn: the holder then takes with {@link #acquire} or gives it up with
     * {@link #withdraw}.
     */
    default boolean claimsFirst(String provider, String holder) {
        return false;
    }

    /** Gives up a turn {@link #claimsFirst} gave or a take it let go first, when the holder will not take after all. */
    default void withdraw(String provider, String holder) {}

    /** No caps at all. */
    ProviderSlots UNLIMITED = new ProviderSlots() {
        @Override
        public Optional<Slot> acquire(String provider, String holder, Instant now, Instant leaseUntil) {
            return Optional.of(new Slot(provider, -1, holder));
        }

        @Override
        public void release(Slot slot) {}
    };
}
