package io.atelier.store;

import io.atelier.model.ImageRecord;
import io.atelier.model.Project;
import java.util.List;
import java.util.Optional;

/** The caller's images. Every lookup takes the owner: another user's image simply does not exist. */
public interface ImageStore {
    /** Stores new images; those with a project also file it (created on first use) and count themselves in it. */
    void createPending(List<ImageRecord> images);

    /** The caller's projects, by name. */
    List<Project> projects(String owner);

    Optional<Project> findProject(String owner, String projectId);

    /** The images of one project, ordered by SKU then upload; {@code sku} null means every SKU. */
    Page<ImageRecord> listInProject(String owner, String projectId, String sku, PageRequest page);

    Optional<ImageRecord> find(String owner, String imageId);

    /** The caller's images among {@code imageIds}, by id; ids of others' or unknown images are simply absent. */
    java.util.Map<String, ImageRecord> findAll(String owner, java.util.Collection<String> imageIds);

    Page<ImageRecord> list(String owner, PageRequest page);

    /** Moves a PENDING image to READY or REJECTED; false if it was no longer pending (a duplicate event). */
    boolean completeCheck(ImageRecord checked);

    /** READY → REJECTED when checked bytes were replaced; false if the image is no longer READY. */
    boolean revokeCheck(ImageRecord rejected);

    void delete(String owner, String imageId);
}
