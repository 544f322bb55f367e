package io.atelier.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.imaging.ImageFormat;
import io.atelier.model.FieldError;
import io.atelier.model.Ids;
import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.model.Keys;
import io.atelier.model.ManifestRecord;
import io.atelier.model.Placement;
import io.atelier.store.BlobStore;
import io.atelier.store.ImageStore;
import io.atelier.store.Page;
import io.atelier.store.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hands out presigned uploads and keeps the caller's image records. */
public final class UploadService {
    private final ImageStore images;
    private final BlobStore blobs;
    private final Limits limits;
    private final Clock clock;
    private final StoredManifests manifests;

    public UploadService(ImageStore images, BlobStore blobs, Limits limits, Clock clock) {
        this(images, blobs, limits, clock, null);
    }

    /** @param manifests where CSV and JSONL uploads are kept; null: only images are taken */
    public UploadService(ImageStore images, BlobStore blobs, Limits limits, Clock clock, StoredManifests manifests) {
        this.manifests = manifests;
        this.images = images;
        this.blobs = blobs;
        this.limits = limits;
        this.clock = clock;
    }

    /** One file's PENDING image (or manifest) and where to PUT its bytes, until {@code expiresAt}. */
    public record Upload(
            ImageRecord image, ManifestRecord manifest, BlobStore.PresignedUpload ticket, Instant expiresAt) {
        public Upload(ImageRecord image, BlobStore.PresignedUpload ticket, Instant expiresAt) {
            this(image, null, ticket, expiresAt);
        }
    }

    /** A dry run's answer per file: where it would be filed, or why it would be refused. */
    public record Placed(String name, Placement placement, List<FieldError> errors) {}

