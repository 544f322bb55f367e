package io.atelier.model;

import java.time.Instant;

/**
 * An uploaded image. Its bytes live at {@code uploads/<owner>/<imageId>}; the name is the caller's label only;
 * {@code previewKey} is its small JPEG preview once checked (null if none could be made).
 */
public record ImageRecord(
        String owner,
        String imageId,
        String name,
        ImageStatus status,
        String contentType,
        long size,
        Integer width,
        Integer height,
        String sha256,
        String reason,
        Instant createdAt,
        Instant updatedAt,
        String previewKey,
        Integer components,
        Placement placement) {

    public ImageRecord {
        placement = placement == null ? Placement.NONE : placement;
    }

    /** A record outside any project. */
    public ImageRecord(
            String owner,
            String imageId,
            String name,
            ImageStatus status,
            String contentType,
            long size,
            Integer width,
            Integer height,
            String sha256,
            String reason,
            Instant createdAt,
            Instant updatedAt,
            String previewKey,
            Integer components) {
        this(
                owner,
                imageId,
                name,
                status,
                contentType,
                size,
                width,
                height,
                sha256,
                reason,
                createdAt,
                updatedAt,
                previewKey,
                components,
                Placement.NONE);
    }

    /** A record without a colour component count (not a JPEG, or not checked yet). */
    public ImageRecord(
            String owner,
            String imageId,
            String name,
            ImageStatus status,
            String contentType,
            long size,
            Integer width,
            Integer height,
            String sha256,
            String reason,
            Instant createdAt,
            Instant updatedAt,
            String previewKey) {
        this(
                owner,
                imageId,
                name,
                status,
                contentType,
                size,
                width,
                height,
                sha256,
                reason,
                createdAt,
                updatedAt,
                previewKey,
                null);
    }

    /** Four components in a JPEG are CMYK (or YCCK, its transformed form). */
    public boolean cmyk() {
        return components != null && components == 4;
    }

    public ImageRecord withPlacement(Placement value) {
        return new ImageRecord(
                owner,
                imageId,
                name,
                status,
                contentType,
                size,
                width,
                height,
                sha256,
                reason,
                createdAt,
                updatedAt,
                previewKey,
                components,
                value);
    }

    public String objectKey() {
        return Keys.upload(owner, imageId);
    }
}
