package io.atelier.fakes;

import io.atelier.store.IdempotencyKey;
import io.atelier.store.ImportRecords;
import io.atelier.store.KeyedJob;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Imports in memory, their idempotency keys in a {@link MemoryJobStore}'s key space (one key is one POST /jobs,
 * whichever its inputs), with the DynamoDB store's conditional semantics.
 */
public final class MemoryImportRecords implements ImportRecords {
    public final Map<String, ImportRecord> records = new ConcurrentHashMap<>();
    private final MemoryJobStore keys;

    public MemoryImportRecords() {
        this(new MemoryJobStore());
    }

    public MemoryImportRecords(MemoryJobStore keys) {
        this.keys = keys;
    }

    @Override
    public void create(ImportRecord record) {
        if (records.putIfAbsent(record.importId(), record) != null)
            throw new IllegalStateException("import " + record.importId() + " exists");
    }

    @Override
    public KeyedJob create(ImportRecord record, IdempotencyKey key) {
        synchronized (keys) { // the key and the import in one step, as the DynamoDB store's transaction
            if (key == null) {
                create(record);
                return KeyedJob.ofImport(record.importId(), null);
            }
            KeyedJob mine = KeyedJob.ofImport(record.importId(), key.requestHash());
            KeyedJob holder = keys.claim(record.owner(), key, mine, record.createdAt());
            if (holder.equals(mine)) create(record);
            return holder;
        }
    }

    @Override
    public Optional<KeyedJob> findIdempotencyKey(String owner, String key, Instant now) {
        return keys.findIdempotencyKey(owner, key, now);
    }

    @Override
    public Optional<ImportRecord> find(String owner, String importId) {
        return Optional.ofNullable(records.get(importId)).filter(r -> r.owner().equals(owner));
    }

    @Override
    public synchronized boolean advance(ImportRecord next, int expectedPages) {
        if (records.get(next.importId()).pages() != expectedPages) return false;
        records.put(next.importId(), next);
        return true;
    }
}
