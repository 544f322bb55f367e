package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.http.Representations;
import io.atelier.model.Job;
import io.atelier.model.Task;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** Names stored before upload names were checked still never carry a control or direction character out. */
class StoredNamesTest {
    private static final String HOSTILE = "cat\r\nX-Evil: 1\u0000\u0085\u202Egnp.exe\u2066.png";
    private final CoreFixture fx = new CoreFixture();

    @Test
    void jsonAnswersShowTheNameWithoutControlCharacters() {
        String id = ResultFixture.image(fx, "alice", HOSTILE);
        Representations views = new Representations(fx.blobs, Duration.ofHours(1));
        String name =
                (String) views.image(fx.images.find("alice", id).orElseThrow()).get("name");
        assertThat(name).isEqualTo("cat__X-Evil: 1___gnp.exe_.png");
    }

    @Test
    void theManifestAndZipEntriesHoldNoControlCharacters() throws Exception {
        Job job = ResultFixture.job(fx, "alice", HOSTILE);
        Task task = ResultFixture.tasks(fx, job).get(0);
        ResultFixture.succeed(fx, task, new byte[] {1, 2, 3}, "png");
        Archives.Archive archive =
                new Archives(fx.jobs, fx.blobs, fx.clock, Duration.ofHours(1)).create("alice", job.jobId(), null);
        List<String> names = new ArrayList<>();
        String manifest = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(fx.blobs.objects.get(archive.key())))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                names.add(entry.getName());
                if (entry.getName().equals("manifest.csv"))
                    manifest = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        assertThat(names)
                .allSatisfy(name -> assertThat(FileNames.INVISIBLE.matcher(name).find())
                        .as(name)
                        .isFalse());
        assertThat(manifest.split("\r\n")).hasSize(2); // header and one row: the name's CR/LF did not add lines
        assertThat(FileNames.INVISIBLE.matcher(manifest.replace("\r\n", "")).find())
                .isFalse();
    }

    @Test
    void uploadNamesFollowTheRule() {
        assertThat(FileNames.problem("holiday photo.png")).isEmpty();
        assertThat(FileNames.problem("日本語の写真.png")).isEmpty();
        assertThat(FileNames.problem("a".repeat(251) + ".png")).isEmpty();
        for (String bad : List.of(
                "a/b.png",
                "..\\b.png",
                "..",
                ".",
                "a\u0000.png",
                "a\r\n.png",
                "a\u0085.png",
                "a\u007F.png",
                "evil\u202Egnp.exe",
                "a\u2067b.png",
                "\uD800.png",
                "é".repeat(128) + ".png",
                " ")) assertThat(FileNames.problem(bad)).as(bad).isPresent();
    }
}
