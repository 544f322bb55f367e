package io.atelier.store;

import io.atelier.fakes.MemoryUsageStore;

class MemoryUsageStoreContractTest extends UsageStoreContract {
    private final MemoryUsageStore usage = new MemoryUsageStore();

    @Override
    protected UsageStore usage() {
        return usage;
    }
}
