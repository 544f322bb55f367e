package io.atelier.providers.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageInspector;
import io.atelier.json.Json;
import io.atelier.model.ErrorCode;
import io.atelier.model.FieldError;
import io.atelier.providers.FittedInput;
import io.atelier.providers.ImageProvider;
import io.atelier.providers.InputLimits;
import io.atelier.providers.Preflight;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderException;
import io.atelier.providers.ProviderOutcome;
import io.atelier.providers.ProviderResult;
import io.atelier.providers.ProviderSettings;
import io.atelier.providers.ProviderTuning;
import io.atelier.providers.ResultImages;
import io.atelier.providers.SourceImage;
import io.atelier.providers.http.Failures;
import io.atelier.providers.http.HttpAnswer;
import io.atelier.providers.http.HttpCalls;
import io.atelier.providers.http.ProviderHttp;
import io.atelier.providers.http.ProviderHttp.Timeouts;
import io.atelier.providers.http.RetryHints;
import io.atelier.providers.spec.OperationSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * A self-hosted ComfyUI running the user's own workflow ({@code params.workflow}, API format). Start uploads the input
 * image, fills the {@code {{image}}}, {@code {{prompt}}} and {@code {{seed}}} placeholders and queues the workflow; polls
 * follow {@code /history/{prompt_id}} and fetch the output image with {@code /view}. No key: configured when
 * {@code COMFYUI_URL} is set.
 */
public final class ComfyUiProvider implements ImageProvider {
    public static final String ID = "comfyui";
    static final Duration POLL_EVERY = Duration.ofSeconds(3);
    /** Every operation of API.md: what the workflow does is the user's choice. */
    private static final Set<String> OPERATIONS = new LinkedHashSet<>(List.of(
            "generate",
            "edit",
            "remove-background",
            "replace-background",
            "outpaint",
            "upscale",
            "style",
            "resize",
            "convert",
            "watermark",
            "adjust"));
    /** ComfyUI takes what Atelier accepts (its default upload limit is 100 MB); the fitter only re-encodes odd formats. */
    private static final InputLimits INPUT = InputLimits.of(
            ImageInspector.MAX_BYTES,
            ImageInspector.MAX_PIXELS,
            ImageInspector.MAX_SIDE,
            1,
            Set.of(ImageFormat.PNG, ImageFormat.JPEG, ImageFormat.WEBP));

    private static final long MAX_RANDOM_SEED = 4_294_967_295L; // accepted by every sampler and API node

    private final HttpUrl base;
    private final Supplier<OkHttpClient> client;
    private final Supplier<OkHttpClient> pollClient;
    private final Preflight preflight;

