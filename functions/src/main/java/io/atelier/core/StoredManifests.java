package io.atelier.core;

import io.atelier.model.ImageStatus;
import io.atelier.model.ManifestRecord;
import io.atelier.store.BlobStore;
import io.atelier.store.ManifestStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Manifests uploaded like images ({@code POST /uploads} with {@code text/csv} or {@code application/x-ndjson}): their
 * check when the bytes land, and their text for {@code POST /jobs {"manifest": {"id": "man_…"}}} and the preview.
 */
public final class StoredManifests {
    /** Rows shown in a preview; the job itself takes every row. */
    public static final int PREVIEW_ROWS = 500;

    private final ManifestStore manifests;
    private final BlobStore blobs;
    private final Clock clock;

    public StoredManifests(ManifestStore manifests, BlobStore blobs, Clock clock) {
        this.manifests = manifests;
        this.blobs = blobs;
        this.clock = clock;
    }

    /** The manifest format a content type uploads, if it is one. */
    public static Optional<Manifests.Format> formatOf(String contentType) {
        if (contentType == null) return Optional.empty();
        return switch (contentType.toLowerCase(Locale.ROOT)) {
            case "text/csv" -> Optional.of(Manifests.Format.CSV);
            case "application/x-ndjson", "application/jsonl" -> Optional.of(Manifests.Format.JSONL);
            default -> Optional.empty();
        };
    }

    /** Whether an uploaded object is a manifest's ({@code uploads/<owner>/man_…}) rather than an image's. */
    public static boolean isManifestKey(String key) {
        return UploadCheck.ownerAndImage(key)
                .map(parts -> parts[1].startsWith(io.atelier.model.Ids.MANIFEST + "_"))
                .orElse(false);
    }

    public void createPending(ManifestRecord manifest) {
        manifests.createPending(manifest);
    }

    public ManifestRecord get(String owner, String manifestId) {
        return manifests.find(owner, manifestId).orElseThrow(() -> new NotFoundException("Manifest " + manifestId));
    }

    /**
     * ObjectCreated: READY with its row count when the bytes are UTF-8 text of at most {@link Manifests#MAX_BYTES} that
     * reads as CSV or JSONL rows, no more than {@link Manifests#MAX_ROWS}; otherwise REJECTED with the reason, and the
     * bytes deleted. What the rows say (images, cells) is checked against the job that names the manifest.
     */
    public void objectCreated(String key, long size) {
        String[] parts = UploadCheck.ownerAndImage(key).orElseThrow();
        Optional<ManifestRecord> found = manifests.find(parts[0], parts[1]);
        if (found.isEmpty()) {
            blobs.delete(key);
            return;
        }
        ManifestRecord manifest = found.get();
        if (manifest.status() != ImageStatus.PENDING) return;
        String reason = null;
        Integer rows = null;
        long bytes = size;
        if (size > Manifests.MAX_BYTES) reason = tooLarge(size);
        else {
            byte[] content = readAtMost(key, Manifests.MAX_BYTES + 1);
            bytes = content.length;
            Optional<String> text = utf8(content);
            if (content.length > Manifests.MAX_BYTES) reason = tooLarge(content.length);
            else if (text.isEmpty()) reason = "The file is not UTF-8 text; save the manifest as UTF-8 CSV or JSONL.";
            else {
                Manifests.Read read = Manifests.read(text.get(), format(manifest));
                rows = read.rowCount();
                Optional<String> unreadable = read.errors().stream()
                        .filter(error -> error.field().equals("manifest"))
                        .map(error -> "The manifest cannot be read: " + error.message())
                        .findFirst();
                if (unreadable.isPresent()) reason = unreadable.get();
                else if (rows == 0) reason = "The manifest has no rows.";
                else if (rows > Manifests.MAX_ROWS)
                    reason = "The manifest has " + rows + " rows; at most " + Manifests.MAX_ROWS
                            + " per job. Split it into several manifests.";
            }
        }
        ImageStatus status = reason == null ? ImageStatus.READY : ImageStatus.REJECTED;
        if (reason != null) blobs.delete(key);
        manifests.completeCheck(manifest.checked(status, bytes, rows, reason, clock.instant()));
    }

    /** A READY manifest's format and text, for a job; another user's is not found, one that failed its check a 400. */
    Source forJob(String owner, String manifestId) {
        ManifestRecord manifest = get(owner, manifestId);
        if (manifest.status() == ImageStatus.REJECTED)
            throw new InvalidRequestException(
                    "manifest.id", "manifest " + manifestId + " was rejected: " + manifest.reason());
        if (manifest.status() != ImageStatus.READY)
            throw new InvalidRequestException(
                    "manifest.id", "manifest " + manifestId + " is still being checked; try again in a moment");
        return new Source(format(manifest), text(manifest));
    }

    record Source(Manifests.Format format, String text) {}

    /** A manifest with its first rows as the server reads them, for a preview before a job runs. */
    public record Preview(ManifestRecord manifest, List<Map<String, Object>> rows) {}

    public Preview preview(String owner, String manifestId) {
        ManifestRecord manifest = get(owner, manifestId);
        if (manifest.status() != ImageStatus.READY) return new Preview(manifest, List.of());
        Manifests.Read read = Manifests.read(text(manifest), format(manifest));
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < read.cells().size() && i < PREVIEW_ROWS; i++) {
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("row", read.rowNumbers().get(i));
            row.putAll(read.cells().get(i));
            rows.add(row);
        }
        return new Preview(manifest, rows);
    }

    private static Manifests.Format format(ManifestRecord manifest) {
        return Manifests.Format.valueOf(manifest.format().toUpperCase(Locale.ROOT));
    }

    private String text(ManifestRecord manifest) {
        return utf8(readAtMost(manifest.objectKey(), Manifests.MAX_BYTES + 1))
                .orElseThrow(() -> new IllegalStateException("A checked manifest is not UTF-8"));
    }

    private byte[] readAtMost(String key, int limit) {
        try (InputStream in = blobs.open(key)) {
            return in.readNBytes(limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String tooLarge(long size) {
        return "The file is " + (size >> 20) + " MiB; a manifest is at most " + (Manifests.MAX_BYTES >> 20) + " MiB.";
    }
}
