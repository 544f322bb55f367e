package io.atelier.local.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The object versions an S3 notifier has delivered (handled, or dropped after its retries), optionally kept in an
 * append-only file: a restarted stack then notifies only what changed while it was down or was still in delivery
 * when it stopped, instead of every object again. One {@code version TAB key} line per delivery; the last wins.
 */
final class NotifiedObjects {

    private final Path file;
    private final Map<String, String> versions = new HashMap<>();

    private NotifiedObjects(Path file) {
        this.file = file;
    }

    static NotifiedObjects inMemory() {
        return new NotifiedObjects(null);
    }

    static NotifiedObjects persistedIn(Path file) {
        NotifiedObjects notified = new NotifiedObjects(file);
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        notified.versions.put(line.substring(tab + 1), line.substring(0, tab));
                    }
                }
            } else {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return notified;
    }

    synchronized Map<String, String> delivered() {
        return Map.copyOf(versions);
    }

    /** Kept only with a file: within one run the notifier's own memory is enough. */
    synchronized void record(String key, String version) {
        if (file != null) {
            versions.put(key, version);
            write(line(key, version), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** Forgets the objects that are gone, so the file does not grow with every object ever seen. */
    synchronized void retainOnly(Set<String> existingKeys) {
        if (!versions.keySet().retainAll(existingKeys) || file == null) {
            return;
        }
        StringBuilder all = new StringBuilder();
        versions.forEach((key, version) -> all.append(line(key, version)));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, all, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file, e);
        }
    }

    private static String line(String key, String version) {
        return version + '\t' + key + '\n';
    }

    private void write(String text, StandardOpenOption... options) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
