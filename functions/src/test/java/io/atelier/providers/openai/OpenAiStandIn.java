package io.atelier.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.fakes.TestImages;
import io.atelier.imaging.ImageCodec;
import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageHeader;
import io.atelier.imaging.ImageInspector;
import io.atelier.imaging.ImageRejectedException;
import io.atelier.json.Json;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;

/**
 * A stand-in for OpenAI's Images API under {@code <server>/v1}: {@code POST /v1/images/generations} (JSON) and
 * {@code POST /v1/images/edits} (multipart with {@code image[]} or {@code image} parts). It checks the bearer key, the
 * content type, every field against the documented names and values, and the uploaded images, answering OpenAI's
 * error object ({@code {"error":{"message","type","param","code"}}}) the way the API does. Successes carry
 * {@code x-request-id} and usage. (The JDK cannot write WebP, so a webp request is answered with PNG bytes.)
 */
public class OpenAiStandIn extends Dispatcher {
    public static final String KEY = "sk-FAKE-openai";
    public static final String RETRY_AFTER_MS = "1500";
    public static final String RETRY_AFTER_SECONDS = "2";
    public static final Set<String> MODELS = Set.of("gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5");
    private static final Map<String, List<String>> ENUMS = Map.of(
            "size", List.of("auto", "1024x1024", "1536x1024", "1024x1536"),
            "quality", List.of("low", "medium", "high", "auto"),
            "background", List.of("transparent", "opaque", "auto"),
            "output_format", List.of("png", "jpeg", "webp"),
            "moderation", List.of("low", "auto"),
            "input_fidelity", List.of("high", "low"));
    private static final Set<String> GENERATION_FIELDS = Set.of(
            "prompt",
            "model",
            "n",
            "size",
            "quality",
            "background",
            "output_format",
            "output_compression",
            "moderation",
            "user",
            "stream",
            "partial_images");
    private static final Set<String> EDIT_FIELDS = Set.of(
            "image",
            "image[]",
            "mask",
            "prompt",
            "model",
            "n",
            "size",
            "quality",
            "background",
            "output_format",
            "output_compression",
            "input_fidelity",
            "user",
            "stream",
            "partial_images");
    private static final long MAX_IMAGE_BYTES = 50L * 1024 * 1024;

    public enum Mode {
        /** The image, usage and x-request-id. */
        SUCCESS,
        /** 429 rate_limit_exceeded with retry-after-ms {@link #RETRY_AFTER_MS} and retry-after {@link #RETRY_AFTER_SECONDS}. */
        THROTTLED,
        /** 429 insufficient_quota: the account is out of credit. */
        QUOTA,
        /** 503 "The engine is currently overloaded". */
        UNAVAILABLE,
        /** A success held back for {@link #slowDelay}. */
        SLOW,
        /** 400 moderation_blocked, type image_generation_user_error. */
        REFUSED,
        /** Every key is wrong: 401 invalid_api_key. */
        BAD_KEY,
        /** A 200 whose JSON breaks off. */
        MALFORMED,
        /** A success whose connection is cut halfway through the body. */
        TRUNCATED
    }

    /** One part of a multipart request, as the stand-in read it. */
    public record Part(String name, String filename, String contentType, byte[] body) {
        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    public final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    public volatile Mode mode = Mode.SUCCESS;
    public volatile Duration slowDelay = Duration.ofSeconds(8);
    public volatile String lastRequestId;
    /** Whether a 429 carries retry-after-ms (OpenAI's precise hint) besides retry-after. */
    public volatile boolean sendRetryAfterMs = true;

    public OpenAiStandIn() {}

    public void mode(Mode mode) {
        this.mode = mode;
    }

    public RecordedRequest last() {
        return requests.get(requests.size() - 1);
    }

