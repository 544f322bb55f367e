package io.atelier.providers.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.json.Json;
import io.atelier.providers.SourceImage;
import java.util.Base64;

/** The {@code generateContent} body: the instruction, the image inline, and image output asked for. */
final class GeminiRequest {
    private GeminiRequest() {}

    static byte[] body(String instruction, SourceImage image, String aspectRatio) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode content = root.putArray("contents").addObject();
        content.put("role", "user");
        ArrayNode parts = content.putArray("parts");
        parts.addObject().put("text", instruction);
        if (image != null) {
            ObjectNode inline = parts.addObject().putObject("inlineData");
            inline.put("mimeType", image.format().mimeType());
            inline.put("data", Base64.getEncoder().encodeToString(image.bytes()));
        }
        ObjectNode config = root.putObject("generationConfig");
        // TEXT as well as IMAGE: the model may explain itself, and image-only output is not accepted by every model
        // version.
        config.putArray("responseModalities").add("TEXT").add("IMAGE");
        if (aspectRatio != null) config.putObject("imageConfig").put("aspectRatio", aspectRatio);
        try {
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
