package io.atelier.providers.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.imaging.ImageHeader;
import io.atelier.imaging.ImageInspector;
import io.atelier.imaging.ImageRejectedException;
import io.atelier.json.Json;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;

/**
 * Stands in for a ComfyUI server: {@code POST /upload/image}, {@code POST /prompt} (validating the workflow as ComfyUI
 * does — known node classes, LoadImage naming an uploaded file, INT seeds, checkpoints that exist, at least one output
 * node — and answering 400 with {@code error}/{@code node_errors} otherwise), {@code GET /history/{id}} ({@code {}} until
 * done), {@code GET /queue} and {@code GET /view}. The output image is the input scaled by any {@code ImageScaleBy} node
 * (or the {@code EmptyLatentImage} size when there is no input). Switch {@link #mode} to make it misbehave.
 */
public class ComfyUiStandIn extends Dispatcher {

    public enum Mode {
        /** Works; each prompt shows {@code {}} in its history for one poll. */
        SUCCESS,
        /** Works; pending for two polls. */
        ASYNC,
        /** The node raising an exception: status_str error with an execution_error message. */
        EXECUTION_ERROR,
        /** Like EXECUTION_ERROR, with CUDA running out of memory. */
        OUT_OF_MEMORY,
        /** Someone pressed cancel on the server: execution_interrupted. */
        INTERRUPTED,
        /** ComfyUI restarted: the prompt is neither in the history nor in the queue. */
        LOST,
        /** A reverse proxy in front rate-limits: 429 with Retry-After {@link #retryAfterSeconds}. */
        THROTTLED,
        /** 503 from every route (server down behind its proxy). */
        UNAVAILABLE,
        /** Answers only after {@link #slowMillis}. */
        SLOW,
        /** A reverse proxy's 401 (ComfyUI itself has no auth). */
        BAD_KEY,
        /** /prompt answers 200 with something that is not JSON. */
        MALFORMED,
        /** /view breaks off half way through the image. */
        TRUNCATED
    }

    /** One request as received; {@code json} for JSON bodies, {@code fields}/{@code files} for multipart ones. */
    public record Received(
            String method,
            String path,
            String query,
            Headers headers,
            JsonNode json,
            Map<String, String> fields,
            Map<String, FilePart> files) {}

    public record FilePart(String filename, String contentType, byte[] bytes) {}

    private static final Set<String> NODE_CLASSES = Set.of(
            "LoadImage",
            "SaveImage",
            "PreviewImage",
            "CheckpointLoaderSimple",
            "CLIPTextEncode",
            "KSampler",
            "VAEDecode",
            "VAEEncode",
            "EmptyLatentImage",
            "ImageScaleBy",
            "ImageInvert");
    private static final Set<String> OUTPUT_NODES = Set.of("SaveImage", "PreviewImage");

    public volatile Mode mode = Mode.SUCCESS;
    public volatile int retryAfterSeconds = 5;
    public volatile long slowMillis = 8_000;
    /** The subfolder uploads land in (ComfyUI echoes the one asked for; "" by default). */
    public volatile String uploadSubfolder = "";

    public final Set<String> checkpoints = ConcurrentHashMap.newKeySet();
    public final List<Received> requests = new CopyOnWriteArrayList<>();

    /** type/subfolder/filename → bytes: uploads ("input") and results ("output", "temp"). */
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    private final Map<String, Prompt> prompts = new ConcurrentHashMap<>();
    private final AtomicInteger numbers = new AtomicInteger();

    private record Prompt(
            String id, int number, ObjectNode workflow, String clientId, AtomicInteger pendingPolls, Mode mode) {}

    public ComfyUiStandIn() {
        checkpoints.add("sd_xl_base_1.0.safetensors");
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        Received received = new Received(
                request.getMethod(),
                path,
                request.getUrl().encodedQuery(),
                request.getHeaders(),
                null,
                new LinkedHashMap<>(),
                new LinkedHashMap<>());
        MockResponse answer = answer(request, path, received);
        return mode == Mode.SLOW
                ? new MockResponse.Builder(answer)
                        .headersDelay(slowMillis, TimeUnit.MILLISECONDS)
                        .build()
                : answer;
    }

