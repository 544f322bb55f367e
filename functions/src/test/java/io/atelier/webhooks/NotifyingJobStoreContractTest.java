package io.atelier.webhooks;

import io.atelier.fakes.MemoryJobStore;
import io.atelier.store.JobStore;
import io.atelier.store.JobStoreContract;

/** The webhook wrapper keeps the store's contract: every method (reviews, re-runs and fan-outs too) reaches the store. */
class NotifyingJobStoreContractTest extends JobStoreContract {
    private final JobStore store = new NotifyingJobStore(new MemoryJobStore(), (message, delay) -> {});

    @Override
    protected JobStore store() {
        return store;
    }
}
