package io.atelier.providers.ark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.fakes.TestImages;
import io.atelier.imaging.ImageCodec;
import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageHeader;
import io.atelier.imaging.ImageInspector;
import io.atelier.json.Json;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;

/**
 * A stand-in for Volcengine Ark's {@code POST /api/v3/images/generations} that checks requests as Ark does (bearer
 * key, JSON fields, model, size, reference images as data URLs within 10 MB and 1:3–3:1) and answers in its shapes:
 * {@code data[].b64_json} or {@code data[].url} (served here, to be fetched without credentials), usage, and
 * {@code {"error":{"code","message","param","type"}}} errors. Serve it at {@code server.url("/api/v3")} (the prefix
 * is optional). Results are JPEG, as Seedream's are.
 */
public class ArkStandIn extends Dispatcher {
    public enum Mode {
        SUCCESS,
        /** 429 RateLimitExceeded.EndpointRPMExceeded with a Retry-After of {@link #retryAfterSeconds} (when above 0). */
        THROTTLED,
        /** 500 InternalServiceError. */
        UNAVAILABLE,
        /** A success whose headers come after {@link #slowMillis}. */
        SLOW,
        /** 400 with {@link #refusalCode} (InputTextSensitiveContentDetected by default). */
        REFUSED,
        /** 200 whose data[0] is an OutputImageSensitiveContentDetected error instead of an image. */
        OUTPUT_REFUSED,
        /** 401 AuthenticationError whatever the key. */
        BAD_KEY,
        /** 200 with a body that is not JSON. */
        MALFORMED,
        /** 200 whose body breaks off before its declared length. */
        TRUNCATED,
        /** 400 InvalidParameter. */
        INVALID
    }

    static final String SEEDREAM = "doubao-seedream-4-0-250828";
    static final String SEEDEDIT = "doubao-seededit-3-0-i2i-250628";
    private static final Pattern DATA_URL = Pattern.compile("data:(image/[a-z]+);base64,(.*)", Pattern.DOTALL);
    private static final Pattern WXH = Pattern.compile("(\\d+)x(\\d+)");
    private static final Map<String, Integer> PRESETS = Map.of("1K", 1024, "2K", 2048, "4K", 4096);
    private static final long MAX_IMAGE_BYTES = 10L * 1024 * 1024;

    public volatile Mode mode = Mode.SUCCESS;
    public volatile String apiKey = "test-key";
    public volatile int retryAfterSeconds = 5;
    public volatile long slowMillis = 8_000;
    public volatile String refusalCode = "InputTextSensitiveContentDetected";
    /** Every request, downloads included, in arrival order. */
    public final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    private final Map<String, byte[]> results = new ConcurrentHashMap<>();
    private final Map<String, byte[]> images = new ConcurrentHashMap<>();

    public ArkStandIn() {}

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** The base URL an adapter should use for this server (what ARK_BASE_URL would be). */
    public static String baseUrl(MockWebServer server) {
        return server.url("/api/v3").toString();
    }

    public static JsonNode json(RecordedRequest request) {
        return Json.read(request.getBody() == null ? "null" : request.getBody().utf8(), JsonNode.class);
    }

    public List<RecordedRequest> requestsTo(String prefix) {
        return requests.stream().filter(r -> path(r).startsWith(prefix)).toList();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        String path = path(request);
        if (path.startsWith("/results/")) return result(request, path);
        String requestId = UUID.randomUUID().toString().replace("-", "");
        if (mode == Mode.BAD_KEY
                || !("Bearer " + apiKey).equals(request.getHeaders().get("Authorization")))
            return error(
                    401,
                    "AuthenticationError",
                    "The API key in the request is missing or invalid. Request id: " + requestId,
                    "",
                    "Unauthorized",
                    requestId);
        if (!path.equals("/images/generations"))
            return error(404, "NotFound", "The requested resource was not found.", "", "NotFound", requestId);
        if (!request.getMethod().equals("POST"))
            return error(405, "MethodNotAllowed", "The method is not allowed.", "", "MethodNotAllowed", requestId);
        String contentType = request.getHeaders().get("Content-Type");
        if (contentType == null || !contentType.startsWith("application/json"))
            return invalid("InvalidParameter", "The request Content-Type must be application/json.", "", requestId);
        JsonNode body;
        try {
            body = Json.tree(request.getBody() == null ? "" : request.getBody().utf8());
        } catch (Exception e) {
            return invalid("InvalidParameter", "The request body is not valid JSON.", "", requestId);
        }
        return generate(request, body, requestId);
    }

