package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.model.Counts;
import io.atelier.model.Ids;
import io.atelier.model.Job;
import io.atelier.model.Step;
import io.atelier.model.Task;
import io.atelier.model.TaskInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Download all" past 65,535 entries: the zip must switch to ZIP64 (its end records), and still open in the tools a
 * catalogue team uses: Python's zipfile and Info-ZIP's unzip.
 */
class Zip64ArchiveTest {
    private static final int RESULTS = 65_600;
    private final CoreFixture fx = new CoreFixture();

    @Test
    void moreThan65535ResultsMakeAZip64ArchiveThatPythonAndUnzipOpen(@TempDir Path dir) throws Exception {
        String owner = "alice";
        String jobId = Ids.job();
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < RESULTS; i++)
            tasks.add(Task.queued(
                    owner,
                    jobId,
                    Ids.task(),
                    new Task.Work(
                            null,
                            new TaskInput(Ids.image(), "p" + i + ".png", "uploads/x", "image/png", 8, 8, null),
                            null,
                            Map.of(),
                            fx.now)));
        fx.jobs.create(
                new Job(
                        owner,
                        jobId,
                        "catalogue",
                        List.of(new Step("upscale", "local", null, null, Map.of("factor", 2))),
                        false,
                        Counts.allQueued(RESULTS),
                        false,
                        fx.now,
                        fx.now),
                tasks,
                null);
        for (Task task : tasks) ResultFixture.succeed(fx, task, new byte[] {(byte) 1}, "png");

        Archives.Archive archive =
                new Archives(fx.jobs, fx.blobs, fx.clock, fx.limits.downloadUrlTtl()).create(owner, jobId, null);
        assertThat(archive.count()).isEqualTo(RESULTS);
        Path zip = dir.resolve("all.zip");
        Files.write(zip, fx.blobs.objects.get(archive.key()));
        assertThat(indexOf(Files.readAllBytes(zip), new byte[] {0x50, 0x4b, 0x06, 0x06}))
                .as("ZIP64 end of central directory")
                .isPositive();

        String python = run(
                dir,
                "python3",
                "-c",
                "import sys, zipfile\n"
                        + "z = zipfile.ZipFile(sys.argv[1])\n"
                        + "names = z.namelist()\n"
                        + "assert z.testzip() is None\n"
                        + "print(len(names), z.read('p65599.png') == b'\\x01', 'manifest.csv' in names)",
                zip.toString());
        assertThat(python.strip()).isEqualTo((RESULTS + 1) + " True True");
        String unzip = run(dir, "unzip", "-tq", zip.toString());
        assertThat(unzip).contains("No errors detected");
    }

    private static String run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + ": " + output)
                .isZero();
        return output;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
