package io.atelier.store;

import io.atelier.fakes.MemoryJobStore;

class MemoryJobStoreContractTest extends JobStoreContract {
    private final MemoryJobStore store = new MemoryJobStore();

    @Override
    protected JobStore store() {
        return store;
    }

    @Override
    protected UsageStore usage() {
        return store.usage;
    }
}
