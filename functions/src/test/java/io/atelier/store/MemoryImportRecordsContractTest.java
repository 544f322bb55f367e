package io.atelier.store;

import io.atelier.fakes.MemoryImportRecords;
import io.atelier.fakes.MemoryJobStore;

class MemoryImportRecordsContractTest extends ImportRecordsContract {
    private final MemoryJobStore jobs = new MemoryJobStore();
    private final MemoryImportRecords records = new MemoryImportRecords(jobs);

    @Override
    protected ImportRecords records() {
        return records;
    }

    @Override
    protected JobStore jobs() {
        return jobs;
    }
}
