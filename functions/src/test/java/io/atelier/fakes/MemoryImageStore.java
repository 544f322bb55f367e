package io.atelier.fakes;

import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.store.ImageStore;
import io.atelier.store.Page;
import io.atelier.store.PageRequest;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An ImageStore in memory for unit tests. */
public final class MemoryImageStore implements ImageStore {
    private final Map<String, ImageRecord> images = new HashMap<>();

    @Override
    public synchronized void createPending(List<ImageRecord> records) {
        records.forEach(this::put);
    }

    public synchronized void put(ImageRecord image) {
        images.put(image.owner() + "|" + image.imageId(), image);
    }

    @Override
    public synchronized Optional<ImageRecord> find(String owner, String imageId) {
        return Optional.ofNullable(images.get(owner + "|" + imageId));
    }

    @Override
    public synchronized Map<String, ImageRecord> findAll(String owner, Collection<String> imageIds) {
        Map<String, ImageRecord> found = new HashMap<>();
        imageIds.forEach(id -> find(owner, id).ifPresent(image -> found.put(id, image)));
        return found;
    }

    @Override
    public synchronized Page<ImageRecord> list(String owner, PageRequest page) {
        return new Page<>(images.values().stream().filter(image -> image.owner().equals(owner)).limit(page.limit()).toList(), null);
    }

    @Override
    public synchronized boolean completeCheck(ImageRecord checked) {
        ImageRecord current = images.get(checked.owner() + "|" + checked.imageId());
        if (current == null || current.status() != ImageStatus.PENDING) return false;
        put(checked);
        return true;
    }

    @Override
    public synchronized boolean revokeCheck(ImageRecord rejected) {
        ImageRecord current = images.get(rejected.owner() + "|" + rejected.imageId());
        if (current == null || current.status() != ImageStatus.READY) return false;
        put(rejected);
        return true;
    }

    @Override
    public synchronized void delete(String owner, String imageId) {
        images.remove(owner + "|" + imageId);
    }
}