    public static JsonNode json(RecordedRequest request) {
        try {
            return Json.MAPPER.readTree(
                    request.getBody() == null ? new byte[0] : request.getBody().toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON", e);
        }
    }

    /** The parts of a multipart/form-data request, in order. */
    public static List<Part> parts(RecordedRequest request) {
        MediaType type = MediaType.parse(String.valueOf(request.getHeaders().get("Content-Type")));
        String boundary = type == null ? null : type.parameter("boundary");
        if (boundary == null) throw new IllegalStateException("not multipart");
        List<Part> parts = new ArrayList<>();
        try (MultipartReader reader = new MultipartReader(new Buffer().write(request.getBody()), boundary)) {
            for (MultipartReader.Part part; (part = reader.nextPart()) != null; ) {
                String disposition = String.valueOf(part.headers().get("Content-Disposition"));
                parts.add(new Part(
                        attribute(disposition, "name"),
                        attribute(disposition, "filename"),
                        part.headers().get("Content-Type"),
                        part.body().readByteArray()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("broken multipart body", e);
        }
        return parts;
    }

    /** {@code name="…"} from a Content-Disposition header (OkHttp quotes values and escapes quotes as %22). */
    private static String attribute(String disposition, String attribute) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(";\\s*" + attribute + "=\"([^\"]*)\"")
                .matcher(disposition);
        return m.find() ? m.group(1) : null;
    }

    /** The text fields of a multipart request (the last value of each name). */
    public static Map<String, String> fields(RecordedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Part part : parts(request)) if (part.filename() == null) fields.put(part.name(), part.text());
        return fields;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        requestId();
        String path = request.getUrl().encodedPath();
        boolean generation = path.equals("/v1/images/generations");
        if (!generation && !path.equals("/v1/images/edits") || !"POST".equals(request.getMethod()))
            return error(
                    404, "Invalid URL (" + request.getMethod() + " " + path + ")", "invalid_request_error", null, null);
        String auth = request.getHeaders().get("Authorization");
        if (auth == null || !auth.startsWith("Bearer "))
            return error(
                    401,
                    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth "
                            + "(i.e. Authorization: Bearer YOUR_KEY).",
                    "invalid_request_error",
                    null,
                    null);
        String key = auth.substring("Bearer ".length());
        if (!KEY.equals(key) || mode == Mode.BAD_KEY) return badKey(key);
        String contentType = String.valueOf(request.getHeaders().get("Content-Type"));

        Map<String, String> fields = new LinkedHashMap<>();
        List<Part> images = new ArrayList<>();
        if (generation) {
            if (!contentType.startsWith("application/json"))
                return invalid(
                        "Invalid Content-Type header (" + contentType + "), expected application/json.", null, null);
            JsonNode body;
            try {
                body = json(request);
            } catch (IllegalStateException e) {
                return invalid("We could not parse the JSON body of your request.", null, null);
            }
            if (!body.isObject()) return invalid("We could not parse the JSON body of your request.", null, null);
            for (var it = body.fields(); it.hasNext(); ) {
                var field = it.next();
                if (!GENERATION_FIELDS.contains(field.getKey()))
                    return invalid("Unknown parameter: '" + field.getKey() + "'.", field.getKey(), "unknown_parameter");
                if ("output_compression".equals(field.getKey()) || "n".equals(field.getKey())) {
                    if (!field.getValue().isInt())
                        return invalid(
                                "Invalid type for '" + field.getKey() + "': expected an integer.",
                                field.getKey(),
                                "invalid_type");
                } else if (!field.getValue().isTextual()) {
                    return invalid(
                            "Invalid type for '" + field.getKey() + "': expected a string.",
                            field.getKey(),
                            "invalid_type");
                }
                fields.put(field.getKey(), field.getValue().asText());
            }
        } else {
            if (!contentType.startsWith("multipart/form-data"))
                return invalid(
                        "Invalid Content-Type header (" + contentType + "), expected multipart/form-data.", null, null);
            List<Part> parts;
            try {
                parts = parts(request);
            } catch (IllegalStateException e) {
                return invalid("Could not parse multipart form.", null, null);
            }
            for (Part part : parts) {
                if (!EDIT_FIELDS.contains(part.name()))
                    return invalid("Unknown parameter: '" + part.name() + "'.", part.name(), "unknown_parameter");
                if (part.name().equals("image") || part.name().equals("image[]")) images.add(part);
                else if (part.filename() == null) fields.put(part.name(), part.text());
            }
            if (images.isEmpty())
                return invalid("Missing required parameter: 'image'.", "image", "missing_required_parameter");
            if (images.size() > 16)
                return invalid("Too many images: at most 16 are accepted.", "image", "invalid_value");
            for (Part image : images) {
                String problem = checkImage(image);
                if (problem != null) return invalid(problem, "image", "invalid_image_file");
            }
            if (fields.containsKey("moderation"))
                return invalid("Unknown parameter: 'moderation'.", "moderation", "unknown_parameter");
        }
        if (generation && fields.containsKey("input_fidelity"))
            return invalid("Unknown parameter: 'input_fidelity'.", "input_fidelity", "unknown_parameter");
        String problem = checkFields(fields);
        if (problem != null) return invalid(problem, null, "invalid_value");

        return switch (mode) {
            case SUCCESS, SLOW, TRUNCATED -> success(fields, images);
            case THROTTLED -> throttled();
            case QUOTA ->
                error(
                        429,
                        "You exceeded your current quota, please check your plan and billing details. For more information on this "
                                + "error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
                        "insufficient_quota",
                        null,
                        "insufficient_quota");
            case UNAVAILABLE ->
                error(503, "The engine is currently overloaded, please try again later.", "server_error", null, null);
            case REFUSED ->
                error(
                        400,
                        "Your request was rejected by the safety system. If you believe this is an error, contact us at "
                                + "help.openai.com and include the request ID " + lastRequestId + ".",
                        "image_generation_user_error",
                        null,
                        "moderation_blocked");
            case BAD_KEY -> badKey(key);
            case MALFORMED ->
                new MockResponse.Builder()
                        .code(200)
                        .addHeader("Content-Type", "application/json")
                        .addHeader("x-request-id", lastRequestId)
                        .body("{\"created\": 1713833628, \"data\": [{\"b64_json\": \"iVBORw0KGgo")
                        .build();
        };
    }

    private static String checkImage(Part image) {
        String type = image.contentType() == null ? "application/octet-stream" : image.contentType();
        ImageFormat declared = ImageFormat.fromMimeType(type).orElse(null);
        if (declared == null)
            return "Invalid file 'image': unsupported mimetype ('" + type
                    + "'). Supported file formats are 'image/jpeg', 'image/png', and 'image/webp'.";
        if (image.body().length >= MAX_IMAGE_BYTES) return "Invalid file 'image': the file is larger than 50 MB.";
        try {
            if (ImageInspector.inspect(image.body()).format() != declared)
                return "Invalid image file or mode for image 1, please check your image file.";
        } catch (ImageRejectedException e) {
            return "Invalid image file or mode for image 1, please check your image file.";
        }
        return null;
    }

    private static String checkFields(Map<String, String> fields) {
        String prompt = fields.get("prompt");
        if (prompt == null || prompt.isEmpty()) return "Missing required parameter: 'prompt'.";
        if (prompt.length() > 32_000)
            return "Invalid 'prompt': string too long. Expected a string with maximum length 32000, but got a string with length "
                    + prompt.length() + " instead.";
        String model = fields.getOrDefault("model", "dall-e-2");
        if (!MODELS.contains(model)) return "Invalid value: '" + model + "'. Value must be one of " + MODELS + ".";
        for (var allowed : ENUMS.entrySet()) {
            String value = fields.get(allowed.getKey());
            if (value != null && !allowed.getValue().contains(value))
                return "Invalid value: '" + value + "'. Supported values are: " + allowed.getValue() + ".";
        }
        String format = fields.getOrDefault("output_format", "png");
        if ("transparent".equals(fields.get("background")) && "jpeg".equals(format))
            return "Transparent background is not supported for the jpeg output format.";
        if (fields.containsKey("output_compression")) {
            int compression;
            try {
                compression = Integer.parseInt(fields.get("output_compression"));
            } catch (NumberFormatException e) {
                return "Invalid value for 'output_compression': expected an integer.";
            }
            if (compression < 0 || compression > 100) return "Invalid 'output_compression': must be between 0 and 100.";
            if ("png".equals(format) && compression < 100)
                return "Compression less than 100 is not supported for PNG output format.";
        }
        if (fields.containsKey("n")
                && !"1".equals(fields.get("n"))
                && !fields.get("n").matches("[1-9]|10")) return "Invalid 'n': must be 1 to 10.";
        return null;
    }

    private MockResponse success(Map<String, String> fields, List<Part> images) {
        String size = fields.getOrDefault("size", "auto");
        if (size.equals("auto")) size = autoSize(images);
        String[] wh = size.split("x");
        int width = Integer.parseInt(wh[0]);
        int height = Integer.parseInt(wh[1]);
        String format = fields.getOrDefault("output_format", "png");
        boolean transparent = "transparent".equals(fields.get("background"));
        byte[] image = transparent
                ? cutOut(width, height)
                : "jpeg".equals(format) ? jpeg(width, height) : TestImages.png(width, height);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("created", 1_713_833_628);
        body.putArray("data").addObject().put("b64_json", Base64.getEncoder().encodeToString(image));
        body.put("background", transparent ? "transparent" : "opaque");
        body.put("output_format", format);
        body.put("quality", fields.getOrDefault("quality", "auto").equals("auto") ? "high" : fields.get("quality"));
        body.put("size", size);
        ObjectNode usage = body.putObject("usage");
        usage.put("input_tokens", 50 + 323 * images.size());
        usage.putObject("input_tokens_details")
                .put("image_tokens", 323 * images.size())
                .put("text_tokens", 50);
        usage.put("output_tokens", 4160);
        usage.put("total_tokens", 4160 + 50 + 323 * images.size());
        MockResponse.Builder builder = new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .addHeader("x-request-id", lastRequestId)
                .addHeader("openai-processing-ms", "21000")
                .body(body.toString());
        if (mode == Mode.SLOW) builder.headersDelay(slowDelay.toMillis(), TimeUnit.MILLISECONDS);
        if (mode == Mode.TRUNCATED) builder.onResponseBody(new SocketEffect.CloseSocket(true, false, false));
        return builder.build();
    }

    /** "auto" follows the first input's orientation; square for text-to-image. */
    private static String autoSize(List<Part> images) {
        if (images.isEmpty()) return "1024x1024";
        try {
            ImageHeader header = ImageInspector.inspect(images.get(0).body());
            double aspect = (double) header.width() / header.height();
            return aspect > 1.2 ? "1536x1024" : aspect < 1 / 1.2 ? "1024x1536" : "1024x1024";
        } catch (ImageRejectedException e) {
            return "1024x1024";
        }
    }

    private static byte[] cutOut(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return ImageCodec.encode(image, ImageFormat.PNG, 90);
    }

    private static byte[] jpeg(int width, int height) {
        try {
            return ImageCodec.encode(ImageCodec.decode(TestImages.png(width, height)), ImageFormat.JPEG, 85);
        } catch (ImageRejectedException e) {
            throw new IllegalStateException(e);
        }
    }

    private MockResponse throttled() {
        MockResponse.Builder builder = new MockResponse.Builder()
                .code(429)
                .addHeader("Content-Type", "application/json")
                .addHeader("x-request-id", lastRequestId)
                .addHeader("retry-after", RETRY_AFTER_SECONDS)
                .addHeader("x-ratelimit-limit-requests", "5")
                .addHeader("x-ratelimit-remaining-requests", "0")
                .body(errorBody(
                        "Rate limit reached for gpt-image-1 in organization org-standin on images per minute (IPM): Limit 5, Used 5, "
                                + "Requested 1. Please try again in 2s.",
                        "requests",
                        null,
                        "rate_limit_exceeded"));
        if (sendRetryAfterMs) builder.addHeader("retry-after-ms", RETRY_AFTER_MS);
        return builder.build();
    }

    /** OpenAI shows the start and end of a wrong key, never all of it. */
    private MockResponse badKey(String key) {
        String shown = key.length() > 8
                ? key.substring(0, 3) + "*".repeat(key.length() - 7) + key.substring(key.length() - 4)
                : "***";
        return error(
                401,
                "Incorrect API key provided: " + shown
                        + ". You can find your API key at https://platform.openai.com/account/api-keys.",
                "invalid_request_error",
                null,
                "invalid_api_key");
    }

    private MockResponse invalid(String message, String param, String code) {
        return error(400, message, "invalid_request_error", param, code);
    }

    private MockResponse error(int status, String message, String type, String param, String code) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", "application/json")
                .addHeader("x-request-id", lastRequestId)
                .body(errorBody(message, type, param, code))
                .build();
    }

    private static String errorBody(String message, String type, String param, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        return Json.write(body);
    }

    private String requestId() {
        lastRequestId = "req_" + UUID.randomUUID().toString().replace("-", "");
        return lastRequestId;
    }
}