    private MockResponse generate(RecordedRequest request, JsonNode body, String requestId) {
        String model = body.path("model").asText("");
        if (!model.equals(SEEDREAM) && !model.equals(SEEDEDIT) && !model.startsWith("ep-"))
            return error(
                    404,
                    "InvalidEndpointOrModel.NotFound",
                    "The model or endpoint " + model + " does not exist or you do not have access to it.",
                    "",
                    "NotFound",
                    requestId);
        if (!body.path("prompt").isTextual() || body.path("prompt").asText().isBlank())
            return invalid(
                    "MissingParameter",
                    "The request failed because it is missing one or multiple required parameters.",
                    "prompt",
                    requestId);

        List<JsonNode> references = new ArrayList<>();
        JsonNode image = body.path("image");
        if (image.isTextual()) references.add(image);
        else if (image.isArray() && !model.equals(SEEDEDIT)) image.forEach(references::add);
        else if (!image.isMissingNode())
            return invalid("InvalidParameter", "The parameter `image` is invalid.", "image", requestId);
        if (model.equals(SEEDEDIT) && references.isEmpty())
            return invalid("MissingParameter", "SeedEdit needs an image.", "image", requestId);
        if (references.size() > 10)
            return invalid("InvalidParameter", "At most 10 reference images.", "image", requestId);
        ImageHeader reference = null;
        for (JsonNode entry : references) {
            Object checked = checkImage(entry.asText(""), requestId);
            if (checked instanceof MockResponse problem) return problem;
            if (reference == null) reference = (ImageHeader) checked;
        }

        String size = body.path("size").asText(model.equals(SEEDEDIT) ? "adaptive" : "2K");
        int[] dims = dimensions(size, model, reference);
        if (dims == null)
            return invalid(
                    "InvalidParameter",
                    "The parameter `size` specified in the request is not valid.",
                    "size",
                    requestId);
        JsonNode seed = body.path("seed");
        if (!seed.isMissingNode() && !(seed.isIntegralNumber() && seed.asLong() >= -1 && seed.asLong() <= 2147483647L))
            return invalid(
                    "InvalidParameter",
                    "The parameter `seed` specified in the request is not valid.",
                    "seed",
                    requestId);
        String format = body.path("response_format").asText("url");
        if (!Set.of("url", "b64_json").contains(format))
            return invalid(
                    "InvalidParameter",
                    "The parameter `response_format` specified in the request is not valid.",
                    "response_format",
                    requestId);
        if (body.has("watermark") && !body.path("watermark").isBoolean())
            return invalid(
                    "InvalidParameter",
                    "The parameter `watermark` specified in the request is not valid.",
                    "watermark",
                    requestId);
        if (body.has("sequential_image_generation")
                && !Set.of("auto", "disabled")
                        .contains(body.path("sequential_image_generation").asText()))
            return invalid(
                    "InvalidParameter",
                    "The parameter `sequential_image_generation` specified in the request is not valid.",
                    "sequential_image_generation",
                    requestId);

        switch (mode) {
            case THROTTLED -> {
                MockResponse.Builder b = errorBuilder(
                        429,
                        "RateLimitExceeded.EndpointRPMExceeded",
                        "Your account has exceeded the requests per minute (RPM) rate limit. Request id: " + requestId,
                        "",
                        "TooManyRequests",
                        requestId);
                if (retryAfterSeconds > 0) b.addHeader("Retry-After", retryAfterSeconds);
                return b.build();
            }
            case UNAVAILABLE -> {
                return error(
                        500,
                        "InternalServiceError",
                        "The service encountered an unexpected internal error. Request id: " + requestId,
                        "",
                        "InternalServerError",
                        requestId);
            }
            case REFUSED -> {
                return invalid(
                        refusalCode,
                        "The request failed because the input text may contain sensitive information. Request id: "
                                + requestId,
                        "",
                        requestId);
            }
            case INVALID -> {
                return invalid(
                        "InvalidParameter",
                        "The parameter `guidance_scale` specified in the request is not valid.",
                        "guidance_scale",
                        requestId);
            }
            case MALFORMED -> {
                return new MockResponse.Builder()
                        .code(200)
                        .addHeader("Content-Type", "application/json")
                        .addHeader("x-request-id", requestId)
                        .body("{\"model\":\"" + model + "\",\"data\":[{\"b64_json\":")
                        .build();
            }
            case TRUNCATED -> {
                return new MockResponse.Builder()
                        .code(200)
                        .addHeader("Content-Type", "application/json")
                        .body(new Buffer()
                                .writeUtf8("{\"model\":\"" + model
                                        + "\",\"created\":1,\"data\":[{\"url\":\"http://x/y.jpeg\"}]}"))
                        .throttleBody(12, 0, TimeUnit.MILLISECONDS)
                        .onResponseBody(new SocketEffect.CloseSocket(true, false, false))
                        .build();
            }
            default -> {}
        }

        byte[] jpeg = images.computeIfAbsent(dims[0] + "x" + dims[1], k -> jpeg(dims[0], dims[1]));
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("model", model);
        answer.put("created", 1_757_000_000L);
        ObjectNode entry = answer.putArray("data").addObject();
        if (mode == Mode.OUTPUT_REFUSED) {
            entry.putObject("error")
                    .put("code", "OutputImageSensitiveContentDetected")
                    .put("message", "The request failed because the output image may contain sensitive information.");
        } else if (format.equals("b64_json")) {
            entry.put("b64_json", Base64.getEncoder().encodeToString(jpeg));
        } else {
            String name = UUID.randomUUID() + ".jpeg";
            results.put(name, jpeg);
            entry.put(
                    "url",
                    request.getUrl()
                            .newBuilder()
                            .encodedPath("/results/" + name)
                            .query(null)
                            .addQueryParameter("X-Tos-Algorithm", "TOS4-HMAC-SHA256")
                            .addQueryParameter("X-Tos-Expires", "86400")
                            .addQueryParameter("X-Tos-Signature", "c2lnbmF0dXJl")
                            .build()
                            .toString());
        }
        if (mode != Mode.OUTPUT_REFUSED) entry.put("size", dims[0] + "x" + dims[1]);
        long tokens = (long) dims[0] * dims[1] / 256;
        answer.putObject("usage")
                .put("generated_images", mode == Mode.OUTPUT_REFUSED ? 0 : 1)
                .put("output_tokens", tokens)
                .put("total_tokens", tokens);
        MockResponse.Builder b = new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .addHeader("x-request-id", requestId)
                .body(Json.write(answer));
        if (mode == Mode.SLOW) b.headersDelay(slowMillis, TimeUnit.MILLISECONDS);
        return b.build();
    }

