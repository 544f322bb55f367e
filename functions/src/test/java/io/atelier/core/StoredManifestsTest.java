package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.fakes.MemoryManifestStore;
import io.atelier.json.Json;
import io.atelier.model.FieldError;
import io.atelier.model.ImageStatus;
import io.atelier.model.Job;
import io.atelier.model.ManifestRecord;
import io.atelier.store.PageRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Manifests uploaded like images: offered, checked when their bytes land, named by id in a job, previewed. */
class StoredManifestsTest {
    private final CoreFixture fixture = new CoreFixture();
    private final MemoryManifestStore store = new MemoryManifestStore();
    private final StoredManifests manifests = new StoredManifests(store, fixture.blobs, fixture.clock);
    private final UploadService uploads =
            new UploadService(fixture.images, fixture.blobs, fixture.limits, fixture.clock, manifests);

    private JobService jobService() {
        return new JobService(
                fixture.jobs,
                fixture.images,
                fixture.queue,
                fixture.providers,
                fixture.limits,
                fixture.clock,
                new io.atelier.pricing.CostEstimator(io.atelier.pricing.PriceTable.defaults()),
                null,
                null,
                null,
                manifests,
                null);
    }

    /** POST /uploads for one manifest, its bytes PUT and the ObjectCreated event handled. */
    private ManifestRecord upload(String owner, String name, String contentType, byte[] bytes) throws Exception {
        var ticket = uploads.createUploads(
                        owner,
                        Json.tree("{\"files\":[{\"name\":" + Json.write(name) + ",\"contentType\":\"" + contentType
                                + "\",\"size\":" + bytes.length + "}]}"))
                .get(0);
        assertThat(ticket.image()).isNull();
        fixture.blobs.write(ticket.manifest().objectKey(), bytes, contentType);
        assertThat(StoredManifests.isManifestKey(ticket.manifest().objectKey())).isTrue();
        manifests.objectCreated(ticket.manifest().objectKey(), bytes.length);
        return manifests.get(owner, ticket.manifest().manifestId());
    }

    private Job submit(String owner, String manifestId) throws Exception {
        return jobService()
                .submit(
                        owner,
                        Json.tree("{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2},"
                                + "\"outputName\":\"{sku}/{customId}.{ext}\",\"manifest\":{\"id\":\"" + manifestId
                                + "\"}}"),
                        Optional.empty());
    }

