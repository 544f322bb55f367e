package io.atelier.providers.dashscope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.fakes.TestImages;
import io.atelier.imaging.ImageHeader;
import io.atelier.imaging.ImageInspector;
import io.atelier.json.Json;
import java.util.Base64;
import java.util.List;
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
 * A stand-in for DashScope that checks requests as the real service does (paths, bearer key, JSON fields, the
 * X-DashScope-Async header Wanx insists on, the inline image's format and size) and answers with its documented
 * shapes. Serve it at {@code server.url("/api/v1")} (or at the root: the /api/v1 prefix is optional); result URLs
 * point back at this server, like DashScope's signed OSS links, and must be fetched without credentials.
 *
 * <p>{@link #mode} decides how it behaves; errors that DashScope reports inside a task (refusal, failure, failed
 * results, cancellation) are given on the poll, everything else on the first request.
 */
public class DashScopeStandIn extends Dispatcher {
    public enum Mode {
        /** Sync edits answer at once; tasks succeed on the first poll. */
        SUCCESS,
        /** Tasks answer PENDING, then RUNNING, then SUCCEEDED. */
        ASYNC,
        /** 429 Throttling.RateQuota with a Retry-After of {@link #retryAfterSeconds} (when above 0). */
        THROTTLED,
        /** 500 InternalError.Algo. */
        UNAVAILABLE,
        /** A success whose headers come after {@link #slowMillis}. */
        SLOW,
        /** 400 DataInspectionFailed for edits; a FAILED task with that code for Wanx and out-painting. */
        REFUSED,
        /** 401 InvalidApiKey whatever the key. */
        BAD_KEY,
        /** 200 with a body that is not JSON. */
        MALFORMED,
        /** 200 whose body breaks off before its declared length. */
        TRUNCATED,
        /** 400 InvalidParameter. */
        INVALID,
        /** The task ends FAILED with {@link #taskFailureCode}. */
        TASK_FAILED,
        /** The task SUCCEEDED but its only result entry failed (InternalError.Timeout). */
        RESULTS_FAILED,
        /** The task ends CANCELED. */
        CANCELED
    }

    static final Set<String> WANX_FUNCTIONS = Set.of(
            "stylization_all",
            "stylization_local",
            "description_edit",
            "description_edit_with_mask",
            "remove_watermark",
            "expand",
            "super_resolution",
            "colorization",
            "doodle",
            "control_cartoon_feature");
    static final Set<String> OUTPUT_RATIOS = Set.of("", "1:1", "3:4", "4:3", "9:16", "16:9");
    private static final Pattern DATA_URL = Pattern.compile("data:(image/[a-z]+);base64,(.*)", Pattern.DOTALL);
    private static final Pattern TASK_PATH = Pattern.compile("/tasks/([^/]+)");
    private static final long MAX_IMAGE_BYTES = 10L * 1024 * 1024;
    private static final int MAX_RESULT_SIDE = 4096;

    public volatile Mode mode = Mode.SUCCESS;
    public volatile String apiKey = "test-key";
    public volatile int retryAfterSeconds = 7;
    public volatile long slowMillis = 8_000;
    public volatile String taskFailureCode = "InternalError.Algo";
    /** Every request, downloads included, in arrival order. */
    public final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final Map<String, byte[]> results = new ConcurrentHashMap<>();
    private final Map<String, byte[]> images = new ConcurrentHashMap<>();

    private static final class Task {
        final boolean outPainting;
        final Mode mode;
        final String resultUrl;
        int polls;

        Task(boolean outPainting, Mode mode, String resultUrl) {
            this.outPainting = outPainting;
            this.mode = mode;
            this.resultUrl = resultUrl;
        }
    }

    public DashScopeStandIn() {}

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** The base URL an adapter should use for this server (what DASHSCOPE_BASE_URL would be). */
    public static String baseUrl(MockWebServer server) {
        return server.url("/api/v1").toString();
    }

    /** The request body of a recorded request as JSON. */
    public static JsonNode json(RecordedRequest request) {
        return Json.read(request.getBody() == null ? "null" : request.getBody().utf8(), JsonNode.class);
    }

    /** Recorded requests whose path (without /api/v1) starts with the prefix. */
    public List<RecordedRequest> requestsTo(String prefix) {
        return requests.stream().filter(r -> path(r).startsWith(prefix)).toList();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        String path = path(request);
        if (path.startsWith("/results/")) return result(request, path);
        if (mode == Mode.BAD_KEY
                || !("Bearer " + apiKey).equals(request.getHeaders().get("Authorization")))
            return error(401, "InvalidApiKey", "Invalid API-key provided.");
        Matcher task = TASK_PATH.matcher(path);
        if (task.matches()) {
            if (!request.getMethod().equals("GET")) return error(405, "MethodNotAllowed", "Use GET for tasks.");
            return poll(request, task.group(1));
        }
        boolean known = path.equals("/services/aigc/multimodal-generation/generation")
                || path.equals("/services/aigc/image2image/image-synthesis")
                || path.equals("/services/aigc/image2image/out-painting");
        if (!known) return error(404, "NotFound", "Not found: " + path);
        if (!request.getMethod().equals("POST")) return error(405, "MethodNotAllowed", "Use POST.");
        String contentType = request.getHeaders().get("Content-Type");
        if (contentType == null || !contentType.startsWith("application/json"))
            return error(400, "InvalidParameter", "Content-Type must be application/json.");
        JsonNode body;
        try {
            body = Json.tree(request.getBody() == null ? "" : request.getBody().utf8());
        } catch (Exception e) {
            return error(400, "InvalidParameter", "The request body is not valid JSON.");
        }
        String async = request.getHeaders().get("X-DashScope-Async");
        return switch (path) {
            case "/services/aigc/multimodal-generation/generation" ->
                async != null
                        ? error(403, "AccessDenied", "current user api does not support asynchronous calls")
                        : qwen(request, body);
            case "/services/aigc/image2image/image-synthesis" ->
                !"enable".equals(async)
                        ? error(403, "AccessDenied", "current user api does not support synchronous calls")
                        : wanx(request, body);
            default ->
                !"enable".equals(async)
                        ? error(403, "AccessDenied", "current user api does not support synchronous calls")
                        : outPaint(request, body);
        };
    }

    private MockResponse qwen(RecordedRequest request, JsonNode body) {
        String model = body.path("model").asText("");
        if (!Set.of("qwen-image-edit-plus", "qwen-image-edit").contains(model))
            return error(400, "InvalidParameter", "Model not exist.");
        JsonNode messages = body.path("input").path("messages");
        if (!messages.isArray()
                || messages.size() != 1
                || !messages.path(0).path("role").asText().equals("user"))
            return error(400, "InvalidParameter", "input.messages must hold one user message.");
        int imageCount = 0;
        String text = null;
        Dimensions first = null;
        for (JsonNode part : messages.path(0).path("content")) {
            if (part.has("image")) {
                imageCount++;
                Object checked = checkImage(part.path("image").asText(""), 384, 3072);
                if (checked instanceof MockResponse problem) return problem;
                if (first == null) first = (Dimensions) checked;
            } else if (part.has("text")) {
                if (text != null) return error(400, "InvalidParameter", "Only one text item is allowed.");
                text = part.path("text").asText("");
            } else {
                return error(400, "InvalidParameter", "Each content item needs image or text.");
            }
        }
        if (imageCount < 1 || imageCount > 3)
            return error(400, "InvalidParameter", "Between 1 and 3 images are required.");
        if (text == null || text.isBlank()) return error(400, "InvalidParameter", "The text item is required.");
        if (text.length() > 800) return error(400, "InvalidParameter", "The text must be at most 800 characters.");
        JsonNode parameters = body.path("parameters");
        MockResponse problem = checkParameters(parameters);
        if (problem != null) return problem;
        if (parameters.has("negative_prompt")
                && (!parameters.path("negative_prompt").isTextual()
                        || parameters.path("negative_prompt").asText().length() > 500))
            return error(400, "InvalidParameter", "negative_prompt must be text of at most 500 characters.");
        if (parameters.has("prompt_extend") && !parameters.path("prompt_extend").isBoolean())
            return error(400, "InvalidParameter", "prompt_extend must be a boolean.");
        if (parameters.has("watermark") && !parameters.path("watermark").isBoolean())
            return error(400, "InvalidParameter", "watermark must be a boolean.");
        if (parameters.has("n")
                && !(parameters.path("n").isInt()
                        && parameters.path("n").asInt() >= 1
                        && parameters.path("n").asInt() <= 6))
            return error(400, "InvalidParameter", "n must be between 1 and 6.");

        MockResponse early = submitMode(true);
        if (early != null) return early;
        String url = storeResult(request, first.width, first.height);
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode content = answer.putObject("output")
                .putArray("choices")
                .addObject()
                .put("finish_reason", "stop")
                .putObject("message")
                .put("role", "assistant")
                .putArray("content");
        content.addObject().put("image", url);
        answer.putObject("usage")
                .put("width", first.width)
                .put("height", first.height)
                .put("image_count", 1);
        answer.put("request_id", UUID.randomUUID().toString());
        return ok(answer);
    }

    private MockResponse wanx(RecordedRequest request, JsonNode body) {
        if (!body.path("model").asText("").equals("wanx2.1-imageedit"))
            return error(400, "InvalidParameter", "Model not exist.");
        JsonNode input = body.path("input");
        String function = input.path("function").asText("");
        if (!WANX_FUNCTIONS.contains(function))
            return error(400, "InvalidParameter", "input.function is invalid: " + function);
        String prompt = input.path("prompt").asText("");
        if (prompt.isBlank()) return error(400, "InvalidParameter", "Field required: input.prompt");
        if (prompt.length() > 800)
            return error(400, "InvalidParameter", "input.prompt must be at most 800 characters.");
        Object checked = checkImage(input.path("base_image_url").asText(""), 512, 4096);
        if (checked instanceof MockResponse problem) return problem;
        Dimensions in = (Dimensions) checked;
        JsonNode parameters = body.path("parameters");
        MockResponse problem = checkParameters(parameters);
        if (problem != null) return problem;
        if (parameters.has("n")
                && !(parameters.path("n").isInt()
                        && parameters.path("n").asInt() >= 1
                        && parameters.path("n").asInt() <= 4))
            return error(400, "InvalidParameter", "n must be between 1 and 4.");
        int factor = 1;
        if (function.equals("super_resolution") && parameters.has("upscale_factor")) {
            JsonNode f = parameters.path("upscale_factor");
            if (!f.isInt() || f.asInt() < 1 || f.asInt() > 4)
                return error(400, "InvalidParameter", "upscale_factor must be an integer from 1 to 4.");
            factor = f.asInt();
        }
        if (function.equals("stylization_all") && parameters.has("strength")) {
            JsonNode s = parameters.path("strength");
            if (!s.isNumber() || s.asDouble() < 0 || s.asDouble() > 1)
                return error(400, "InvalidParameter", "strength must be between 0 and 1.");
        }
        return submit(request, false, in.width * factor, in.height * factor);
    }

    private MockResponse outPaint(RecordedRequest request, JsonNode body) {
        if (!body.path("model").asText("").equals("image-out-painting"))
            return error(400, "InvalidParameter", "Model not exist.");
        Object checked = checkImage(body.path("input").path("image_url").asText(""), 512, 4096);
        if (checked instanceof MockResponse problem) return problem;
        Dimensions in = (Dimensions) checked;
        JsonNode p = body.path("parameters");
        String ratio = p.path("output_ratio").asText("");
        if (p.has("output_ratio") && !OUTPUT_RATIOS.contains(ratio))
            return error(400, "InvalidParameter", "output_ratio is invalid: " + ratio);
        for (String scale : List.of("x_scale", "y_scale"))
            if (p.has(scale)
                    && (!p.path(scale).isNumber()
                            || p.path(scale).asDouble() < 1
                            || p.path(scale).asDouble() > 3))
                return error(400, "InvalidParameter", scale + " must be between 1.0 and 3.0.");
        for (String offset : List.of("left_offset", "right_offset", "top_offset", "bottom_offset"))
            if (p.has(offset)
                    && (!p.path(offset).isIntegralNumber() || p.path(offset).asInt() < 0))
                return error(400, "InvalidParameter", offset + " must be a non-negative integer.");
        if (p.has("angle")
                && (!p.path("angle").isIntegralNumber()
                        || p.path("angle").asInt() < 0
                        || p.path("angle").asInt() > 359))
            return error(400, "InvalidParameter", "angle must be between 0 and 359.");
        int width = in.width;
        int height = in.height;
        if (!ratio.isEmpty()) {
            String[] parts = ratio.split(":");
            double target = Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
            if ((double) width / height < target) width = (int) Math.round(height * target);
            else height = (int) Math.round(width / target);
        } else {
            width = (int) Math.round(width * p.path("x_scale").asDouble(1.0))
                    + p.path("left_offset").asInt(0)
                    + p.path("right_offset").asInt(0);
            height = (int) Math.round(height * p.path("y_scale").asDouble(1.0))
                    + p.path("top_offset").asInt(0)
                    + p.path("bottom_offset").asInt(0);
        }
        return submit(request, true, width, height);
    }

    private MockResponse submit(RecordedRequest request, boolean outPainting, int width, int height) {
        MockResponse early = submitMode(false);
        if (early != null) return early;
        String taskId = UUID.randomUUID().toString();
        tasks.put(taskId, new Task(outPainting, mode, storeResult(request, width, height)));
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.putObject("output").put("task_status", "PENDING").put("task_id", taskId);
        answer.put("request_id", UUID.randomUUID().toString());
        return ok(answer);
    }

    private MockResponse poll(RecordedRequest request, String taskId) {
        Task task = tasks.get(taskId);
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("request_id", UUID.randomUUID().toString());
        ObjectNode output = answer.putObject("output").put("task_id", taskId);
        if (task == null) {
            output.put("task_status", "UNKNOWN");
            return ok(answer);
        }
        int polls;
        synchronized (task) {
            polls = ++task.polls;
        }
        output.put("submit_time", "2025-01-01 10:00:00.000");
        if (task.mode == Mode.ASYNC && polls <= 2) {
            output.put("task_status", polls == 1 ? "PENDING" : "RUNNING");
            return ok(answer);
        }
        output.put("end_time", "2025-01-01 10:00:09.000");
        switch (task.mode) {
            case REFUSED ->
                output.put("task_status", "FAILED")
                        .put("code", "DataInspectionFailed")
                        .put("message", "Input data may contain inappropriate content.");
            case TASK_FAILED ->
                output.put("task_status", "FAILED")
                        .put("code", taskFailureCode)
                        .put("message", "The task failed: " + taskFailureCode);
            case CANCELED -> output.put("task_status", "CANCELED");
            case RESULTS_FAILED -> {
                output.put("task_status", "SUCCEEDED");
                output.putArray("results")
                        .addObject()
                        .put("code", "InternalError.Timeout")
                        .put("message", "Processing timed out.");
                output.putObject("task_metrics")
                        .put("TOTAL", 1)
                        .put("SUCCEEDED", 0)
                        .put("FAILED", 1);
            }
            default -> {
                output.put("task_status", "SUCCEEDED");
                if (task.outPainting) output.put("output_image_url", task.resultUrl);
                else {
                    output.putArray("results").addObject().put("url", task.resultUrl);
                    output.putObject("task_metrics")
                            .put("TOTAL", 1)
                            .put("SUCCEEDED", 1)
                            .put("FAILED", 0);
                }
                answer.putObject("usage").put("image_count", 1);
            }
        }
        return ok(answer);
    }

    /** The modes that decide the first answer; null to carry on with a success. */
    private MockResponse submitMode(boolean synchronous) {
        return switch (mode) {
            case THROTTLED -> {
                MockResponse.Builder b = errorBuilder(
                        429, "Throttling.RateQuota", "Requests rate limit exceeded, please try again later.");
                if (retryAfterSeconds > 0) b.addHeader("Retry-After", retryAfterSeconds);
                yield b.build();
            }
            case UNAVAILABLE ->
                error(
                        500,
                        "InternalError.Algo",
                        "An internal error has occured during execution, please try again later.");
            case INVALID -> error(400, "InvalidParameter", "The parameters are not valid.");
            case REFUSED ->
                synchronous
                        ? error(400, "DataInspectionFailed", "Input data may contain inappropriate content.")
                        : null;
            case MALFORMED ->
                new MockResponse.Builder()
                        .code(200)
                        .addHeader("Content-Type", "application/json")
                        .body("{\"output\": {\"choices\": [<html>")
                        .build();
            case TRUNCATED -> truncated();
            default -> null;
        };
    }

    private MockResponse truncated() {
        String whole = "{\"output\":{\"task_status\":\"PENDING\",\"task_id\":\"" + UUID.randomUUID()
                + "\"},\"request_id\":\"r\"}";
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(new Buffer().writeUtf8(whole))
                .throttleBody(12, 0, TimeUnit.MILLISECONDS)
                .onResponseBody(new SocketEffect.CloseSocket(true, false, false))
                .build();
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
                .addHeader("Content-Type", "image/png")
                .body(new Buffer().write(bytes))
                .build();
    }

    private String storeResult(RecordedRequest request, int width, int height) {
        double shrink = Math.min(1.0, (double) MAX_RESULT_SIDE / Math.max(width, height));
        int w = Math.max(1, (int) Math.round(width * shrink));
        int h = Math.max(1, (int) Math.round(height * shrink));
        String name = UUID.randomUUID() + ".png";
        results.put(name, images.computeIfAbsent(w + "x" + h, k -> TestImages.png(w, h)));
        return request.getUrl()
                .newBuilder()
                .encodedPath("/results/" + name)
                .query(null)
                .addQueryParameter("Expires", "1767225600")
                .addQueryParameter("OSSAccessKeyId", "LTAI-standin")
                .addQueryParameter("Signature", "c2lnbmF0dXJl")
                .build()
                .toString();
    }

    private record Dimensions(int width, int height) {}

    /** An inline image as DashScope checks it: a data URL of a real image, at most 10 MB, sides within bounds. */
    private Object checkImage(String url, int minSide, int maxSide) {
        Matcher m = DATA_URL.matcher(url);
        if (!m.matches())
            return error(
                    400,
                    "InvalidParameter.DataUri",
                    "The image must be a data:image/...;base64, URL in this stand-in.");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            return error(400, "InvalidParameter.DataUri", "The image data is not valid base64.");
        }
        if (bytes.length > MAX_IMAGE_BYTES) return error(400, "InvalidParameter.FileSize", "The image exceeds 10 MB.");
        ImageHeader header;
        try {
            header = ImageInspector.inspect(bytes);
        } catch (Exception e) {
            return error(400, "InvalidParameter.ImageFormat", "The image format is not supported.");
        }
        if (!header.format().mimeType().equals(m.group(1)))
            return error(
                    400,
                    "InvalidParameter.ImageFormat",
                    "The data URL says " + m.group(1) + " but holds "
                            + header.format().mimeType());
        if (Math.min(header.width(), header.height()) < minSide || Math.max(header.width(), header.height()) > maxSide)
            return error(
                    400,
                    "InvalidParameter.ImageResolution",
                    "The image width and height must be between " + minSide + " and " + maxSide + " pixels.");
        return new Dimensions(header.width(), header.height());
    }

    private MockResponse checkParameters(JsonNode parameters) {
        if (parameters.has("seed")
                && !(parameters.path("seed").isIntegralNumber()
                        && parameters.path("seed").asLong() >= 0
                        && parameters.path("seed").asLong() <= 2147483647L))
            return error(400, "InvalidParameter", "seed must be between 0 and 2147483647.");
        return null;
    }

    private MockResponse ok(JsonNode answer) {
        MockResponse.Builder b = new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(Json.write(answer));
        if (mode == Mode.SLOW) b.headersDelay(slowMillis, TimeUnit.MILLISECONDS);
        return b.build();
    }

    private static MockResponse error(int status, String code, String message) {
        return errorBuilder(status, code, message).build();
    }

    private static MockResponse.Builder errorBuilder(int status, String code, String message) {
        ObjectNode body = Json.MAPPER
                .createObjectNode()
                .put("code", code)
                .put("message", message)
                .put("request_id", UUID.randomUUID().toString());
        return new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", "application/json")
                .body(Json.write(body));
    }

    private static String path(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        return path.startsWith("/api/v1/") ? path.substring("/api/v1".length()) : path;
    }
}
