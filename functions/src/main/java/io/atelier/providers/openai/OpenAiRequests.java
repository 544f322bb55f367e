package io.atelier.providers.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.json.Json;
import io.atelier.providers.SourceImage;
import io.atelier.providers.http.ProviderHttp;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;

/** The two request bodies: JSON for {@code /images/generations}, multipart for {@code /images/edits}. */
final class OpenAiRequests {

    private OpenAiRequests() {}

    static RequestBody generation(String model, String prompt, Map<String, Object> params) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", model);
        body.put("prompt", prompt);
        for (String name : OpenAiParams.BY_OPERATION.get("generate")) {
            Object value = params.get(name);
            if (value instanceof Integer i) body.put(name, i);
            else if (value instanceof String s) body.put(name, s);
        }
        return RequestBody.create(Json.write(body), ProviderHttp.json());
    }

    /**
     * The image goes as a repeated {@code image[]} part (the array form the API documents for one to sixteen images).
     * remove-background always asks for a transparent background in a format that can hold one.
     */
    static RequestBody edit(
            String operation, String model, String prompt, SourceImage image, Map<String, Object> params) {
        MultipartBody.Builder form = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart(
                        "image[]",
                        "image." + image.format().extension(),
                        RequestBody.create(
                                image.bytes(), MediaType.get(image.format().mimeType())))
                .addFormDataPart("prompt", prompt)
                .addFormDataPart("model", model);
        for (String name : OpenAiParams.BY_OPERATION.get(operation)) {
            Object value = params.get(name);
            if (value != null) form.addFormDataPart(name, String.valueOf(value));
        }
        if ("remove-background".equals(operation)) {
            form.addFormDataPart("background", "transparent");
            if (params.get("output_format") == null) form.addFormDataPart("output_format", "png");
        }
        return form.build();
    }
}
