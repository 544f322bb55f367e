package io.atelier.core;

import io.atelier.imaging.Completeness;
import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageHeader;
import io.atelier.imaging.ImageInspector;
import io.atelier.imaging.ImageRejectedException;
import io.atelier.imaging.Thumbnails;
import io.atelier.metrics.Metrics;
import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.model.Keys;
import io.atelier.store.BlobStore;
import io.atelier.store.ImageStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Checks freshly uploaded bytes: size first, then magic bytes and header dimensions (never decoding pixels, so a
 * decompression bomb is refused cheaply), then READY or REJECTED with a reason a person understands. A READY image
 * gets a small JPEG preview (a subsampled decode, now that its dimensions are known to be within limits).
 */
public final class UploadCheck {
    private static final Logger LOG = Logger.getLogger(UploadCheck.class.getName());
    private final ImageStore images;
    private final BlobStore blobs;
    private final Clock clock;
    private final Metrics metrics;

    public UploadCheck(ImageStore images, BlobStore blobs, Clock clock) {
        this(images, blobs, clock, Metrics.NONE);
    }

    public UploadCheck(ImageStore images, BlobStore blobs, Clock clock, Metrics metrics) {
        this.metrics = metrics;
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
        if (image.status() == ImageStatus.READY) {
            recheck(image, key);
            return;
        }
        if (image.status() != ImageStatus.PENDING) return;
        ImageRecord checked;
        try {
            if (size > ImageInspector.MAX_BYTES)
                throw new ImageRejectedException("The file is " + (size >> 20) + " MiB; the limit is 50 MiB.");
            checked = inspect(image, key);
        } catch (ImageRejectedException e) {
            checked = withStatus(image, ImageStatus.REJECTED, size, null, null, null, null, e.getMessage(), null);
            blobs.delete(key);
        }
        images.completeCheck(checked);
        metrics.uploadChecked(
                checked.status() == ImageStatus.REJECTED,
                imageId,
                checked.status() == ImageStatus.REJECTED ? checked.reason() : null);
    }

    private ImageRecord inspect(ImageRecord image, String key) throws ImageRejectedException {
        MessageDigest sha256 = sha256();
        byte[] bytes;
        try (InputStream in = new DigestInputStream(blobs.open(key), sha256)) {
            // The event's size was checked already; the read still stops one byte past the limit, whatever the object
            // is.
            bytes = in.readNBytes((int) ImageInspector.MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > ImageInspector.MAX_BYTES)
            throw new ImageRejectedException("The file is over 50 MiB; the limit is 50 MiB.");
        // Header checks first, on a prefix: a decompression bomb is refused before anything is decoded.
        byte[] prefix =
                bytes.length <= ImageInspector.HEADER_BYTES ? bytes : Arrays.copyOf(bytes, ImageInspector.HEADER_BYTES);
        ImageHeader header = ImageInspector.inspect(prefix, bytes.length);
        Completeness.check(bytes, header.format());
        ImageRecord ready = withStatus(
                image,
                ImageStatus.READY,
                bytes.length,
                header.format().mimeType(),
                header.width(),
                header.height(),
                HexFormat.of().formatHex(sha256.digest()),
                null,
                header.components());
        return withPreview(ready, writePreview(image, bytes, header));
    }

    /**
     * A checked upload is immutable: its presigned PUT is signed with If-None-Match, and should an object still be
     * written over it (a store that ignores the condition, a replayed URL), the new bytes are never served: the image
     * is rejected and the bytes and preview deleted. A duplicate notification of the same bytes changes nothing.
     */
    private void recheck(ImageRecord image, String key) {
        String sha256;
        try (InputStream in = blobs.open(key)) {
            MessageDigest digest = sha256();
            in.transferTo(new java.security.DigestOutputStream(OutputStream.nullOutputStream(), digest));
            sha256 = HexFormat.of().formatHex(digest.digest());
        } catch (java.util.NoSuchElementException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (sha256.equals(image.sha256())) return;
        LOG.warning("Image " + image.imageId() + " was overwritten after its check; rejecting it");
        blobs.delete(key);
        blobs.delete(Keys.preview(image.owner(), image.imageId()));
        images.revokeCheck(withStatus(
                image,
                ImageStatus.REJECTED,
                image.size(),
                null,
                image.width(),
                image.height(),
                image.sha256(),
                "The file was replaced after it was checked; upload it again as a new image.",
                image.components()));
    }

    /** A preview for grids and task lists; an image whose pixels the JDK cannot decode is still READY without one. */
    private String writePreview(ImageRecord image, byte[] bytes, ImageHeader header) {
        String key = Keys.preview(image.owner(), image.imageId());
        try {
            blobs.write(key, Thumbnails.jpeg(bytes, header.width(), header.height()), ImageFormat.JPEG.mimeType());
            return key;
        } catch (ImageRejectedException | RuntimeException e) {
            LOG.warning("No preview for " + image.imageId() + ": " + e.getMessage());
            return null;
        }
    }

    private static ImageRecord withPreview(ImageRecord image, String previewKey) {
        return new ImageRecord(
                image.owner(),
                image.imageId(),
                image.name(),
                image.status(),
                image.contentType(),
                image.size(),
                image.width(),
                image.height(),
                image.sha256(),
                image.reason(),
                image.createdAt(),
                image.updatedAt(),
                previewKey,
                image.components(),
                image.placement());
    }

    private ImageRecord withStatus(
            ImageRecord image,
            ImageStatus status,
            long size,
            String contentType,
            Integer width,
            Integer height,
            String sha256,
            String reason,
            Integer components) {
        return new ImageRecord(
                image.owner(),
                image.imageId(),
                image.name(),
                status,
                contentType == null ? image.contentType() : contentType,
                size,
                width,
                height,
                sha256,
                reason,
                image.createdAt(),
                clock.instant(),
                null,
                components,
                image.placement());
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
