package io.atelier.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One log directory per start of the local stack, named by its start time ({@code 20261202-011904}), so that every
 * file in it (the runner's, each emulator's) begins at the same start and none continues a former run's. A
 * {@code latest} link points at the newest; only the last {@link #KEEP} are kept.
 */
final class RunLogDirs {
    static final int KEEP = 10;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern RUN = Pattern.compile("\\d{8}-\\d{6}(-\\d+)?");

    private RunLogDirs() {}

    /** Makes this start's directory under {@code base} (a suffix when two start in the same second). */
    static Path start(Path base, LocalDateTime now) {
        try {
            Files.createDirectories(base);
            Path dir = null;
            for (int n = 1; dir == null; n++) {
                Path candidate = base.resolve(STAMP.format(now) + (n == 1 ? "" : "-" + n));
                try {
                    dir = Files.createDirectory(candidate);
                } catch (FileAlreadyExistsException e) {
                    // taken by a start in the same second: try the next suffix
                }
            }
            pointLatestAt(base, dir);
            prune(base);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a log directory under " + base, e);
        }
    }

    /** Best effort: a file system without links still has the dated directories. */
    private static void pointLatestAt(Path base, Path dir) {
        Path latest = base.resolve("latest");
        try {
            Files.deleteIfExists(latest);
            Files.createSymbolicLink(latest, dir.getFileName());
        } catch (IOException | UnsupportedOperationException e) {
            // no link; the banner names the directory anyway
        }
    }

    private static void prune(Path base) throws IOException {
        List<Path> runs;
        try (Stream<Path> entries = Files.list(base)) {
            runs = entries.filter(p -> RUN.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString())
                            .reversed())
                    .toList();
        }
        for (Path old : runs.subList(Math.min(KEEP, runs.size()), runs.size())) deleteTree(old);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        }
    }
}
