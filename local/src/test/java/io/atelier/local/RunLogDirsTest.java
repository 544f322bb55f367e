package io.atelier.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each start of the local stack logs into a fresh dated directory, so no file continues a former run's. */
class RunLogDirsTest {

    @TempDir
    Path base;

    @Test
    void everyStartGetsItsOwnDatedDirectoryAndLatestPointsAtIt() throws Exception {
        LocalDateTime at = LocalDateTime.of(2026, 12, 2, 1, 19, 4);
        Path first = RunLogDirs.start(base, at);
        Files.writeString(first.resolve("s3proxy.log"), "first run\n");
        Path second = RunLogDirs.start(base, at); // a second start within the same second
        assertThat(first.getFileName()).hasToString("20261202-011904");
        assertThat(second.getFileName()).hasToString("20261202-011904-2");
        assertThat(second.resolve("s3proxy.log")).doesNotExist();
        assertThat(base.resolve("latest").toRealPath()).isEqualTo(second.toRealPath());
    }

    @Test
    void onlyTheLastStartsAreKept() throws Exception {
        for (int i = 0; i < RunLogDirs.KEEP + 3; i++) {
            Files.writeString(
                    RunLogDirs.start(base, LocalDateTime.of(2026, 12, 2, 1, 0, i))
                            .resolve("runner.log"),
                    "x");
        }
        try (Stream<Path> runs = Files.list(base)) {
            assertThat(runs.map(p -> p.getFileName().toString())
                            .filter(n -> !n.equals("latest"))
                            .sorted()
                            .toList())
                    .hasSize(RunLogDirs.KEEP)
                    .first()
                    .isEqualTo("20261202-010003");
        }
    }
}
