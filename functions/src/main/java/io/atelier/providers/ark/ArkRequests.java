package io.atelier.providers.ark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.json.Json;
import io.atelier.providers.SourceImage;
import java.util.Base64;

/** The body of {@code POST /images/generations}; an edit is a generation with the image given as a data URL. */
final class ArkRequests {
    private ArkRequests() {}

    static ObjectNode body(String model, String prompt, ArkParams params, SourceImage image) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", model);
        body.put("prompt", prompt);
        if (image != null) {
            String dataUrl = "data:" + image.format().mimeType() + ";base64,"
                    + Base64.getEncoder().encodeToString(image.bytes());
            // Seedream 4.0 takes a list of reference images; SeedEdit 3.0 a single one.
            if (ArkParams.SEEDEDIT.equals(model)) body.put("image", dataUrl);
            else body.putArray("image").add(dataUrl);
        }
        body.put("size", params.size(model));
        if (params.seed() != null) body.put("seed", params.seed());
        body.put("response_format", params.responseFormat());
        body.put("watermark", false);
        // One image per task: Seedream may otherwise decide to answer with a series.
        if (!ArkParams.SEEDEDIT.equals(model)) body.put("sequential_image_generation", "disabled");
        return body;
    }
}
