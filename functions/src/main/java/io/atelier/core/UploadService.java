package io.atelier.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.imaging.ImageFormat;
import io.atelier.model.FieldError;
import io.atelier.model.Ids;
import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.model.Keys;
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

    public UploadService(ImageStore images, BlobStore blobs, Limits limits, Clock clock) {
        this.images = images;
        this.blobs = blobs;
        this.limits = limits;
        this.clock = clock;
    }

    /** One file's PENDING image and where to PUT its bytes, until {@code expiresAt}. */
    public record Upload(ImageRecord image, BlobStore.PresignedUpload ticket, Instant expiresAt) {}

    /** {@code POST /uploads}: one PENDING image and one presigned PUT per file. */
    public List<Upload> createUploads(String owner, JsonNode body) {
        List<FileRequest> files = parseFiles(body);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(limits.uploadUrlTtl());
        List<ImageRecord> records = new ArrayList<>();
        List<Upload> uploads = new ArrayList<>();
        for (FileRequest file : files) {
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
        images.createPending(records);
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

    private record FileRequest(String name, String contentType, long size, Placement placement) {}

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
            JsonNode file = files.get(i);
            String at = "files[" + i + "]";
            if (!file.isObject()) {
                errors.add(new FieldError(at, "must be an object with name, contentType and size"));
                continue;
            }
            String name = text(file, "name");
            String contentType = text(file, "contentType");
            JsonNode size = file.get("size");
            FileNames.problem(name).ifPresent(problem -> errors.add(new FieldError(at + ".name", problem)));
            if (contentType == null || ImageFormat.fromMimeType(contentType).isEmpty())
                errors.add(new FieldError(at + ".contentType", "must be image/png, image/jpeg or image/webp"));
            if (size == null || !size.canConvertToLong() || !size.isIntegralNumber() || size.asLong() < 1)
                errors.add(new FieldError(at + ".size", "the size in bytes is required"));
            else if (size.asLong() > limits.maxUploadBytes())
                errors.add(new FieldError(
                        at + ".size", "the file is larger than " + (limits.maxUploadBytes() >> 20) + " MiB"));
            Placement placement = name == null ? Placement.NONE : placements.of(file, at, name.strip(), errors);
            if (errors.isEmpty()) parsed.add(new FileRequest(name.strip(), contentType, size.asLong(), placement));
        }
        if (!errors.isEmpty())
            throw new InvalidRequestException(errors.size() + " of the files cannot be uploaded.", errors);
        return parsed;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
