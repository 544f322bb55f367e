package io.atelier.providers.dashscope;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.json.Json;
import io.atelier.providers.SourceImage;
import java.util.Base64;

/** The JSON bodies DashScope's endpoints take. The image travels inline as a data URL: nothing to host first. */
final class DashScopeRequests {
    /** Wanx needs a prompt even for super resolution; this neutral one asks for nothing beyond the function. */
    static final String DEFAULT_UPSCALE_PROMPT = "upscale the image";

    private DashScopeRequests() {}

    static ObjectNode body(
            DashScopeOperation op, String model, String prompt, DashScopeParams params, SourceImage image) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", model);
        ObjectNode input = body.putObject("input");
        ObjectNode parameters = body.putObject("parameters");
        switch (op) {
            case EDIT -> {
                ObjectNode message = input.putArray("messages").addObject();
                message.put("role", "user");
                ArrayNode content = message.putArray("content");
                content.addObject().put("image", dataUrl(image));
                content.addObject().put("text", prompt);
                parameters.put("n", 1);
                parameters.put("watermark", false);
                if (params.raw("negative_prompt") instanceof String negative)
                    parameters.put("negative_prompt", negative);
                if (params.raw("prompt_extend") instanceof Boolean extend) parameters.put("prompt_extend", extend);
                putSeed(parameters, params);
            }
            case UPSCALE, STYLE -> {
                input.put("function", op.function());
                input.put("prompt", prompt == null || prompt.isBlank() ? DEFAULT_UPSCALE_PROMPT : prompt);
                input.put("base_image_url", dataUrl(image));
                parameters.put("n", 1);
                if (op == DashScopeOperation.UPSCALE) parameters.put("upscale_factor", params.factor());
                if (op == DashScopeOperation.STYLE && params.decimal("strength") != null)
                    parameters.put("strength", params.decimal("strength"));
                putSeed(parameters, params);
            }
            case OUTPAINT -> {
                input.put("image_url", dataUrl(image));
                if (params.raw("output_ratio") instanceof String ratio) parameters.put("output_ratio", ratio);
                for (String scale : new String[] {"x_scale", "y_scale"})
                    if (params.decimal(scale) != null) parameters.put(scale, params.decimal(scale));
                for (String offset : DashScopeParams.OFFSETS)
                    if (params.whole(offset) != null) parameters.put(offset, params.whole(offset));
                if (params.whole("angle") != null) parameters.put("angle", params.whole("angle"));
            }
        }
        return body;
    }

    static void putSeed(ObjectNode parameters, DashScopeParams params) {
        if (params.whole("seed") != null) parameters.put("seed", params.whole("seed"));
    }

    static String dataUrl(SourceImage image) {
        return "data:" + image.format().mimeType() + ";base64,"
                + Base64.getEncoder().encodeToString(image.bytes());
    }
}
