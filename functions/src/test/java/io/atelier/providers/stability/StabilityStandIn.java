package io.atelier.providers.stability;

import io.atelier.imaging.ImageHeader;
import io.atelier.imaging.ImageInspector;
import io.atelier.imaging.ImageRejectedException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Stands in for {@code api.stability.ai} v2beta: checks each request as the real API does (path, bearer key, multipart
 * {@code image} part and its limits, each endpoint's required fields and ranges, Accept) and answers as it documents:
 * raw image bytes with {@code finish-reason} and {@code seed} headers, the creative upscaler's 200 {@code {"id"}} and its
 * 202/200 results, and errors as {@code {"id","name","errors":[…]}}. Switch {@link #mode} to make it misbehave.
 *
 * <p>Simplifications: upscalers answer 4× the input (the real conservative/creative ones aim at ~4K), and WebP output is
 * sent as PNG bytes (the JDK cannot write WebP); the image headers tell the truth about what was sent.
 */
public class StabilityStandIn extends Dispatcher {
    public static final String KEY = "sk-FAKE-stability";

    public enum Mode {
        /** Works; the creative upscaler is pending for one poll. */
        SUCCESS,
        /** Works; the creative upscaler is pending for two polls. */
        ASYNC,
        /** 429 with Stability's error body; a Retry-After header only when {@link #retryAfterSeconds} is set. */
        THROTTLED,
        /** 500 internal_error (the status Stability documents). */
        UNAVAILABLE,
        /** Answers only after {@link #slowMillis}. */
        SLOW,
        /** 403 content_moderation. */
        REFUSED,
        /** 200, but the image was blurred: {@code finish-reason: CONTENT_FILTERED}. */
        FILTERED,
        /** 401 whatever key is sent. */
        BAD_KEY,
        /** 402 payment_required: the account has no credits. */
        PAYMENT_REQUIRED,
        /** 200 with bytes that are no image (and a creative start that is no JSON). */
        MALFORMED,
        /** 200 whose body breaks off half way. */
        TRUNCATED,
        /** The results endpoint no longer knows the generation: 404. */
        EXPIRED,
        /** 400 bad_request for a well-formed request (as for an image Stability cannot process). */
        BAD_REQUEST
    }

    /** One request as received, with its multipart form parsed. */
    public record Received(
            String method, String path, Headers headers, Map<String, String> fields, Map<String, FilePart> files) {}

    public record FilePart(String filename, String contentType, byte[] bytes) {}

    private record Endpoint(
            String model, int minSide, int maxSide, long maxPixels, boolean aspectRule, Set<String> formats) {}

    private static final Map<String, Endpoint> ENDPOINTS = Map.of(
            "/v2beta/stable-image/upscale/fast",
                    new Endpoint("fast", 32, 1536, 1_048_576, false, Set.of("png", "jpeg", "webp")),
            "/v2beta/stable-image/upscale/conservative",
                    new Endpoint("conservative", 64, Integer.MAX_VALUE, 9_437_184, true, Set.of("png", "jpeg", "webp")),
            "/v2beta/stable-image/upscale/creative",
                    new Endpoint("creative", 64, Integer.MAX_VALUE, 1_048_576, true, Set.of("png", "jpeg", "webp")),
            "/v2beta/stable-image/edit/outpaint",
                    new Endpoint("outpaint", 64, Integer.MAX_VALUE, 9_437_184, true, Set.of("png", "jpeg", "webp")),
            "/v2beta/stable-image/edit/remove-background",
                    new Endpoint("remove-background", 64, Integer.MAX_VALUE, 4_194_304, true, Set.of("png", "webp")),
            "/v2beta/stable-image/edit/search-and-replace",
                    new Endpoint(
                            "search-and-replace",
                            64,
                            Integer.MAX_VALUE,
                            9_437_184,
                            true,
                            Set.of("png", "jpeg", "webp")));
    private static final long MAX_REQUEST_BYTES = 10L * 1024 * 1024;

    public volatile Mode mode = Mode.SUCCESS;
    public volatile Integer retryAfterSeconds;
    public volatile long slowMillis = 8_000;
    public volatile long seed = 1_234_567_890L;
    public final List<Received> requests = new CopyOnWriteArrayList<>();

    private final Map<String, Generation> generations = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private static final class Generation {
        final byte[] image;
        final AtomicInteger pendingPolls;

        Generation(byte[] image, int pendingPolls) {
            this.image = image;
            this.pendingPolls = new AtomicInteger(pendingPolls);
        }
    }

    public StabilityStandIn() {}

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        Received received = new Received(
                request.getMethod(), path, request.getHeaders(), new LinkedHashMap<>(), new LinkedHashMap<>());
        String formProblem = parseForm(request, received);
        requests.add(received);

        Mode current = mode;
        if (current == Mode.BAD_KEY
                || !("Bearer " + KEY).equals(request.getHeaders().get("authorization")))
            return error(401, "unauthorized", "authorization: invalid or missing API key");
        if (current == Mode.THROTTLED) {
            MockResponse.Builder throttled = errorBuilder(
                    429,
                    "rate_limit_exceeded",
                    "You have exceeded the rate limit of 150 requests within a 10 second period; you are timed out for 60 seconds.");
            if (retryAfterSeconds != null) throttled.addHeader("Retry-After", retryAfterSeconds);
            return throttled.build();
        }
        if (current == Mode.UNAVAILABLE)
            return error(500, "internal_error", "An unexpected server error has occurred, please try again later.");
        if (current == Mode.PAYMENT_REQUIRED)
            return error(402, "payment_required", "You lack sufficient credits to make this request.");

        if ("GET".equals(request.getMethod()) && path.startsWith("/v2beta/results/"))
            return result(request, path, current);
        Endpoint endpoint = ENDPOINTS.get(path);
        if (endpoint == null || !"POST".equals(request.getMethod()))
            return error(404, "not_found", request.getMethod() + " " + path + " is not a Stability v2beta route");
        if (request.getBodySize() > MAX_REQUEST_BYTES)
            return error(413, "payload_too_large", "body: payloads cannot be larger than 10MiB in size");
        if (formProblem != null) return error(400, "bad_request", formProblem);
        String accept = request.getHeaders().get("accept");
        if (!endpoint.model().equals("creative")
                && accept != null
                && !accept.equals("image/*")
                && !accept.equals("application/json"))
            return error(400, "bad_request", "accept: must be image/* or application/json");

        FilePart image = received.files().get("image");
        if (image == null) return error(400, "bad_request", "image: required");
        ImageHeader header;
        try {
            header = ImageInspector.inspect(image.bytes());
        } catch (ImageRejectedException e) {
            return error(400, "bad_request", "image: unsupported or corrupt image");
        }
        String sizeProblem = sizeProblem(endpoint, header);
        if (sizeProblem != null) return error(400, "bad_request", "image: " + sizeProblem);
        String fieldProblem = fieldProblem(endpoint, received.fields());
        if (fieldProblem != null) return error(400, "bad_request", fieldProblem);

        if (current == Mode.BAD_REQUEST) return error(400, "bad_request", "image: the image could not be processed");
        if (current == Mode.REFUSED)
            return error(
                    403,
                    "content_moderation",
                    "Your request was flagged by our content moderation system, as a result your request was denied and you were not charged.");
        MockResponse answer;
        if (endpoint.model().equals("creative")) {
            String id = "%064x".formatted(ids.incrementAndGet() + 0xabcdefL);
            generations.put(id, new Generation(output(received, header, "creative"), current == Mode.ASYNC ? 2 : 1));
            answer = current == Mode.MALFORMED
                    ? new MockResponse.Builder()
                            .code(200)
                            .addHeader("Content-Type", "application/json")
                            .body("{\"id\":")
                            .build()
                    : json(200, "{\"id\":\"" + id + "\"}");
        } else {
            answer = imageResponse(received, header, endpoint, accept);
        }
        return current == Mode.SLOW ? delayed(answer) : answer;
    }

    private MockResponse result(RecordedRequest request, String path, Mode current) {
        String id = path.substring("/v2beta/results/".length());
        Generation generation = generations.get(id);
        if (generation == null || current == Mode.EXPIRED)
            return error(404, "not_found", "id: generation " + id + " was not found or has expired");
        String accept = request.getHeaders().get("accept");
        if (accept != null && !accept.equals("image/*") && !accept.equals("application/json"))
            return error(400, "bad_request", "accept: must be image/* or application/json");
        MockResponse answer = generation.pendingPolls.getAndDecrement() > 0
                ? json(202, "{\"id\":\"" + id + "\",\"status\":\"in-progress\"}")
                : finished(generation.image, accept);
        return current == Mode.SLOW ? delayed(answer) : answer;
    }

    private MockResponse imageResponse(Received received, ImageHeader header, Endpoint endpoint, String accept) {
        return finished(output(received, header, endpoint.model()), accept);
    }

    private MockResponse finished(byte[] image, String accept) {
        Mode current = mode;
        String finishReason = current == Mode.FILTERED ? "CONTENT_FILTERED" : "SUCCESS";
        if (current == Mode.MALFORMED) image = "<html>not an image</html>".getBytes(StandardCharsets.UTF_8);
        MockResponse.Builder response = new MockResponse.Builder().code(200);
        if ("application/json".equals(accept)) {
            response.addHeader("Content-Type", "application/json")
                    .body("{\"image\":\"" + java.util.Base64.getEncoder().encodeToString(image)
                            + "\",\"finish_reason\":\"" + finishReason + "\",\"seed\":" + seed + "}");
        } else {
            response.addHeader("Content-Type", contentType(image))
                    .addHeader("finish-reason", finishReason)
                    .addHeader("seed", seed)
                    .body(new Buffer().write(image));
        }
        if (current == Mode.TRUNCATED) response.onResponseBody(SocketEffect.ShutdownConnection.INSTANCE);
        return response.build();
    }

    private MockResponse delayed(MockResponse response) {
        return new MockResponse.Builder(response)
                .headersDelay(slowMillis, TimeUnit.MILLISECONDS)
                .build();
    }

    /** The result image: its size follows what the endpoint does; its format follows output_format. */
    private static byte[] output(Received received, ImageHeader input, String model) {
        Map<String, String> f = received.fields();
        int width = input.width();
        int height = input.height();
        switch (model) {
            case "fast", "conservative", "creative" -> {
                width *= 4;
                height *= 4;
            }
            case "outpaint" -> {
                width += intOr(f.get("left")) + intOr(f.get("right"));
                height += intOr(f.get("up")) + intOr(f.get("down"));
            }
            default -> {}
        }
        return encode(width, height, f.getOrDefault("output_format", "png"));
    }

    private static String sizeProblem(Endpoint endpoint, ImageHeader header) {
        int w = header.width();
        int h = header.height();
        if (Math.min(w, h) < endpoint.minSide()) return "every side must be at least " + endpoint.minSide() + " pixels";
        if (Math.max(w, h) > endpoint.maxSide())
            return "width and height must be at most " + endpoint.maxSide() + " pixels";
        if ((long) w * h > endpoint.maxPixels()) return "total pixel count must be at most " + endpoint.maxPixels();
        if (endpoint.aspectRule() && (double) Math.max(w, h) / Math.min(w, h) > 2.5)
            return "aspect ratio must be between 1:2.5 and 2.5:1";
        return null;
    }

    private static String fieldProblem(Endpoint endpoint, Map<String, String> f) {
        String format = f.getOrDefault("output_format", "png");
        if (!endpoint.formats().contains(format)) return "output_format: must be one of " + endpoint.formats();
        switch (endpoint.model()) {
            case "conservative", "creative" -> {
                if (blank(f.get("prompt"))) return "prompt: required";
                double low = endpoint.model().equals("conservative") ? 0.2 : 0.1;
                String creativity = decimalProblem(f.get("creativity"), low, 0.5);
                if (creativity != null) return "creativity: " + creativity;
            }
            case "outpaint" -> {
                int sum = 0;
                for (String side : List.of("left", "right", "up", "down")) {
                    String value = f.get(side);
                    if (value == null) continue;
                    if (!value.matches("\\d{1,4}") || Integer.parseInt(value) > 2000)
                        return side + ": must be an integer from 0 to 2000";
                    sum += Integer.parseInt(value);
                }
                if (sum == 0) return "left, right, up, down: at least one must be greater than 0";
                String creativity = decimalProblem(f.get("creativity"), 0, 1);
                if (creativity != null) return "creativity: " + creativity;
            }
            case "search-and-replace" -> {
                if (blank(f.get("prompt"))) return "prompt: required";
                if (blank(f.get("search_prompt"))) return "search_prompt: required";
            }
            default -> {}
        }
        String seed = f.get("seed");
        if (seed != null && (!seed.matches("\\d{1,10}") || Long.parseLong(seed) > 4_294_967_294L))
            return "seed: must be an integer from 0 to 4294967294";
        return null;
    }

    private static String decimalProblem(String value, double min, double max) {
        if (value == null) return null;
        try {
            double d = Double.parseDouble(value);
            return d < min || d > max ? "must be between " + min + " and " + max : null;
        } catch (NumberFormatException e) {
            return "must be a number";
        }
    }

    /** Parses a multipart/form-data body into the record; answers a problem in Stability's words when it is not one. */
    private static String parseForm(RecordedRequest request, Received into) {
        if (!"POST".equals(request.getMethod())) return null;
        MediaType type = request.getHeaders().get("Content-Type") == null
                ? null
                : MediaType.parse(request.getHeaders().get("Content-Type"));
        if (type == null
                || !"multipart".equals(type.type())
                || !"form-data".equals(type.subtype())
                || type.parameter("boundary") == null) return "content-type: must be multipart/form-data";
        try (MultipartReader reader =
                new MultipartReader(new Buffer().write(request.getBody()), type.parameter("boundary"))) {
            for (MultipartReader.Part part; (part = reader.nextPart()) != null; ) {
                String disposition = part.headers().get("Content-Disposition");
                String name = attribute(disposition, "name");
                String filename = attribute(disposition, "filename");
                byte[] bytes = part.body().readByteArray();
                if (name == null) return "a form part has no name";
                if (filename != null)
                    into.files().put(name, new FilePart(filename, part.headers().get("Content-Type"), bytes));
                else into.fields().put(name, new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return "body: not a readable multipart/form-data body";
        }
        return null;
    }

    static String attribute(String disposition, String name) {
        if (disposition == null) return null;
        var matcher = java.util.regex.Pattern.compile("(?:^|;)\\s*" + name + "=\"([^\"]*)\"")
                .matcher(disposition);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static MockResponse error(int status, String name, String message) {
        return errorBuilder(status, name, message).build();
    }

    private static MockResponse.Builder errorBuilder(int status, String name, String message) {
        String id = "%032x".formatted(Math.abs((long) (name + message).hashCode()));
        return new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", "application/json")
                .body("{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"errors\":[\"" + message.replace("\"", "\\\"")
                        + "\"]}");
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    private static byte[] encode(int width, int height, String format) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(40, 120, 200));
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg".equals(format) ? "jpeg" : "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String contentType(byte[] image) {
        return image.length > 2 && (image[0] & 0xff) == 0xff && (image[1] & 0xff) == 0xd8 ? "image/jpeg" : "image/png";
    }

    private static int intOr(String value) {
        return value == null ? 0 : Integer.parseInt(value);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
