package io.atelier.core;

import io.atelier.store.BlobStore;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A task's own reads and writes of blobs, with storage faults turned into a typed {@link Unavailable} instead of an
 * exception that would crash the invocation and bring the message back silently. A result is written up to
 * {@link #WRITE_TRIES} times with short pauses: giving up the attempt instead would pay the provider again for it.
 */
final class StorageTries {
    static final int WRITE_TRIES = 3;
    /** Pauses between write tries: short, since the storage client has already retried each call itself. */
    private static final List<Duration> PAUSES = List.of(Duration.ofMillis(200), Duration.ofMillis(800));

    private StorageTries() {}

    /** The storage answered with an error, or not at all; the message is safe to show ("after 3 tries"). */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, RuntimeException cause) {
            super(message, cause);
        }
    }

    /** One read; an object that does not exist is the caller's case ({@link NoSuchElementException}), not a fault. */
    static byte[] read(BlobStore blobs, String key) throws Unavailable {
        try {
            return blobs.read(key);
        } catch (NoSuchElementException | IllegalArgumentException e) {
            throw e; // a missing object is the caller's case; a bad argument is a bug, not an outage
        } catch (RuntimeException e) {
            throw new Unavailable("storage unavailable", e);
        }
    }

    static void write(BlobStore blobs, String key, byte[] bytes, String contentType) throws Unavailable {
        RuntimeException last = null;
        for (int tryNumber = 1; tryNumber <= WRITE_TRIES; tryNumber++) {
            try {
                blobs.write(key, bytes, contentType);
                return;
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException e) {
                last = e;
                if (tryNumber < WRITE_TRIES) pause(PAUSES.get(Math.min(tryNumber, PAUSES.size()) - 1));
            }
        }
        throw new Unavailable("storage unavailable after " + WRITE_TRIES + " tries", last);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
