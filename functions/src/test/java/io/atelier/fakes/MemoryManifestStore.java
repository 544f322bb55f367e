package io.atelier.fakes;

import io.atelier.model.ImageStatus;
import io.atelier.model.ManifestRecord;
import io.atelier.store.ManifestStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A ManifestStore in memory for unit tests. */
public final class MemoryManifestStore implements ManifestStore {
    private final Map<String, ManifestRecord> manifests = new HashMap<>();

    @Override
    public synchronized void createPending(ManifestRecord manifest) {
        manifests.put(manifest.owner() + "|" + manifest.manifestId(), manifest);
    }

    @Override
    public synchronized Optional<ManifestRecord> find(String owner, String manifestId) {
        return Optional.ofNullable(manifests.get(owner + "|" + manifestId));
    }

    @Override
    public synchronized boolean completeCheck(ManifestRecord checked) {
        String key = checked.owner() + "|" + checked.manifestId();
        ManifestRecord old = manifests.get(key);
        if (old == null || old.status() != ImageStatus.PENDING) return false;
        manifests.put(key, checked);
        return true;
    }
}
