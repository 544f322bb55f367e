package io.atelier.fakes;

import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.model.Project;
import io.atelier.store.ImageStore;
import io.atelier.store.Page;
import io.atelier.store.PageRequest;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** An ImageStore in memory for unit tests. */
public final class MemoryImageStore implements ImageStore {
    private final Map<String, ImageRecord> images = new HashMap<>();
    private final Map<String, Project> projects = new TreeMap<>();

    @Override
    public synchronized void createPending(List<ImageRecord> records) {
        for (ImageRecord image : records) {
            put(image);
            if (image.placement().inProject())
                count(image.owner(), image.placement().project(), 1, image.createdAt());
        }
    }

    private void count(String owner, String projectId, long delta, Instant at) {
        Project old = projects.get(owner + "|" + projectId);
        projects.put(
                owner + "|" + projectId,
                old == null
                        ? new Project(owner, projectId, delta, at, at)
                        : new Project(owner, projectId, Math.max(0, old.images() + delta), old.createdAt(), at));
    }

    @Override
    public synchronized List<Project> projects(String owner) {
        return projects.values().stream()
                .filter(project -> project.owner().equals(owner))
                .toList();
    }

    @Override
    public synchronized Optional<Project> findProject(String owner, String projectId) {
        return Optional.ofNullable(projects.get(owner + "|" + projectId));
    }

    /** By SKU then id, as the DynamoDB member items sort; the cursor is the index of the next image. */
    @Override
    public synchronized Page<ImageRecord> listInProject(String owner, String projectId, String sku, PageRequest page) {
        List<ImageRecord> all = images.values().stream()
                .filter(image -> image.owner().equals(owner)
                        && projectId.equals(image.placement().project()))
                .filter(image -> sku == null || sku.equals(image.placement().sku()))
                .sorted(Comparator.comparing((ImageRecord image) ->
                                Objects.toString(image.placement().sku(), ""))
                        .thenComparing(ImageRecord::imageId))
                .toList();
        int from = page.cursor() == null ? 0 : cursor(page.cursor());
        int to = Math.min(all.size(), from + page.limit());
        return new Page<>(all.subList(from, to), to < all.size() ? String.valueOf(to) : null);
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
        return new Page<>(
                images.values().stream()
                        .filter(image -> image.owner().equals(owner))
                        .limit(page.limit())
                        .toList(),
                null);
    }

    private static int cursor(String cursor) {
        try {
            return Integer.parseInt(cursor);
        } catch (NumberFormatException e) {
            throw new io.atelier.store.InvalidCursorException();
        }
    }

    @Override
    public synchronized boolean completeCheck(ImageRecord checked) {
        ImageRecord current = images.get(checked.owner() + "|" + checked.imageId());
        if (current == null || current.status() != ImageStatus.PENDING) return false;
        put(checked.withPlacement(current.placement()));
        return true;
    }

    @Override
    public synchronized boolean revokeCheck(ImageRecord rejected) {
        ImageRecord current = images.get(rejected.owner() + "|" + rejected.imageId());
        if (current == null || current.status() != ImageStatus.READY) return false;
        put(rejected.withPlacement(current.placement()));
        return true;
    }

    @Override
    public synchronized void delete(String owner, String imageId) {
        ImageRecord removed = images.remove(owner + "|" + imageId);
        if (removed != null && removed.placement().inProject())
            count(owner, removed.placement().project(), -1, removed.updatedAt());
    }
}
