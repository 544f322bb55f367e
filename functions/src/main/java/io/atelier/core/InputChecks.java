package io.atelier.core;

import io.atelier.model.ImageRecord;
import io.atelier.model.Step;
import io.atelier.providers.ImageProvider;
import io.atelier.providers.ProviderRegistry;
import java.util.HashMap;
import java.util.Map;

/**
 * What the first step's provider will refuse about an uploaded image, known from the image record: a job that could
 * only fail at run time is a 400 at submit instead. Later steps see intermediate results, not the upload.
 */
final class InputChecks {
    private final ProviderRegistry providers;

    InputChecks(ProviderRegistry providers) {
        this.providers = providers;
    }

    /** Why the first step cannot take this image, or null. */
    String refusal(Step first, JobRequest.Item item, ImageRecord image) {
        ImageProvider provider = providers.find(first.provider()).orElse(null);
        if (provider == null) return null;
        if (image.cmyk() && !provider.takesCmyk())
            return "image " + image.imageId() + " is a CMYK JPEG; " + provider.id()
                    + " cannot read CMYK: convert it to RGB first";
        if (image.width() == null || image.height() == null) return null;
        Map<String, Object> params = new HashMap<>(first.params());
        params.putAll(item.params());
        return provider.refusesSize(first.operation(), params, image.width(), image.height());
    }
}
