package io.atelier.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.fakes.TestImages;
import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageHeader;
import io.atelier.imaging.ImageInspector;
import io.atelier.imaging.ImageRejectedException;
import io.atelier.json.Json;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A stand-in for the Gemini API's {@code generateContent}. It checks each request as Google does (path, model,
 * {@code x-goog-api-key}, JSON body, inline image, aspect ratio) and answers with Google's shapes, including its errors:
 * a bad key is a 400 with {@code ErrorInfo.reason API_KEY_INVALID}, throttling carries {@code RetryInfo.retryDelay} in
 * the body and no Retry-After header, and a blocked prompt is a 200 without candidates.
 */
public class GeminiStandIn extends Dispatcher {
    public static final String KEY = "AIzaFAKE-gemini-key";
    public static final String RETRY_DELAY = "12s";
    public static final Set<String> MODELS =
            Set.of("gemini-2.5-flash-image", "gemini-2.5-flash-image-preview", "gemini-3-pro-image-preview");
    private static final List<String> RATIOS =
            List.of("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9");
    /** Gemini 2.5 Flash Image's output size per aspect ratio. */
    private static final Map<String, int[]> SIZES = Map.of(
            "1:1",
            new int[] {1024, 1024},
            "2:3",
            new int[] {832, 1248},
            "3:2",
            new int[] {1248, 832},
            "3:4",
            new int[] {864, 1184},
            "4:3",
            new int[] {1184, 864},
            "4:5",
            new int[] {896, 1152},
            "5:4",
            new int[] {1152, 896},
            "9:16",
            new int[] {768, 1344},
            "16:9",
            new int[] {1344, 768},
            "21:9",
            new int[] {1536, 672});

    private static final Set<String> TOP_LEVEL = Set.of(
            "contents",
            "generationConfig",
            "generation_config",
            "safetySettings",
            "safety_settings",
            "systemInstruction",
            "system_instruction",
            "tools",
            "toolConfig",
            "tool_config",
            "cachedContent",
            "cached_content");
    private static final Pattern PATH = Pattern.compile("/v1beta/models/([^/:]+):generateContent");
    private static final long MAX_IMAGE_BYTES = 7_000_000L;

    public enum Mode {
        /** An image (and a line of text), as a normal answer. */
        SUCCESS,
        /** 429 RESOURCE_EXHAUSTED with RetryInfo.retryDelay {@link #RETRY_DELAY}. */
        THROTTLED,
        /** 503 UNAVAILABLE ("The model is overloaded"). */
        UNAVAILABLE,
        /** A success answer held back for {@link #slowDelay}, beyond a short read timeout. */
        SLOW,
        /** The prompt was blocked: 200, no candidates, promptFeedback.blockReason PROHIBITED_CONTENT. */
        REFUSED,
        /** The output was blocked: a candidate without image, finishReason IMAGE_SAFETY and a finishMessage. */
        REFUSED_OUTPUT,
        /** The model answered in words only (finishReason STOP). */
        TEXT_ONLY,
        /** Every key is invalid: 400 with ErrorInfo API_KEY_INVALID. */
        BAD_KEY,
        /** 400 FAILED_PRECONDITION, as for a region the API does not serve. */
        REJECTED,
        /** A 200 whose JSON breaks off. */
        MALFORMED,
        /** A success answer whose connection is cut halfway through the body. */
        TRUNCATED
    }

    public final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    public volatile Mode mode = Mode.SUCCESS;
    /** Answer with snake_case field names (inline_data, mime_type, usage_metadata…) instead of the REST camelCase. */
    public volatile boolean snakeCase;
    /** Send an interim "thought" image (64×64, {@code thought: true}) before the final one, as thinking models do. */
    public volatile boolean thoughtImage;

    public volatile Duration slowDelay = Duration.ofSeconds(8);
    public volatile String lastResponseId;

    public GeminiStandIn() {}

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** The JSON body of the latest request. */
    public JsonNode lastJson() {
        return json(requests.get(requests.size() - 1));
    }