    /** Uploads and result downloads can be large: 60 s between bytes, 90 s per call. History polls are small. */
    static final ProviderTuning TUNING = ProviderTuning.of(
            new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(90)),
            new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15)));

    public ComfyUiProvider(ProviderSettings settings) {
        this(settings, TUNING);
    }

    ComfyUiProvider(ProviderSettings settings, ProviderTuning tuning) {
        String url = settings.value("COMFYUI_URL", "");
        // With a trailing slash, resolve("prompt") keeps any path prefix a reverse proxy adds.
        this.base = url.isBlank() ? null : HttpUrl.parse(url + "/");
        this.client = ProviderHttp.client(tuning.calls());
        this.pollClient = ProviderHttp.client(tuning.polls());
        // No key: being configured means knowing the server's address.
        this.preflight = new Preflight(
                this,
                ComfyAnswers.NAME,
                Preflight.ALL_BUT_GENERATE,
                () -> {
                    requireBase();
                    return null;
                },
                tuning);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean configured() {
        return base != null;
    }

    @Override
    public Set<String> operations() {
        return OPERATIONS;
    }

    @Override
    public Map<String, OperationSpec> parameters() {
        Map<String, OperationSpec> specs = new LinkedHashMap<>();
        for (String operation : OPERATIONS) specs.put(operation, ComfyWorkflow.SPEC);
        return specs;
    }

    /** The models are whatever the workflow loads. */
    @Override
    public List<String> models() {
        return List.of();
    }

    @Override
    public Map<String, Object> limits() {
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("inputFormats", List.of("image/png", "image/jpeg", "image/webp"));
        limits.put("maxInputBytes", INPUT.maxBytes());
        limits.put("maxInputMegapixels", INPUT.maxPixels() / 1_000_000);
        limits.put("outputFormats", "whatever the workflow saves");
        limits.put(
                "params",
                List.of(
                        "workflow (required: API-format JSON with {{image}}, {{prompt}}, {{seed}} placeholders)",
                        "seed (optional; random when absent)",
                        "outputNode (optional: the node whose image is kept)"));
        limits.put("maxWaitMinutes", maxWait().toMinutes());
        return limits;
    }

    @Override
    public List<FieldError> validate(String operation, String model, String prompt, Map<String, Object> params) {
        if (!OPERATIONS.contains(operation))
            return List.of(new FieldError("operation", "ComfyUI workflows cannot " + operation));
        return ComfyWorkflow.problems(!"generate".equals(operation), params == null ? Map.of() : params);
    }

    @Override
    public ProviderOutcome start(ProviderCall call) throws ProviderException {
        Map<String, Object> params = preflight.check(call).params();
        HttpUrl base = requireBase();
        ObjectNode template = template(params);
        Map<String, Object> provenance = new LinkedHashMap<>();

        String imageName = null;
        if (call.input() != null) {
            FittedInput fitted = preflight.fit(call.input(), INPUT);
            if (fitted.adjusted()) provenance.put("inputAdjusted", fitted.adjustment());
            imageName = upload(base, fitted.image());
            provenance.put("uploadedImage", imageName);
        }
        Long chosen = ComfyWorkflow.seedValue(params.get("seed"));
        long seed = chosen != null ? chosen : ThreadLocalRandom.current().nextLong(MAX_RANDOM_SEED);
        ObjectNode workflow = ComfyWorkflow.fill(template, imageName, call.prompt(), seed);

        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("prompt", workflow);
        body.put("client_id", UUID.randomUUID().toString());
        Request request = new Request.Builder()
                .url(base.resolve("prompt"))
                .post(RequestBody.create(Json.write(body), ProviderHttp.json()))
                .build();
        HttpAnswer answer = HttpCalls.execute(client.get(), request, ComfyAnswers.NAME);
        if (!answer.ok()) throw ComfyAnswers.promptFailure(answer);
        String promptId = ComfyAnswers.json(answer).path("prompt_id").asText("");
        if (promptId.isBlank()) throw Failures.malformed(ComfyAnswers.NAME, "no prompt_id in its answer to /prompt");

        provenance.put("requestId", promptId);
        if (ComfyWorkflow.contains(template, ComfyWorkflow.SEED)) provenance.put("seed", seed);
        List<String> models = ComfyWorkflow.models(workflow);
        if (!models.isEmpty()) provenance.put("models", models);
        return ProviderOutcome.pending(promptId, POLL_EVERY, provenance);
    }

    @Override
    public ProviderOutcome poll(ProviderCall call, String handle) throws ProviderException {
        HttpUrl base = requireBase();
        if (handle == null || !handle.matches("[A-Za-z0-9_-]{1,200}"))
            throw new ProviderException(ErrorCode.INTERNAL, "The ComfyUI prompt id to poll is not valid.");
        Map<String, Object> params = call.params() == null ? Map.of() : call.params();
        JsonNode entry = historyEntry(base, handle);
        if (entry == null) {
            // Not finished. If the queue does not hold it either, ComfyUI was restarted and lost it: waiting would only
            // end in a timeout half an hour later. Look at the history once more in case it finished in between.
            if (!queued(base, handle) && (entry = historyEntry(base, handle)) == null)
                throw new ProviderException(
                        ErrorCode.PROVIDER_UNAVAILABLE,
                        "ComfyUI no longer knows prompt " + handle
                                + " (neither queued nor in its history; was the server restarted?).");
            if (entry == null) return ProviderOutcome.pending(handle, POLL_EVERY, Map.of("requestId", handle));
        }
        JsonNode status = entry.path("status");
        String statusText = status.path("status_str").asText("");
        boolean success = statusText.equals("success")
                || (statusText.isEmpty() && status.path("completed").asBoolean(true));
        if (!success) throw ComfyAnswers.executionFailure(entry);

        String outputNode = ComfyWorkflow.nodeId(params.get("outputNode"));
        ComfyAnswers.OutputImage image = ComfyAnswers.pick(entry.path("outputs"), outputNode);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("requestId", handle);
        provenance.put("outputNode", image.node());
        JsonNode submitted = entry.path("prompt").path(2);
        Long seed = ComfyWorkflow.seedValue(params.get("seed"));
        if (seed == null) seed = seedFromHistory(params, submitted);
        if (seed != null) provenance.put("seed", seed);
        List<String> models = submitted.isObject() ? ComfyWorkflow.models(submitted) : List.of();
        if (!models.isEmpty()) provenance.put("models", models);
        Long millis = ComfyAnswers.executionMillis(entry);
        if (millis != null) provenance.put("usage", Map.of("executionMs", millis));
        return ProviderOutcome.done(view(base, image, models.isEmpty() ? null : models.get(0), provenance));
    }

    @Override
    public Duration maxWait() {
        return Duration.ofMinutes(30);
    }

    private HttpUrl requireBase() throws ProviderException {
        if (base == null)
            throw new ProviderException(
                    ErrorCode.PROVIDER_AUTH, "ComfyUI is not configured: set COMFYUI_URL to the server's address.");
        return base;
    }

    private static ObjectNode template(Map<String, Object> params) throws ProviderException {
        try {
            return ComfyWorkflow.parse(params.get("workflow"));
        } catch (ComfyWorkflow.Invalid e) {
            throw new ProviderException(ErrorCode.PROVIDER_INVALID_REQUEST, "workflow: " + e.getMessage());
        }
    }

    /** Uploads under a name of our own, so parallel tasks never read each other's images; answers how to refer to it. */
    private String upload(HttpUrl base, SourceImage image) throws ProviderException {
        String name = "atelier-" + UUID.randomUUID() + "." + image.format().extension();
        RequestBody form = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart(
                        "image",
                        name,
                        RequestBody.create(
                                image.bytes(), MediaType.get(image.format().mimeType())))
                .addFormDataPart("type", "input")
                .addFormDataPart("overwrite", "true")
                .build();
        Request request = new Request.Builder()
                .url(base.resolve("upload/image"))
                .post(form)
                .build();
        HttpAnswer answer = HttpCalls.execute(client.get(), request, ComfyAnswers.NAME);
        if (!answer.ok())
            throw Failures.forStatus(
                    ComfyAnswers.NAME + " (image upload)",
                    answer.status(),
                    RetryHints.fromHeaders(answer.headers(), Instant.now()),
                    answer.text());
        JsonNode uploaded = ComfyAnswers.json(answer);
        String stored = uploaded.path("name").asText("");
        if (stored.isBlank()) throw Failures.malformed(ComfyAnswers.NAME, "no file name in its answer to the upload");
        String subfolder = uploaded.path("subfolder").asText("");
        return subfolder.isBlank() ? stored : subfolder + "/" + stored;
    }

    /** The finished entry, or null while ComfyUI answers {@code {}}. */
    private JsonNode historyEntry(HttpUrl base, String promptId) throws ProviderException {
        Request request = new Request.Builder()
                .url(base.resolve("history/" + promptId))
                .get()
                .build();
        HttpAnswer answer = HttpCalls.execute(pollClient.get(), request, ComfyAnswers.NAME);
        if (!answer.ok())
            throw Failures.forStatus(
                    ComfyAnswers.NAME, answer.status(), RetryHints.fromHeaders(answer.headers(), Instant.now()), null);
        JsonNode entry = ComfyAnswers.json(answer).get(promptId);
        if (entry == null || entry.isNull()) return null;
        if (!entry.isObject()) throw Failures.malformed(ComfyAnswers.NAME, "a history entry that is not an object");
        return entry;
    }

    private boolean queued(HttpUrl base, String promptId) throws ProviderException {
        Request request = new Request.Builder().url(base.resolve("queue")).get().build();
        HttpAnswer answer = HttpCalls.execute(pollClient.get(), request, ComfyAnswers.NAME);
        if (!answer.ok())
            throw Failures.forStatus(
                    ComfyAnswers.NAME, answer.status(), RetryHints.fromHeaders(answer.headers(), Instant.now()), null);
        JsonNode queue = ComfyAnswers.json(answer);
        for (String list : List.of("queue_running", "queue_pending"))
            for (JsonNode item : queue.path(list))
                if (promptId.equals(item.path(1).asText())) return true;
        return false;
    }

    private ProviderResult view(
            HttpUrl base, ComfyAnswers.OutputImage image, String model, Map<String, Object> provenance)
            throws ProviderException {
        HttpUrl url = base.resolve("view")
                .newBuilder()
                .addQueryParameter("filename", image.filename())
                .addQueryParameter("subfolder", image.subfolder())
                .addQueryParameter("type", image.type())
                .build();
        HttpAnswer answer = HttpCalls.execute(
                client.get(), new Request.Builder().url(url).get().build(), ComfyAnswers.NAME);
        if (!answer.ok())
            throw Failures.forStatus(ComfyAnswers.NAME + " (result download)", answer.status(), null, null);
        return ResultImages.fromBytes(ComfyAnswers.NAME, answer.body(), model, provenance);
    }

    private static Long seedFromHistory(Map<String, Object> params, JsonNode submitted) {
        try {
            return ComfyWorkflow.seedUsed(ComfyWorkflow.parse(params.get("workflow")), submitted);
        } catch (ComfyWorkflow.Invalid e) {
            return null;
        }
    }
}
