package io.atelier.store;

import io.atelier.model.ManifestRecord;
import java.util.Optional;

/** A person's uploaded manifests; reached only through the owner. */
public interface ManifestStore {
    void createPending(ManifestRecord manifest);

    Optional<ManifestRecord> find(String owner, String manifestId);

    /** Records the check's outcome on a PENDING manifest; false (nothing changed) if it is no longer PENDING. */
    boolean completeCheck(ManifestRecord checked);
}
