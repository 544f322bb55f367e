package io.atelier.webhooks;

import io.atelier.fakes.MemoryJobStore;
import io.atelier.store.JobStore;
import io.atelier.store.JobStoreContract;
import io.atelier.store.UsageStore;

/** The webhook wrapper keeps the store's contract: every method (reviews, re-runs and fan-outs too) reaches the store. */
class NotifyingJobStoreContractTest extends JobStoreContract {
    private final MemoryJobStore memory = new MemoryJobStore();
    private final JobStore store = new NotifyingJobStore(memory, (message, delay) -> {});

    @Override
    protected JobStore store() {
        return store;
    }

    @Override
    protected UsageStore usage() {
        return memory.usage;
    }
}
