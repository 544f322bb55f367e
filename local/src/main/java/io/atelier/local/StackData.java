package io.atelier.local;

import io.atelier.local.emulators.EmulatorData;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The directory the stack's emulators keep their data in. A chosen directory is persistent and locked while the
 * stack runs (a second runner on it would corrupt the databases); without one, a fresh temporary directory holds
 * the objects and is removed at {@link #close()}.
 */
final class StackData implements AutoCloseable {

    private static final String LOCK_FILE = ".lock";

    private final EmulatorData emulators;
    private final FileChannel lockChannel;

    private StackData(EmulatorData emulators, FileChannel lockChannel) {
        this.emulators = emulators;
        this.lockChannel = lockChannel;
    }

    /** {@code dir} null = temporary; {@code fresh} empties a chosen directory first. */
    static StackData open(Path dir, boolean fresh) throws IOException {
        if (dir == null) {
            return new StackData(new EmulatorData(Files.createTempDirectory("atelier-local-data"), false), null);
        }
        Path root = Files.createDirectories(dir).toAbsolutePath();
        FileChannel channel =
                FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("the data directory " + root + " is in use by another local stack");
        }
        if (fresh) {
            try (Stream<Path> children = Files.list(root)) {
                for (Path child : children.filter(
                                p -> !p.getFileName().toString().equals(LOCK_FILE))
                        .toList()) {
                    deleteTree(child);
                }
            }
        }
        return new StackData(new EmulatorData(root, true), channel);
    }

    EmulatorData emulators() {
        return emulators;
    }

    Path root() {
        return emulators.root();
    }

    boolean persistent() {
        return emulators.persistent();
    }

    /** Call after the emulators have stopped: releases the lock, or removes the temporary directory. */
    @Override
    public void close() throws IOException {
        if (lockChannel != null) {
            lockChannel.close();
        } else {
            deleteTree(emulators.root());
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
