package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.json.Json;
import io.atelier.model.Job;
import io.atelier.model.Task;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** POST /jobs/{jobId}/archive over in-memory ports: names, manifest, filters, refusals, and streaming in parts. */
class ArchivesTest {
    private final CoreFixture fx = new CoreFixture();

    private Archives archives() {
        return new Archives(fx.jobs, fx.blobs, fx.clock, fx.limits.downloadUrlTtl());
    }

    @Test
    void resultsAreNamedAfterTheirOriginalsAndTheManifestListsEveryTask() throws Exception {
        Job job = ResultFixture.job(
                fx, "alice", "a.png", "a.png", "A.jpg", "../evil/x:y.png", "b, \"c\".webp", "f.png", "q.png");
        List<Task> tasks = ResultFixture.tasks(fx, job);
        Map<String, byte[]> expected = new LinkedHashMap<>();
        String[] names = {"a.png", "a (2).png", "A (3).png", "x_y.png", "b, _c_.png"};
        for (int i = 0; i < 5; i++) {
            byte[] bytes = random(1000 + i, i);
            ResultFixture.succeed(fx, tasks.get(i), bytes, "png");
            expected.put(names[i], bytes);
        }
        ResultFixture.fail(fx, tasks.get(5), "refused, politely");

        Archives.Archive archive = archives().create("alice", job.jobId(), null);
        assertThat(archive.key())
                .startsWith("archives/alice/" + job.jobId() + "/arc_")
                .endsWith(".zip");
        assertThat(archive.name()).isEqualTo("upscale · 7 images.zip");
        assertThat(archive.count()).isEqualTo(5);
        byte[] zip = fx.blobs.objects.get(archive.key());
        assertThat(archive.size()).isEqualTo(zip.length);
        assertThat(archive.expiresAt()).isEqualTo(fx.now.plus(fx.limits.downloadUrlTtl()));

        Map<String, byte[]> entries = unzip(zip);
        assertThat(entries.keySet())
                .containsExactly("a.png", "a (2).png", "A (3).png", "x_y.png", "b, _c_.png", "manifest.csv");
        expected.forEach((name, bytes) -> assertThat(entries.get(name)).as(name).isEqualTo(bytes));

        List<List<String>> rows = parseCsv(new String(entries.get("manifest.csv"), StandardCharsets.UTF_8));
        assertThat(rows.get(0))
                .containsExactly(
                        "task",
                        "customId",
                        "original name",
                        "status",
                        "provider",
                        "model",
                        "width",
                        "height",
                        "size",
                        "file",
                        "review",
                        "error",
                        "checks",
                        "failed checks");
        assertThat(rows).hasSize(8);
        assertThat(rows.get(1))
                .containsExactly(
                        tasks.get(0).taskId(),
                        "",
                        "a.png",
                        "SUCCEEDED",
                        "local",
                        "",
                        "16",
                        "16",
                        "1000",
                        "a.png",
                        "",
                        "",
                        "",
                        "");
        assertThat(rows.get(5).get(2)).isEqualTo("b, \"c\".webp");
        assertThat(rows.get(5).get(9)).isEqualTo("b, _c_.png");
        assertThat(rows.get(6))
                .containsExactly(
                        tasks.get(5).taskId(),
                        "",
                        "f.png",
                        "FAILED",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "provider_refused: refused, politely",
                        "",
                        "");
        assertThat(rows.get(7).subList(2, 4)).containsExactly("q.png", "QUEUED");
        assertThat(fx.blobs.wholeReads).hasValue(0);
    }