    @Test
    void anUploadedCsvIsCheckedAndRunsByItsId() throws Exception {
        String a = fixture.readyImage("u", 8, 8);
        String b = fixture.readyImage("u", 8, 8);
        String csv = "image,sku,customId\n" + a + ".png,sku-1,front\n" + b + ",sku-2,back\n";
        ManifestRecord manifest = upload("u", "rows.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(manifest.status()).isEqualTo(ImageStatus.READY);
        assertThat(manifest.rows()).isEqualTo(2);
        assertThat(manifest.format()).isEqualTo("csv");

        var preview = manifests.preview("u", manifest.manifestId());
        assertThat(preview.rows()).hasSize(2);
        assertThat(preview.rows().get(0))
                .containsEntry("row", 2)
                .containsEntry("image", a + ".png")
                .containsEntry("sku", "sku-1");

        Job job = submit("u", manifest.manifestId());
        assertThat(job.outputName()).isEqualTo("{sku}/{customId}.{ext}");
        var tasks = fixture.jobs
                .listTasks(job.jobId(), null, new PageRequest(10, null))
                .items();
        assertThat(tasks).extracting(task -> task.customId()).containsExactlyInAnyOrder("front", "back");
        assertThat(fixture.queue.sent).hasSize(2);
    }

    @Test
    void anotherUsersManifestIsNotFoundAndARejectedOneIsA400NamingIt() throws Exception {
        fixture.readyImage("u", 8, 8);
        ManifestRecord theirs = upload("other", "theirs.csv", "text/csv", "image\nx.png\n".getBytes());
        assertThatThrownBy(() -> submit("u", theirs.manifestId())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> manifests.preview("u", theirs.manifestId())).isInstanceOf(NotFoundException.class);

        StringBuilder tooMany = new StringBuilder("image\n");
        for (int i = 0; i < 100_000; i++) tooMany.append("a.png\n");
        ManifestRecord rejected =
                upload("u", "huge.csv", "text/csv", tooMany.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(rejected.status()).isEqualTo(ImageStatus.REJECTED);
        assertThat(rejected.reason()).contains("100000 rows").contains("at most 10000");
        assertThat(fixture.blobs.objects).doesNotContainKey(rejected.objectKey());
        assertThatThrownBy(() -> submit("u", rejected.manifestId()))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("manifest.id"));

        ManifestRecord notText = upload("u", "x.csv", "text/csv", new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        assertThat(notText.reason()).contains("not UTF-8");
        ManifestRecord unclosed = upload("u", "q.csv", "text/csv", "image\n\"open.png\n".getBytes());
        assertThat(unclosed.status()).isEqualTo(ImageStatus.REJECTED);
        assertThat(fixture.queue.sent).isEmpty();
    }

    @Test
    void aManifestOverTheSizeCapIsRefusedAtUploadNamingTheField() {
        assertThatThrownBy(() -> uploads.createUploads(
                        "u",
                        Json.tree("{\"files\":[{\"name\":\"big.csv\",\"contentType\":\"text/csv\",\"size\":"
                                + (20L << 20) + "}]}")))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("files[0].size"));
        assertThatThrownBy(() -> uploads.createUploads(
                        "u",
                        Json.tree("{\"files\":[{\"name\":\"a.txt\",\"contentType\":\"text/plain\",\"size\":10}]}")))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("files[0].contentType"));
    }

    @Test
    void aJsonlManifestAndItsRowProblemsNameTheRowAndColumn() throws Exception {
        String a = fixture.readyImage("u", 8, 8);
        String jsonl = "{\"image\":\"" + a + "\",\"prompt\":\"=HYPERLINK(1)\"}\n{\"image\":\"ghost.png\"}\n";
        ManifestRecord manifest = upload("u", "rows.jsonl", "application/x-ndjson", jsonl.getBytes());
        assertThat(manifest.status()).isEqualTo(ImageStatus.READY);
        assertThatThrownBy(() -> submit("u", manifest.manifestId()))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("row 1, prompt", "row 2, image"));
        // The dry run answers the same problems: the preview shows them on their rows.
        assertThatThrownBy(() -> jobService()
                        .dryRun(
                                "u",
                                Json.tree("{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2},"
                                        + "\"dryRun\":true,\"manifest\":{\"id\":\"" + manifest.manifestId() + "\"}}")))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("row 1, prompt", "row 2, image"));
        assertThat(List.copyOf(fixture.queue.sent)).isEmpty();
    }

    @Test
    void theNamePatternsDryRunShowsWhereEachFileWouldBeFiled() throws Exception {
        var placed = uploads.place(Json.tree("{\"project\":\"spring\",\"namePattern\":\"{sku}-{role}.jpg\",\"files\":["
                + "{\"name\":\"sku-104-front.jpg\",\"contentType\":\"image/jpeg\",\"size\":10},"
                + "{\"name\":\"loose.jpg\",\"contentType\":\"image/jpeg\",\"size\":10}]}"));
        assertThat(placed.get(0).placement().sku()).isEqualTo("sku-104");
        assertThat(placed.get(0).placement().role()).isEqualTo("front");
        assertThat(placed.get(0).errors()).isEmpty();
        assertThat(placed.get(1).errors()).extracting(FieldError::field).containsExactly("files[1].name");
        assertThat(fixture.images.list("u", new PageRequest(10, null)).items()).isEmpty();
    }
}
