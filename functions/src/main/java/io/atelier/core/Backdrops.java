package io.atelier.core;

import io.atelier.imaging.ImageFormat;
import io.atelier.model.ErrorCode;
import io.atelier.model.FieldError;
import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.model.Step;
import io.atelier.providers.ProviderException;
import io.atelier.providers.SourceImage;
import io.atelier.store.BlobStore;
import io.atelier.store.ImageStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A second image for a step: {@code params.backdropImageId} (replace-background onto a photo). At submit it must be
 * the caller's READY image; its object key is then kept in the step ({@code backdropKey}), and the worker hands its
 * bytes to the provider as {@code backdrop}, which is never stored.
 */
final class Backdrops {
    static final String IMAGE_ID = "backdropImageId";
    static final String KEY = "backdropKey";
    static final String BYTES = "backdrop";

    private Backdrops() {}

    static JobRequest resolve(String owner, JobRequest request, ImageStore images) {
        List<FieldError> errors = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < request.steps().size(); i++) {
            Step step = request.steps().get(i);
            Object id = step.params().get(IMAGE_ID);
            if (id == null) {
                steps.add(step);
                continue;
            }
            String at = (request.workflow() ? "steps[" + i + "]." : "") + "params." + IMAGE_ID;
            ImageRecord image = id instanceof String s ? images.find(owner, s).orElse(null) : null;
            if (image == null) errors.add(new FieldError(at, "unknown image " + id));
            else if (image.status() != ImageStatus.READY)
                errors.add(new FieldError(at, "image " + id + " is not READY"));
            else {
                Map<String, Object> params = new HashMap<>(step.params());
                params.put(KEY, image.objectKey());
                steps.add(step.withParams(params));
            }
        }
        if (!errors.isEmpty()) throw new InvalidRequestException(JobRequestParser.summary(errors), errors);
        return request.withSteps(steps);
    }

    /** The call's params with the backdrop's bytes, if the step has one. */
    static Map<String, Object> load(Map<String, Object> params, BlobStore blobs) throws ProviderException {
        if (!(params.get(KEY) instanceof String key)) return params;
        byte[] bytes;
        try {
            bytes = blobs.read(key);
        } catch (java.util.NoSuchElementException e) {
            throw new ProviderException(ErrorCode.INVALID_INPUT, "The backdrop image was deleted before the task ran.");
        }
        Map<String, Object> out = new HashMap<>(params);
        out.put(BYTES, new SourceImage(bytes, ImageFormat.PNG, 0, 0));
        return out;
    }
}