    public static JsonNode json(RecordedRequest request) {
        try {
            return Json.MAPPER.readTree(
                    request.getBody() == null ? new byte[0] : request.getBody().toByteArray());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON", e);
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        Matcher path = PATH.matcher(request.getUrl().encodedPath());
        if (!path.matches()) return error(404, "NOT_FOUND", "Requested entity was not found.", null);
        if (!"POST".equals(request.getMethod())) return error(405, "METHOD_NOT_ALLOWED", "Method not allowed.", null);
        String key = request.getHeaders().get("x-goog-api-key");
        if (key == null)
            return error(
                    403,
                    "PERMISSION_DENIED",
                    "Method doesn't allow unregistered callers (callers without established "
                            + "identity). Please use API Key or other form of API consumer identity to call this API.",
                    null);
        if (!KEY.equals(key) || mode == Mode.BAD_KEY) return badKey();
        String model = path.group(1);
        if (!MODELS.contains(model))
            return error(
                    404,
                    "NOT_FOUND",
                    "models/" + model
                            + " is not found for API version v1beta, or is not supported for generateContent.",
                    null);
        String contentType = request.getHeaders().get("Content-Type");
        if (contentType == null || !contentType.startsWith("application/json"))
            return error(400, "INVALID_ARGUMENT", "Invalid JSON payload received. Unexpected content type.", null);
        JsonNode body;
        try {
            body = json(request);
        } catch (IllegalStateException e) {
            return error(400, "INVALID_ARGUMENT", "Invalid JSON payload received. Unexpected token.", null);
        }
        String problem = check(body);
        if (problem != null) return error(400, "INVALID_ARGUMENT", problem, null);

        return switch (mode) {
            case SUCCESS, SLOW, TRUNCATED -> success(body, model);
            case THROTTLED -> throttled();
            case UNAVAILABLE -> error(503, "UNAVAILABLE", "The model is overloaded. Please try again later.", null);
            case REFUSED ->
                ok(Json.write(Map.of(
                        name("promptFeedback"),
                        Map.of(name("blockReason"), "PROHIBITED_CONTENT"),
                        name("usageMetadata"),
                        Map.of(name("promptTokenCount"), 12, name("totalTokenCount"), 12),
                        name("modelVersion"),
                        model,
                        name("responseId"),
                        responseId())));
            case REFUSED_OUTPUT ->
                ok(Json.write(Map.of(
                        "candidates",
                        List.of(Map.of(
                                name("finishReason"),
                                "IMAGE_SAFETY",
                                name("finishMessage"),
                                "Unable to show the generated image: it may violate the usage policy.",
                                "index",
                                0)),
                        name("modelVersion"),
                        model,
                        name("responseId"),
                        responseId())));
            case TEXT_ONLY ->
                ok(Json.write(Map.of(
                        "candidates",
                        List.of(Map.of(
                                "content",
                                Map.of(
                                        "role",
                                        "model",
                                        "parts",
                                        List.of(Map.of("text", "Here is a description of the picture instead."))),
                                name("finishReason"),
                                "STOP",
                                "index",
                                0)),
                        name("modelVersion"),
                        model,
                        name("responseId"),
                        responseId())));
            case BAD_KEY -> badKey();
            case REJECTED -> error(400, "FAILED_PRECONDITION", "User location is not supported for the API use.", null);
            case MALFORMED ->
                ok(
                        "{\"candidates\":[{\"content\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"iVBOR");
        };
    }

    /** What Google would answer 400 to; null when the request is acceptable. */
    private String check(JsonNode body) {
        if (!body.isObject()) return "Invalid JSON payload received. Expected an object.";
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name))
                return "Invalid JSON payload received. Unknown name \"" + name + "\": Cannot find field.";
        }
        JsonNode contents = body.path("contents");
        if (!contents.isArray() || contents.isEmpty())
            return "* GenerateContentRequest.contents: contents is not specified";
        int images = 0;
        for (int c = 0; c < contents.size(); c++) {
            JsonNode parts = contents.get(c).path("parts");
            if (!parts.isArray() || parts.isEmpty())
                return "* GenerateContentRequest.contents[" + c + "].parts: contents.parts must not be empty.";
            for (int p = 0; p < parts.size(); p++) {
                JsonNode part = parts.get(p);
                JsonNode inline = part.has("inlineData") ? part.get("inlineData") : part.get("inline_data");
                if (inline == null) {
                    if (!part.path("text").isTextual())
                        return "* GenerateContentRequest.contents[" + c + "].parts[" + p
                                + "].data: required oneof field 'data' must have one initialized field";
                    continue;
                }
                images++;
                String mime = inline.has("mimeType")
                        ? inline.path("mimeType").asText()
                        : inline.path("mime_type").asText();
                byte[] data;
                try {
                    data = Base64.getDecoder().decode(inline.path("data").asText());
                } catch (IllegalArgumentException e) {
                    return "Invalid value at 'contents[" + c + "].parts[" + p
                            + "].inline_data.data' (TYPE_BYTES), Base64 decoding failed";
                }
                ImageFormat declared = ImageFormat.fromMimeType(mime).orElse(null);
                if (declared == null) return "Unsupported MIME type: " + mime;
                if (data.length > MAX_IMAGE_BYTES) return "The input image is larger than 7 MB.";
                try {
                    ImageHeader header = ImageInspector.inspect(data);
                    if (header.format() != declared)
                        return "Unable to process input image. Please retry or report in https://developers.generativeai.google/guide/troubleshooting";
                } catch (ImageRejectedException e) {
                    return "Unable to process input image. Please retry or report in https://developers.generativeai.google/guide/troubleshooting";
                }
            }
        }
        if (images > 3) return "Too many input images: at most 3 are supported.";
        JsonNode config = body.has("generationConfig") ? body.get("generationConfig") : body.path("generation_config");
        JsonNode imageConfig = config.has("imageConfig") ? config.get("imageConfig") : config.path("image_config");
        JsonNode ratio =
                imageConfig.has("aspectRatio") ? imageConfig.get("aspectRatio") : imageConfig.path("aspect_ratio");
        if (!ratio.isMissingNode() && !RATIOS.contains(ratio.asText()))
            return "* GenerateContentRequest.generation_config.image_config.aspect_ratio: unsupported aspect ratio "
                    + ratio.asText();
        return null;
    }

    private MockResponse success(JsonNode body, String model) {
        JsonNode config = body.has("generationConfig") ? body.get("generationConfig") : body.path("generation_config");
        JsonNode modalities = config.has("responseModalities")
                ? config.get("responseModalities")
                : config.path("response_modalities");
        boolean image = false;
        for (JsonNode m : modalities) image |= "IMAGE".equals(m.asText());
        ArrayNode parts = Json.MAPPER.createArrayNode();
        if (image && thoughtImage) {
            ObjectNode thought = parts.addObject();
            thought.put("thought", true);
            thought.putObject(name("inlineData"))
                    .put(name("mimeType"), "image/png")
                    .put("data", Base64.getEncoder().encodeToString(TestImages.png(64, 64)));
        }
        parts.addObject()
                .put(
                        "text",
                        image
                                ? "Here is the image you asked for."
                                : "I can only answer in text without the IMAGE modality.");
        if (image) {
            int[] size = outputSize(body, config);
            ObjectNode inline = parts.addObject().putObject(name("inlineData"));
            inline.put(name("mimeType"), "image/png");
            inline.put("data", Base64.getEncoder().encodeToString(TestImages.png(size[0], size[1])));
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode candidate = root.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.set("parts", parts);
        content.put("role", "model");
        candidate.put(name("finishReason"), "STOP");
        candidate.put("index", 0);
        ObjectNode usage = root.putObject(name("usageMetadata"));
        usage.put(name("promptTokenCount"), 1300);
        usage.put(name("candidatesTokenCount"), 1290);
        usage.put(name("totalTokenCount"), 2590);
        root.put(name("modelVersion"), model);
        root.put(name("responseId"), responseId());
        MockResponse.Builder builder = new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json; charset=UTF-8")
                .body(root.toString());
        if (mode == Mode.SLOW) builder.headersDelay(slowDelay.toMillis(), TimeUnit.MILLISECONDS);
        if (mode == Mode.TRUNCATED) builder.onResponseBody(new SocketEffect.CloseSocket(true, false, false));
        return builder.build();
    }

    /** The aspect ratio asked for, else the input image's nearest, else square. */
    private static int[] outputSize(JsonNode body, JsonNode config) {
        JsonNode imageConfig = config.has("imageConfig") ? config.get("imageConfig") : config.path("image_config");
        JsonNode ratio =
                imageConfig.has("aspectRatio") ? imageConfig.get("aspectRatio") : imageConfig.path("aspect_ratio");
        if (ratio.isTextual()) return SIZES.get(ratio.asText());
        for (JsonNode part : body.path("contents").get(0).path("parts")) {
            JsonNode inline = part.has("inlineData") ? part.get("inlineData") : part.get("inline_data");
            if (inline == null) continue;
            try {
                ImageHeader header = ImageInspector.inspect(
                        Base64.getDecoder().decode(inline.path("data").asText()));
                double aspect = (double) header.width() / header.height();
                int[] best = SIZES.get("1:1");
                for (int[] size : SIZES.values())
                    if (Math.abs(Math.log((double) size[0] / size[1] / aspect))
                            < Math.abs(Math.log((double) best[0] / best[1] / aspect))) best = size;
                return best;
            } catch (ImageRejectedException e) {
                break;
            }
        }
        return SIZES.get("1:1");
    }

    private MockResponse throttled() {
        return error(
                429,
                "RESOURCE_EXHAUSTED",
                "You exceeded your current quota, please check your plan and billing details.",
                List.of(
                        Map.of(
                                "@type",
                                "type.googleapis.com/google.rpc.QuotaFailure",
                                "violations",
                                List.of(Map.of(
                                        "quotaMetric",
                                                "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                                        "quotaId", "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"))),
                        Map.of(
                                "@type",
                                "type.googleapis.com/google.rpc.Help",
                                "links",
                                List.of(Map.of(
                                        "description",
                                        "Learn more about Gemini API quotas",
                                        "url",
                                        "https://ai.google.dev/gemini-api/docs/rate-limits"))),
                        Map.of("@type", "type.googleapis.com/google.rpc.RetryInfo", "retryDelay", RETRY_DELAY)));
    }

    private MockResponse badKey() {
        return error(
                400,
                "INVALID_ARGUMENT",
                "API key not valid. Please pass a valid API key.",
                List.of(
                        Map.of(
                                "@type",
                                "type.googleapis.com/google.rpc.ErrorInfo",
                                "reason",
                                "API_KEY_INVALID",
                                "domain",
                                "googleapis.com",
                                "metadata",
                                Map.of("service", "generativelanguage.googleapis.com")),
                        Map.of(
                                "@type",
                                "type.googleapis.com/google.rpc.LocalizedMessage",
                                "locale",
                                "en-US",
                                "message",
                                "API key not valid. Please pass a valid API key.")));
    }

    private static MockResponse error(int code, String status, String message, List<Map<String, Object>> details) {
        Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("status", status);
        if (details != null) error.put("details", details);
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json; charset=UTF-8")
                .body(Json.write(Map.of("error", error)))
                .build();
    }

    private static MockResponse ok(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json; charset=UTF-8")
                .body(body)
                .build();
    }

    private String responseId() {
        lastResponseId = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
        return lastResponseId;
    }

    /** A field name in the answer's chosen case. */
    private String name(String camel) {
        return snakeCase ? camel.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT) : camel;
    }
}
