package io.atelier.core;

import io.atelier.imaging.ImageHeader;
import io.atelier.imaging.ImageInspector;
import io.atelier.imaging.ImageRejectedException;
import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.model.Keys;
import io.atelier.store.BlobStore;
import io.atelier.store.ImageStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Checks freshly uploaded bytes: size first, then magic bytes and header dimensions (never decoding pixels, so a
 * decompression bomb is refused cheaply), then READY or REJECTED with a reason a person understands.
 */
public final class UploadCheck {
    private static final Logger LOG = Logger.getLogger(UploadCheck.class.getName());
    private final ImageStore images;
    private final BlobStore blobs;
    private final Clock clock;

    public UploadCheck(ImageStore images, BlobStore blobs, Clock clock) {
        this.images = images;
        this.blobs = blobs;
        this.clock = clock;
    }

    /** Handles one ObjectCreated key; duplicates and unknown keys are harmless. */
    public void objectCreated(String key, long size) {
        Optional<String[]> parts = ownerAndImage(key);
        if (parts.isEmpty()) {
            LOG.warning("Ignoring an object outside uploads/<owner>/<imageId>");
            return;
        }
        String owner = parts.get()[0];
        String imageId = parts.get()[1];
        Optional<ImageRecord> found = images.find(owner, imageId);
        if (found.isEmpty()) {
            // Nobody asked for this upload (or the image was deleted meanwhile): do not keep bytes no record points at.
            blobs.delete(key);
            return;
        }
        ImageRecord image = found.get();
        if (image.status() != ImageStatus.PENDING) return;
        ImageRecord checked;
        try {
            if (size > ImageInspector.MAX_BYTES)
                throw new ImageRejectedException("The file is " + (size >> 20) + " MiB; the limit is 50 MiB.");
            checked = inspect(image, key, size);
        } catch (ImageRejectedException e) {
            checked = withStatus(image, ImageStatus.REJECTED, size, null, null, null, null, e.getMessage());
            blobs.delete(key);
        }
        images.completeCheck(checked);
    }

    private ImageRecord inspect(ImageRecord image, String key, long size) throws ImageRejectedException {
        MessageDigest sha256 = sha256();
        byte[] prefix;
        long total = 0;
        try (InputStream in = new DigestInputStream(blobs.open(key), sha256)) {
            prefix = in.readNBytes((int) Math.min(size, ImageInspector.HEADER_BYTES));
            total += prefix.length;
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = in.read(buffer)) > 0; ) total += read; // the rest only feeds the digest
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ImageHeader header = ImageInspector.inspect(prefix, total);
        return withStatus(image, ImageStatus.READY, total, header.format().mimeType(), header.width(), header.height(),
                HexFormat.of().formatHex(sha256.digest()), null);
    }

    private ImageRecord withStatus(ImageRecord image, ImageStatus status, long size, String contentType, Integer width,
                                   Integer height, String sha256, String reason) {
        return new ImageRecord(image.owner(), image.imageId(), image.name(), status,
                contentType == null ? image.contentType() : contentType, size, width, height, sha256, reason,
                image.createdAt(), clock.now());
    }

    static Optional<String[]> ownerAndImage(String key) {
        if (!key.startsWith(Keys.UPLOADS)) return Optional.empty();
        String[] parts = key.substring(Keys.UPLOADS.length()).split("/");
        return parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty() ? Optional.of(parts) : Optional.empty();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
