package io.atelier.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.model.Ids;
import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.model.Placement;
import io.atelier.model.Project;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every ImageStore must do with projects and SKUs; run against the in-memory fake and DynamoDB Local. */
public abstract class ImageStoreContract {
    private final Instant now = Instant.parse("2026-12-02T04:00:00Z");

    protected abstract ImageStore store();

    @Test
    void uploadsFiledInAProjectAreListedPerProjectAndPerSku() {
        String owner = "owner-" + Ids.ulid();
        ImageRecord a1 = image(owner, "shoes", "SKU-1", "main");
        ImageRecord a2 = image(owner, "shoes", "SKU-1", "extra-1");
        ImageRecord b1 = image(owner, "shoes", "SKU-2", "main");
        ImageRecord other = image(owner, "bags", "SKU-1", "main");
        ImageRecord loose = image(owner, null, null, null);
        store().createPending(List.of(a1, a2, b1, other, loose));

        assertThat(store().projects(owner))
                .extracting(Project::projectId, Project::images)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("bags", 1L),
                        org.assertj.core.groups.Tuple.tuple("shoes", 3L));
        assertThat(ids(store().listInProject(owner, "shoes", "SKU-1", new PageRequest(10, null))
                        .items()))
                .containsExactlyInAnyOrder(a1.imageId(), a2.imageId());
        assertThat(ids(store().listInProject(owner, "shoes", null, new PageRequest(10, null))
                        .items()))
                .containsExactly(a1.imageId(), a2.imageId(), b1.imageId());
        ImageRecord found = store().find(owner, a2.imageId()).orElseThrow();
        assertThat(found.placement()).isEqualTo(new Placement("shoes", "SKU-1", "extra-1"));
        assertThat(store().find(owner, loose.imageId()).orElseThrow().placement())
                .isEqualTo(Placement.NONE);
    }

    @Test
    void findAllReadsEveryOneOfManyImagesAndOnlyTheOwners() {
        String owner = "owner-" + Ids.ulid();
        List<ImageRecord> all = new ArrayList<>();
        for (int i = 0; i < 350; i++)
            all.add(image(owner, null, null, null)); // several batches of 100, read in parallel
        store().createPending(all);
        List<String> asked = new ArrayList<>(ids(all));
        asked.add(Ids.image());
        var found = store().findAll(owner, asked);
        assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(ids(all));
        assertThat(found.get(all.get(200).imageId()).name())
                .isEqualTo(all.get(200).name());
        assertThat(store().findAll("stranger-" + Ids.ulid(), asked)).isEmpty();
    }

    @Test
    void aSkuIsMatchedWholeNotAsAPrefix() {
        String owner = "owner-" + Ids.ulid();
        ImageRecord short_ = image(owner, "p", "SKU-1", "main");
        ImageRecord longer = image(owner, "p", "SKU-10", "main");
        store().createPending(List.of(short_, longer));
        assertThat(ids(store().listInProject(owner, "p", "SKU-1", new PageRequest(10, null))
                        .items()))
                .containsExactly(short_.imageId());
    }

    @Test
    void anotherUsersProjectDoesNotExist() {
        String owner = "owner-" + Ids.ulid();
        store().createPending(List.of(image(owner, "secret", "SKU-1", "main")));
        String stranger = "stranger-" + Ids.ulid();
        assertThat(store().projects(stranger)).isEmpty();
        assertThat(store().findProject(stranger, "secret")).isEmpty();
        assertThat(store().findProject(owner, "secret")).isPresent();
        assertThat(store().listInProject(stranger, "secret", null, new PageRequest(10, null))
                        .items())
                .isEmpty();
    }

    @Test
    void aProjectsImagesPageThroughOnceAndADeletedImageLeavesIt() {
        String owner = "owner-" + Ids.ulid();
        List<ImageRecord> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) all.add(image(owner, "p", "SKU-" + (i % 3), i < 3 ? "main" : "extra-" + i));
        store().createPending(all);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<ImageRecord> page = store().listInProject(owner, "p", null, new PageRequest(3, cursor));
            seen.addAll(ids(page.items()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates();

        store().delete(owner, all.get(0).imageId());
        assertThat(ids(store().listInProject(owner, "p", "SKU-0", new PageRequest(10, null))
                        .items()))
                .doesNotContain(all.get(0).imageId());
        assertThat(store().findProject(owner, "p").orElseThrow().images()).isEqualTo(6);
    }

    @Test
    void aCompletedCheckKeepsTheImagesPlacement() {
        String owner = "owner-" + Ids.ulid();
        ImageRecord pending = image(owner, "p", "SKU-1", "main");
        store().createPending(List.of(pending));
        ImageRecord checked = new ImageRecord(
                owner,
                pending.imageId(),
                pending.name(),
                ImageStatus.READY,
                "image/png",
                10,
                4,
                4,
                "abc",
                null,
                now,
                now.plusSeconds(1),
                null);
        assertThat(store().completeCheck(checked)).isTrue();
        assertThat(store().find(owner, pending.imageId()).orElseThrow().placement())
                .isEqualTo(new Placement("p", "SKU-1", "main"));
    }

    private ImageRecord image(String owner, String project, String sku, String role) {
        return new ImageRecord(
                owner,
                Ids.image(),
                "x.png",
                ImageStatus.PENDING,
                "image/png",
                10,
                null,
                null,
                null,
                null,
                now,
                now,
                null,
                null,
                new Placement(project, sku, role));
    }

    private static List<String> ids(List<ImageRecord> images) {
        return images.stream().map(ImageRecord::imageId).toList();
    }
}