    private MockResponse answer(RecordedRequest request, String path, Received received) {
        Mode current = mode;
        if (current == Mode.BAD_KEY) {
            requests.add(received);
            return text(401, "401 Authorization Required");
        }
        if (current == Mode.THROTTLED) {
            requests.add(received);
            return new MockResponse.Builder()
                    .code(429)
                    .addHeader("Retry-After", retryAfterSeconds)
                    .body("Too Many Requests")
                    .build();
        }
        if (current == Mode.UNAVAILABLE) {
            requests.add(received);
            return text(503, "503 Service Unavailable");
        }
        String method = request.getMethod();
        if (method.equals("POST") && path.equals("/upload/image")) return upload(request, received);
        if (method.equals("POST") && path.equals("/prompt")) return prompt(request, received);
        requests.add(received);
        if (method.equals("GET") && path.startsWith("/history/")) return history(path.substring("/history/".length()));
        if (method.equals("GET") && path.equals("/queue")) return queue();
        if (method.equals("GET") && path.equals("/view")) return view(request);
        return text(404, "404: Not Found");
    }

    private MockResponse upload(RecordedRequest request, Received received) {
        String problem = parseForm(request, received);
        requests.add(received);
        if (problem != null) return text(400, problem);
        FilePart image = received.files().get("image");
        if (image == null || image.filename() == null || image.filename().isBlank()) return text(400, "");
        try {
            ImageInspector.inspect(image.bytes());
        } catch (ImageRejectedException e) {
            return text(400, "");
        }
        String type = received.fields().getOrDefault("type", "input");
        String subfolder = received.fields().getOrDefault("subfolder", uploadSubfolder);
        files.put(key(type, subfolder, image.filename()), image.bytes());
        ObjectNode body = Json.MAPPER
                .createObjectNode()
                .put("name", image.filename())
                .put("subfolder", subfolder)
                .put("type", type);
        return json(200, body);
    }

