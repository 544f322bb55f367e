package io.atelier.store;

import io.atelier.model.JobPreset;
import java.util.List;
import java.util.Optional;

/** A person's saved job presets; reached only through the owner. */
public interface PresetStore {
    List<JobPreset> list(String owner);

    Optional<JobPreset> find(String owner, String presetId);

    /** Creates or replaces the preset. */
    void put(JobPreset preset);

    /** False if the owner has no such preset. */
    boolean delete(String owner, String presetId);
}