    /**
     * {@code POST /uploads} with {@code "dryRun": true}: each file's project, SKU and role as an upload would file them
     * (the name pattern applied by the same rules), or its problems, creating nothing: a naming pattern's live example.
     */
    public List<Placed> place(JsonNode body) {
        JsonNode files = body.get("files");
        if (files == null || !files.isArray() || files.isEmpty() || files.size() > limits.maxFilesPerUpload())
            throw new InvalidRequestException(
                    "files", "files must be a list of 1 to " + limits.maxFilesPerUpload() + " files.");
        List<FieldError> requestErrors = new ArrayList<>();
        UploadPlacements placements = UploadPlacements.of(body, requestErrors);
        if (!requestErrors.isEmpty())
            throw new InvalidRequestException("The name pattern cannot be used.", requestErrors);
        List<Placed> placed = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            List<FieldError> errors = new ArrayList<>();
            FileRequest file = parseFile(files.get(i), "files[" + i + "]", placements, errors);
            placed.add(new Placed(
                    files.get(i).path("name").asText(""), file == null ? Placement.NONE : file.placement(), errors));
        }
        return placed;
    }

    /** {@code POST /uploads}: one PENDING image and one presigned PUT per file. */
    public List<Upload> createUploads(String owner, JsonNode body) {
        List<FileRequest> files = parseFiles(body);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(limits.uploadUrlTtl());
        List<ImageRecord> records = new ArrayList<>();
        List<Upload> uploads = new ArrayList<>();
        for (FileRequest file : files) {
            if (file.manifest() != null) {
                ManifestRecord manifest = new ManifestRecord(
                        owner,
                        Ids.manifest(),
                        file.name(),
                        file.manifest().name().toLowerCase(java.util.Locale.ROOT),
                        ImageStatus.PENDING,
                        file.size(),
                        null,
                        null,
                        now,
                        now);
                manifests.createPending(manifest);
                var presigned = blobs.presignUpload(
                        manifest.objectKey(), file.contentType(), file.size(), limits.uploadUrlTtl());
                uploads.add(new Upload(null, manifest, presigned, expiresAt));
                continue;
            }
            ImageRecord record = new ImageRecord(
                    owner,
                    Ids.image(),
                    file.name(),
                    ImageStatus.PENDING,
                    file.contentType(),
                    file.size(),
                    null,
                    null,
                    null,
                    null,
                    now,
                    now,
                    null,
                    null,
                    file.placement());
            records.add(record);
            var presigned =
                    blobs.presignUpload(record.objectKey(), file.contentType(), file.size(), limits.uploadUrlTtl());
            uploads.add(new Upload(record, presigned, expiresAt));
        }
        if (!records.isEmpty()) images.createPending(records);
        return uploads;
    }

    public ImageRecord get(String owner, String imageId) {
        return images.find(owner, imageId).orElseThrow(() -> new NotFoundException("Image " + imageId));
    }

    public Page<ImageRecord> list(String owner, PageRequest page) {
        return images.list(owner, page);
    }

    /** Removes the record and its bytes; results made from it stay with their jobs. */
    public void delete(String owner, String imageId) {
        ImageRecord image = get(owner, imageId);
        blobs.delete(image.objectKey());
        blobs.delete(Keys.preview(owner, imageId));
        images.delete(owner, imageId);
    }

    /** {@code manifest} is the format of a manifest upload, null for an image. */
    private record FileRequest(
            String name, String contentType, long size, Placement placement, Manifests.Format manifest) {}

    private List<FileRequest> parseFiles(JsonNode body) {
        JsonNode files = body.get("files");
        if (files == null || !files.isArray() || files.isEmpty())
            throw new InvalidRequestException(
                    "files", "files must be a list of 1 to " + limits.maxFilesPerUpload() + " files.");
        if (files.size() > limits.maxFilesPerUpload())
            throw new InvalidRequestException(
                    "files", "At most " + limits.maxFilesPerUpload() + " files per request; split the upload.");
        List<FieldError> errors = new ArrayList<>();
        UploadPlacements placements = UploadPlacements.of(body, errors);
        List<FileRequest> parsed = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            FileRequest file = parseFile(files.get(i), "files[" + i + "]", placements, errors);
            if (file != null && errors.isEmpty()) parsed.add(file);
        }
        if (!errors.isEmpty())
            throw new InvalidRequestException(errors.size() + " of the files cannot be uploaded.", errors);
        return parsed;
    }

    /** One file, or null with its problems added to {@code errors}. */
    private FileRequest parseFile(JsonNode file, String at, UploadPlacements placements, List<FieldError> errors) {
        if (!file.isObject()) {
            errors.add(new FieldError(at, "must be an object with name, contentType and size"));
            return null;
        }
        int before = errors.size();
        String name = text(file, "name");
        String contentType = text(file, "contentType");
        JsonNode size = file.get("size");
        Manifests.Format manifest =
                manifests == null ? null : StoredManifests.formatOf(contentType).orElse(null);
        long maxBytes = manifest != null ? Manifests.MAX_BYTES : limits.maxUploadBytes();
        FileNames.problem(name).ifPresent(problem -> errors.add(new FieldError(at + ".name", problem)));
        if (manifest == null
                && (contentType == null || ImageFormat.fromMimeType(contentType).isEmpty()))
            errors.add(new FieldError(
                    at + ".contentType",
                    manifests == null
                            ? "must be image/png, image/jpeg or image/webp"
                            : "must be image/png, image/jpeg or image/webp, or text/csv or application/x-ndjson for a"
                                    + " manifest"));
        if (size == null || !size.canConvertToLong() || !size.isIntegralNumber() || size.asLong() < 1)
            errors.add(new FieldError(at + ".size", "the size in bytes is required"));
        else if (size.asLong() > maxBytes)
            errors.add(new FieldError(
                    at + ".size",
                    manifest != null
                            ? "a manifest is at most " + (maxBytes >> 20) + " MiB; split it into several"
                            : "the file is larger than " + (maxBytes >> 20) + " MiB"));
        // A manifest is not filed by SKU: the name pattern is for the images uploaded with it.
        Placement placement =
                name == null || manifest != null ? Placement.NONE : placements.of(file, at, name.strip(), errors);
        if (errors.size() > before) return null;
        return new FileRequest(name.strip(), contentType, size.asLong(), placement, manifest);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