    @Test
    void onlyApprovedResults() throws Exception {
        Job job = ResultFixture.job(fx, "alice", "a.png", "b.png");
        List<Task> tasks = ResultFixture.tasks(fx, job);
        ResultFixture.succeed(fx, tasks.get(0), random(10, 1), "png");
        ResultFixture.succeed(fx, tasks.get(1), random(10, 2), "png");
        problem(
                ConflictException.class,
                () -> archives().create("alice", job.jobId(), Json.tree("{\"only\":\"approved\"}")));

        fx.jobService().review("alice", job.jobId(), tasks.get(1).taskId(), Json.tree("{\"decision\":\"approve\"}"));
        fx.jobService().review("alice", job.jobId(), tasks.get(0).taskId(), Json.tree("{\"decision\":\"reject\"}"));
        Archives.Archive archive = archives().create("alice", job.jobId(), Json.tree("{\"only\":\"approved\"}"));
        assertThat(archive.count()).isEqualTo(1);
        assertThat(archive.name()).endsWith(" (approved).zip");
        Map<String, byte[]> entries = unzip(fx.blobs.objects.get(archive.key()));
        assertThat(entries.keySet()).containsExactly("b.png", "manifest.csv");
        List<List<String>> rows = parseCsv(new String(entries.get("manifest.csv"), StandardCharsets.UTF_8));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).subList(9, 11)).containsExactly("", "reject");
        assertThat(rows.get(2).subList(9, 11)).containsExactly("b.png", "approve");

        InvalidRequestException bad = problem(
                InvalidRequestException.class,
                () -> archives().create("alice", job.jobId(), Json.tree("{\"only\":\"rejected\"}")));
        assertThat(bad.errors())
                .singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("only"));
    }

    @Test
    void nothingToDownloadIsAConflictAndAnotherUsersJobIsUnknown() throws Exception {
        Job job = ResultFixture.job(fx, "alice", "a.png");
        ConflictException none =
                problem(ConflictException.class, () -> archives().create("alice", job.jobId(), null));
        assertThat(none.getMessage()).isEqualTo("Job " + job.jobId() + " has no succeeded results to download yet.");
        ResultFixture.succeed(fx, ResultFixture.tasks(fx, job).get(0), random(10, 1), "png");
        problem(NotFoundException.class, () -> archives().create("bob", job.jobId(), null));
        problem(NotFoundException.class, () -> archives().create("alice", "job_nope", null));
        assertThat(fx.blobs.objects.keySet()).noneMatch(key -> key.startsWith("archives/"));
    }

    /** Results worth several parts go out as several parts of at least 5 MiB, and no result is ever read whole. */
    @Test
    void archivesAreStreamedInParts() throws Exception {
        Job job = ResultFixture.job(fx, "alice", "one.png", "two.png", "three.png");
        List<Task> tasks = ResultFixture.tasks(fx, job);
        for (int i = 0; i < 3; i++)
            ResultFixture.succeed(fx, tasks.get(i), random(6 << 20, i), "png"); // incompressible
        Archives.Archive archive = archives().create("alice", job.jobId(), null);

        List<Integer> parts = fx.blobs.uploadedParts.get(archive.key());
        assertThat(parts).hasSizeGreaterThanOrEqualTo(4);
        assertThat(parts.subList(0, parts.size() - 1))
                .allSatisfy(size -> assertThat(size).isEqualTo(fx.blobs.partSize));
        assertThat(archive.size())
                .isGreaterThan(18L << 20)
                .isEqualTo(parts.stream().mapToLong(Integer::longValue).sum());
        assertThat(archive.parts()).isEqualTo(parts.size());
        assertThat(fx.blobs.wholeReads).hasValue(0);
        String second = fx.jobs
                .findTask(job.jobId(), tasks.get(1).taskId())
                .orElseThrow()
                .output()
                .key();
        assertThat(unzip(fx.blobs.objects.get(archive.key())).get("two.png")).isEqualTo(fx.blobs.objects.get(second));
    }

    @Test
    void csvFieldsAreQuotedAsRfc4180SaysAndFormulasDefused() {
        assertThat(new Csv()
                        .row(List.of("plain", "a,b", "say \"hi\"", "two\nlines", 42))
                        .toString())
                .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",42\r\n");
        assertThat(Csv.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(Csv.field(-3)).isEqualTo("-3");
        assertThat(Csv.field(null)).isEmpty();
    }

    @Test
    void archiveNamesAreSafeAndUnique() {
        ArchiveNames names = new ArchiveNames();
        names.reserve("manifest.csv");
        assertThat(names.next("C:\\photos\\sku 1.JPG", "x", "png")).isEqualTo("sku 1.png");
        assertThat(names.next("sku 1.png", "x", "png")).isEqualTo("sku 1 (2).png");
        assertThat(names.next("manifest.webp", "x", "csv")).isEqualTo("manifest (2).csv");
        assertThat(names.next("con.png", "x", "png")).isEqualTo("_con.png");
        assertThat(names.next("...", "tsk_1", "png")).isEqualTo("tsk_1.png");
        assertThat(names.next(null, null, "png")).isEqualTo("result.png");
        assertThat(names.next("a\u0000b|c?.png", "x", "png")).isEqualTo("a_b_c_.png");
        assertThat(names.next("x".repeat(300) + ".png", "x", "png")).hasSize(124);
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) entries.put(entry.getName(), in.readAllBytes());
        }
        return entries;
    }

    /** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                for (i++; ; i++) {
                    if (text.charAt(i) == '"') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            i++;
                            break;
                        }
                    } else field.append(text.charAt(i));
                }
                continue;
            }
            if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                i++;
                continue;
            }
            if (c == '\r' && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i += 2;
                continue;
            }
            field.append(c);
            i++;
        }
        assertThat(row).as("the last record ends with CRLF").isEmpty();
        return rows;
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static <E extends DomainException> E problem(Class<E> kind, TaskReviewTest.ThrowingCall call) {
        try {
            call.run();
        } catch (DomainException e) {
            assertThat(e).isInstanceOf(kind);
            return kind.cast(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no problem raised");
    }
}