    private MockResponse prompt(RecordedRequest request, Received received) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(request.getBody().utf8());
        } catch (IOException e) {
            body = null;
        }
        received = new Received(
                received.method(),
                received.path(),
                received.query(),
                received.headers(),
                body,
                received.fields(),
                received.files());
        requests.add(received);
        String contentType = request.getHeaders().get("Content-Type");
        if (contentType == null
                || !contentType.startsWith("application/json")
                || body == null
                || !body.path("prompt").isObject())
            return invalidPrompt(
                    "invalid_prompt",
                    "Invalid prompt",
                    "the body must be JSON with a prompt object",
                    Json.MAPPER.createObjectNode());
        if (!body.path("client_id").isTextual())
            return invalidPrompt(
                    "invalid_prompt", "Invalid prompt", "client_id missing", Json.MAPPER.createObjectNode());
        ObjectNode workflow = (ObjectNode) body.get("prompt");
        boolean hasOutput = false;
        ObjectNode nodeErrors = Json.MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = workflow.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> node = it.next();
            String type = node.getValue().path("class_type").asText("");
            if (!NODE_CLASSES.contains(type))
                return invalidPrompt(
                        "invalid_prompt",
                        "Cannot execute because node " + type + " does not exist.",
                        "Node ID '#" + node.getKey() + "'",
                        Json.MAPPER.createObjectNode());
            hasOutput |= OUTPUT_NODES.contains(type);
            String error = nodeError(type, node.getValue().path("inputs"));
            if (error != null) {
                ObjectNode entry = nodeErrors.putObject(node.getKey());
                entry.putArray("errors")
                        .addObject()
                        .put("type", "value_not_valid")
                        .put("message", error.split("\\|")[0])
                        .put("details", error.split("\\|")[1])
                        .putObject("extra_info");
                entry.putArray("dependent_outputs");
                entry.put("class_type", type);
            }
        }
        if (!hasOutput)
            return invalidPrompt("prompt_no_outputs", "Prompt has no outputs", "", Json.MAPPER.createObjectNode());
        if (!nodeErrors.isEmpty())
            return invalidPrompt(
                    "prompt_outputs_failed_validation", "Prompt outputs failed validation", "", nodeErrors);
        if (mode == Mode.MALFORMED) return text(200, "<html><body>Bad gateway</body></html>");

        String id = UUID.randomUUID().toString();
        int number = numbers.incrementAndGet();
        prompts.put(
                id,
                new Prompt(
                        id,
                        number,
                        workflow,
                        body.get("client_id").asText(),
                        new AtomicInteger(mode == Mode.ASYNC ? 2 : 1),
                        mode));
        ObjectNode answer = Json.MAPPER.createObjectNode().put("prompt_id", id).put("number", number);
        answer.putObject("node_errors");
        return json(200, answer);
    }

    /** "message|details" for a node whose inputs ComfyUI would refuse, else null. */
    private String nodeError(String type, JsonNode inputs) {
        switch (type) {
            case "LoadImage" -> {
                String image = inputs.path("image").asText("");
                if (!files.containsKey(key(
                        "input",
                        image.contains("/") ? image.substring(0, image.lastIndexOf('/')) : "",
                        image.contains("/") ? image.substring(image.lastIndexOf('/') + 1) : image)))
                    return "Custom validation failed for node|image - Invalid image file: " + image;
            }
            case "KSampler" -> {
                if (!inputs.path("seed").isIntegralNumber()
                        || inputs.path("seed").asLong() < 0)
                    return "Failed to convert an input value to a INT value|seed, "
                            + inputs.path("seed").asText() + ", invalid literal for int()";
            }
            case "CheckpointLoaderSimple" -> {
                String name = inputs.path("ckpt_name").asText("");
                if (!checkpoints.contains(name))
                    return "Value not in list|ckpt_name: '" + name + "' not in " + checkpoints;
            }
            case "CLIPTextEncode" -> {
                if (!inputs.path("text").isTextual()) return "Required input is missing|text";
            }
            default -> {}
        }
        return null;
    }

    private MockResponse history(String id) {
        Prompt prompt = prompts.get(id);
        ObjectNode root = Json.MAPPER.createObjectNode();
        if (prompt == null
                || prompt.mode() == Mode.LOST
                || prompt.pendingPolls().getAndDecrement() > 0) return json(200, root);
        ObjectNode entry = root.putObject(id);
        ArrayNode promptInfo = entry.putArray("prompt");
        promptInfo.add(prompt.number()).add(id).add(prompt.workflow());
        promptInfo.addObject().put("client_id", prompt.clientId());
        ArrayNode outputIds = promptInfo.addArray();
        ObjectNode outputs = entry.putObject("outputs");
        ObjectNode status = entry.putObject("status");
        ArrayNode messages = status.putArray("messages");
        long started = 1_700_000_000_000L;
        messages.addArray()
                .add("execution_start")
                .addObject()
                .put("prompt_id", id)
                .put("timestamp", started);
        switch (prompt.mode()) {
            case EXECUTION_ERROR, OUT_OF_MEMORY, INTERRUPTED -> {
                String failing = firstNode(prompt.workflow(), "KSampler");
                String type = prompt.workflow().path(failing).path("class_type").asText();
                ObjectNode data = messages.addArray()
                        .add(prompt.mode() == Mode.INTERRUPTED ? "execution_interrupted" : "execution_error")
                        .addObject()
                        .put("prompt_id", id)
                        .put("node_id", failing)
                        .put("node_type", type)
                        .put("timestamp", started + 50);
                data.putArray("executed");
                if (prompt.mode() == Mode.EXECUTION_ERROR) {
                    data.put("exception_message", "Expected tensor of 4 dimensions, got 3\n")
                            .put("exception_type", "RuntimeError");
                } else if (prompt.mode() == Mode.OUT_OF_MEMORY) {
                    data.put("exception_message", "Allocation on device 0 would exceed allowed memory. (out of memory)")
                            .put("exception_type", "torch.OutOfMemoryError");
                }
                status.put("status_str", "error").put("completed", false);
                return json(200, root);
            }
            default -> {}
        }
        byte[] image = output(prompt.workflow());
        int counter = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = prompt.workflow().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> node = it.next();
            String type = node.getValue().path("class_type").asText();
            if (!OUTPUT_NODES.contains(type)) continue;
            outputIds.add(node.getKey());
            boolean saved = type.equals("SaveImage");
            String filename = saved
                    ? "%s_%05d_.png"
                            .formatted(
                                    node.getValue()
                                            .path("inputs")
                                            .path("filename_prefix")
                                            .asText("ComfyUI"),
                                    ++counter + prompt.number() * 10)
                    : "ComfyUI_temp_%s_%05d_.png".formatted(id.substring(0, 5), ++counter);
            files.put(key(saved ? "output" : "temp", "", filename), image);
            outputs.putObject(node.getKey())
                    .putArray("images")
                    .addObject()
                    .put("filename", filename)
                    .put("subfolder", "")
                    .put("type", saved ? "output" : "temp");
        }
        messages.addArray()
                .add("execution_success")
                .addObject()
                .put("prompt_id", id)
                .put("timestamp", started + 1234);
        status.put("status_str", "success").put("completed", true);
        return json(200, root);
    }

    private MockResponse queue() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode running = root.putArray("queue_running");
        root.putArray("queue_pending");
        for (Prompt prompt : prompts.values())
            // Running until a history call has shown it finished (the counter then drops below zero).
            if (prompt.mode() != Mode.LOST && prompt.pendingPolls().get() >= 0)
                running.addArray()
                        .add(prompt.number())
                        .add(prompt.id())
                        .add(prompt.workflow())
                        .addObject();
        return json(200, root);
    }

    private MockResponse view(RecordedRequest request) {
        var url = request.getUrl();
        String filename = url.queryParameter("filename");
        String subfolder = url.queryParameter("subfolder");
        String type = url.queryParameter("type");
        if (filename == null || type == null) return text(400, "");
        byte[] bytes = files.get(key(type, subfolder == null ? "" : subfolder, filename));
        if (bytes == null) return text(404, "");
        MockResponse.Builder response = new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "image/png")
                .addHeader("Content-Disposition", "filename=\"" + filename + "\"")
                .body(new Buffer().write(bytes));
        if (mode == Mode.TRUNCATED) response.onResponseBody(SocketEffect.ShutdownConnection.INSTANCE);
        return response.build();
    }

    /** The uploaded input (or an empty latent's size), scaled by any ImageScaleBy node. */
    private byte[] output(ObjectNode workflow) {
        int width = 512;
        int height = 512;
        double scale = 1;
        for (JsonNode node : workflow) {
            JsonNode inputs = node.path("inputs");
            switch (node.path("class_type").asText()) {
                case "LoadImage" -> {
                    String image = inputs.path("image").asText();
                    int slash = image.lastIndexOf('/');
                    byte[] bytes = files.get(
                            key("input", slash < 0 ? "" : image.substring(0, slash), image.substring(slash + 1)));
                    try {
                        ImageHeader header = ImageInspector.inspect(bytes);
                        width = header.width();
                        height = header.height();
                    } catch (ImageRejectedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                case "EmptyLatentImage" -> {
                    width = inputs.path("width").asInt(512);
                    height = inputs.path("height").asInt(512);
                }
                case "ImageScaleBy" -> scale *= inputs.path("scale_by").asDouble(1);
                default -> {}
            }
        }
        return png((int) Math.round(width * scale), (int) Math.round(height * scale));
    }

    private static String firstNode(ObjectNode workflow, String preferredType) {
        String first = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = workflow.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> node = it.next();
            if (first == null) first = node.getKey();
            if (node.getValue().path("class_type").asText().equals(preferredType)) return node.getKey();
        }
        return first;
    }

    private static MockResponse invalidPrompt(String type, String message, String details, ObjectNode nodeErrors) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("error")
                .put("type", type)
                .put("message", message)
                .put("details", details)
                .putObject("extra_info");
        body.set("node_errors", nodeErrors);
        return json(400, body);
    }

    private static String parseForm(RecordedRequest request, Received into) {
        String header = request.getHeaders().get("Content-Type");
        MediaType type = header == null ? null : MediaType.parse(header);
        if (type == null || !"multipart".equals(type.type()) || type.parameter("boundary") == null)
            return "Expected multipart/form-data";
        try (MultipartReader reader =
                new MultipartReader(new Buffer().write(request.getBody()), type.parameter("boundary"))) {
            for (MultipartReader.Part part; (part = reader.nextPart()) != null; ) {
                String disposition = part.headers().get("Content-Disposition");
                String name = attribute(disposition, "name");
                String filename = attribute(disposition, "filename");
                byte[] bytes = part.body().readByteArray();
                if (filename != null)
                    into.files().put(name, new FilePart(filename, part.headers().get("Content-Type"), bytes));
                else if (name != null) into.fields().put(name, new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return "Unreadable multipart body";
        }
        return null;
    }

    private static String attribute(String disposition, String name) {
        if (disposition == null) return null;
        Matcher matcher =
                Pattern.compile("(?:^|;)\\s*" + name + "=\"([^\"]*)\"").matcher(disposition);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String key(String type, String subfolder, String filename) {
        return type + "/" + (subfolder == null ? "" : subfolder) + "/" + filename;
    }

    private static MockResponse json(int status, JsonNode body) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", "application/json")
                .body(Json.write(body))
                .build();
    }

    private static MockResponse text(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", "text/plain")
                .body(body)
                .build();
    }

    private static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 90, 40));
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The requests to one path, in order. */
    public List<Received> to(String path) {
        List<Received> matching = new ArrayList<>();
        for (Received r : requests) if (r.path().equals(path)) matching.add(r);
        return matching;
    }
}
