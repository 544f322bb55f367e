package io.atelier.store;

import io.atelier.fakes.MemoryImageStore;

class MemoryImageStoreContractTest extends ImageStoreContract {
    private final MemoryImageStore store = new MemoryImageStore();

    @Override
    protected ImageStore store() {
        return store;
    }
}