    /** Presets keep the reference image's proportions at about N×N pixels; WxH must lie in Seedream 4.0's range. */
    private static int[] dimensions(String size, String model, ImageHeader reference) {
        if (model.equals(SEEDEDIT)) {
            return size.equals("adaptive") && reference != null
                    ? new int[] {reference.width(), reference.height()}
                    : null;
        }
        Integer preset = PRESETS.get(size.toUpperCase(Locale.ROOT));
        if (preset != null && size.equals(size.toUpperCase(Locale.ROOT))) {
            if (reference == null) return new int[] {preset, preset};
            double ratio = (double) reference.width() / reference.height();
            return new int[] {(int) Math.round(preset * Math.sqrt(ratio)), (int) Math.round(preset / Math.sqrt(ratio))};
        }
        Matcher m = WXH.matcher(size);
        if (!m.matches()) return null;
        long width = Long.parseLong(m.group(1));
        long height = Long.parseLong(m.group(2));
        if (width < 1 || height < 1) return null;
        double ratio = (double) width / height;
        long pixels = width * height;
        if (pixels < 1280L * 720 || pixels > 4096L * 4096 || ratio > 16 || ratio < 1 / 16.0) return null;
        return new int[] {(int) width, (int) height};
    }

    private Object checkImage(String url, String requestId) {
        Matcher m = DATA_URL.matcher(url);
        if (!m.matches())
            return invalid(
                    "InvalidParameter",
                    "The parameter `image` must be a base64 data URL in this stand-in.",
                    "image",
                    requestId);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            return invalid("InvalidParameter", "The image is not valid base64.", "image", requestId);
        }
        if (bytes.length > MAX_IMAGE_BYTES)
            return invalid("InvalidParameter", "The image exceeds 10 MB.", "image", requestId);
        ImageHeader header;
        try {
            header = ImageInspector.inspect(bytes);
        } catch (Exception e) {
            return invalid("InvalidParameter", "The image format is not supported.", "image", requestId);
        }
        if (!header.format().mimeType().equals(m.group(1)))
            return invalid(
                    "InvalidParameter", "The data URL's media type does not match the image.", "image", requestId);
        double ratio = (double) header.width() / header.height();
        if (ratio > 3
                || ratio < 1 / 3.0
                || Math.min(header.width(), header.height()) <= 14
                || Math.max(header.width(), header.height()) > 6000)
            return invalid(
                    "InvalidParameter",
                    "The image size or aspect ratio is not supported (aspect 1/3 to 3, sides 15 to 6000 px).",
                    "image",
                    requestId);
        return header;
    }

    private MockResponse result(RecordedRequest request, String path) {
        if (request.getHeaders().get("Authorization") != null)
            return new MockResponse.Builder()
                    .code(400)
                    .body(
                            "<Error><Code>InvalidArgument</Code><Message>Unexpected Authorization header on a signed URL</Message></Error>")
                    .build();
        byte[] bytes = results.get(path.substring("/results/".length()));
        if (bytes == null)
            return new MockResponse.Builder()
                    .code(404)
                    .body("<Error><Code>NoSuchKey</Code></Error>")
                    .build();
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "image/jpeg")
                .body(new Buffer().write(bytes))
                .build();
    }

    private static byte[] jpeg(int width, int height) {
        try {
            return ImageCodec.encode(ImageCodec.decode(TestImages.png(width, height)), ImageFormat.JPEG, 90);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static MockResponse invalid(String code, String message, String param, String requestId) {
        return error(400, code, message, param, "BadRequest", requestId);
    }

    private static MockResponse error(
            int status, String code, String message, String param, String type, String requestId) {
        return errorBuilder(status, code, message, param, type, requestId).build();
    }

    private static MockResponse.Builder errorBuilder(
            int status, String code, String message, String param, String type, String requestId) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("error")
                .put("code", code)
                .put("message", message)
                .put("param", param)
                .put("type", type);
        return new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", "application/json")
                .addHeader("x-request-id", requestId)
                .body(Json.write(body));
    }

    private static String path(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        return path.startsWith("/api/v3/") ? path.substring("/api/v3".length()) : path;
    }
}
