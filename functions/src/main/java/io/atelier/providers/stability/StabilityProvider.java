package io.atelier.providers.stability;

import io.atelier.model.ErrorCode;
import io.atelier.model.FieldError;
import io.atelier.providers.FittedInput;
import io.atelier.providers.ImageProvider;
import io.atelier.providers.Preflight;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderException;
import io.atelier.providers.ProviderOutcome;
import io.atelier.providers.ProviderSettings;
import io.atelier.providers.ProviderTuning;
import io.atelier.providers.SourceImage;
import io.atelier.providers.http.HttpAnswer;
import io.atelier.providers.http.HttpCalls;
import io.atelier.providers.http.ProviderHttp;
import io.atelier.providers.http.ProviderHttp.Timeouts;
import io.atelier.providers.spec.OperationSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Stability AI's v2beta image services: upscale (fast, conservative, creative), outpaint, background removal and
 * search-and-replace for new backgrounds. All are multipart with the file part {@code image}; all but the creative
 * upscaler answer with the image at once. The creative upscaler answers 200 {@code {"id"}} and is polled at
 * {@code /v2beta/results/{id}} (202 while in progress), no more often than every 10 seconds as Stability asks.
 */
public final class StabilityProvider implements ImageProvider {
    public static final String ID = "stability";
    static final String KEY = "STABILITY_API_KEY";
    static final Duration POLL_EVERY = Duration.ofSeconds(10);
    private static final Set<String> OPERATIONS =
            new LinkedHashSet<>(List.of("upscale", "outpaint", "remove-background", "replace-background"));

    private final ProviderSettings settings;
    private final String baseUrl;
    private final Supplier<OkHttpClient> client;
    private final Supplier<OkHttpClient> pollClient;
    private final Preflight preflight;

    /** Slow models: up to 90 s between bytes, 150 s for the whole call. Polls carry the finished image too. */
    static final ProviderTuning TUNING = ProviderTuning.of(
            new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(90), Duration.ofSeconds(150)),
            new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60)));

    public StabilityProvider(ProviderSettings settings) {
        this(settings, TUNING);
    }

    StabilityProvider(ProviderSettings settings, ProviderTuning tuning) {
        this.settings = settings;
        this.baseUrl = settings.value("STABILITY_BASE_URL", "https://api.stability.ai");
        this.client = ProviderHttp.client(tuning.calls());
        this.pollClient = ProviderHttp.client(tuning.polls());
        this.preflight = new Preflight(
                this,
                StabilityAnswers.NAME,
                operation -> true,
                () -> settings.requireKey(KEY, StabilityAnswers.NAME),
                tuning);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean configured() {
        return settings.configured(KEY);
    }

    @Override
    public Set<String> operations() {
        return OPERATIONS;
    }

    @Override
    public Map<String, OperationSpec> parameters() {
        return StabilityParams.SPECS;
    }

    @Override
    public List<String> models() {
        return java.util.Arrays.stream(StabilityEndpoint.values())
                .map(e -> e.model)
                .toList();
    }

    @Override
    public Map<String, Object> limits() {
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("inputFormats", List.of("image/png", "image/jpeg", "image/webp"));
        limits.put("maxInputBytes", StabilityEndpoint.MAX_IMAGE_BYTES);
        limits.put("aspectRatio", "1:2.5 to 2.5:1 (except fast upscale)");
        Map<String, Object> perModel = new LinkedHashMap<>();
        for (StabilityEndpoint e : StabilityEndpoint.values()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("operation", e.operation);
            if (e.mode != null) one.put("mode", e.mode);
            one.put("asynchronous", e.asynchronous);
            one.put("maxInputPixels", e.limits.maxPixels());
            one.put("maxInputSide", e.limits.maxSide());
            one.put("minInputSide", e.limits.minSide());
            one.put("outputFormats", e.outputFormats);
            one.put("params", paramsOf(e));
            perModel.put(e.model, one);
        }
        limits.put("models", perModel);
        return limits;
    }

    private static List<String> paramsOf(StabilityEndpoint e) {
        List<String> params = new ArrayList<>(List.of("output_format"));
        switch (e) {
            case FAST_UPSCALE -> params.add(0, "mode (fast, default)");
            case CONSERVATIVE_UPSCALE ->
                params.addAll(List.of("mode", "prompt (required)", "creativity (0.2–0.5)", "seed", "negative_prompt"));
            case CREATIVE_UPSCALE ->
                params.addAll(List.of("mode", "prompt (required)", "creativity (0.1–0.5)", "seed", "negative_prompt"));
            case OUTPAINT ->
                params.addAll(List.of(
                        "left",
                        "right",
                        "up",
                        "down (pixels 0–2000, one above 0)",
                        "prompt",
                        "creativity (0–1)",
                        "seed"));
            case REMOVE_BACKGROUND -> {}
            case SEARCH_AND_REPLACE ->
                params.addAll(List.of(
                        "prompt (the new background, required)",
                        "search (default background)",
                        "negative_prompt",
                        "grow_mask (0–20)",
                        "seed"));
        }
        return params;
    }

    @Override
    public List<FieldError> validate(String operation, String model, String prompt, Map<String, Object> params) {
        Map<String, Object> p = params == null ? Map.of() : params;
        if (!OPERATIONS.contains(operation))
            return List.of(new FieldError(
                    "operation", "Stability cannot " + operation + "; it offers " + String.join(", ", OPERATIONS)));
        StabilityParams.Selection selection = StabilityParams.select(operation, model, p);
        if (selection.problem() != null) return List.of(selection.problem());
        return StabilityParams.problems(selection.endpoint(), prompt, p);
    }

    @Override
    public ProviderOutcome start(ProviderCall call) throws ProviderException {
        Preflight.Checked checked = preflight.check(call);
        Map<String, Object> params = checked.params();
        StabilityEndpoint endpoint = endpointOf(call, params);
        String key = checked.key();
        FittedInput fitted = preflight.fit(call.input(), endpoint.inputLimits());

        MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
        SourceImage image = fitted.image();
        form.addFormDataPart(
                "image",
                "image." + image.format().extension(),
                RequestBody.create(image.bytes(), MediaType.get(image.format().mimeType())));
        StabilityParams.formFields(endpoint, call.prompt(), params).forEach(form::addFormDataPart);
        Request.Builder request = new Request.Builder()
                .url(baseUrl + endpoint.path)
                .header("authorization", "Bearer " + key)
                .post(form.build());
        // The synchronous endpoints send the image itself when asked for image/*. The creative upscaler answers
        // {"id"} whatever is asked (its Accept is documented for the results endpoint only), so none is sent.
        if (!endpoint.asynchronous) request.header("accept", "image/*");

        Map<String, Object> provenance = new LinkedHashMap<>();
        if (endpoint.mode != null) provenance.put("mode", endpoint.mode);
        if (fitted.adjusted()) provenance.put("inputAdjusted", fitted.adjustment());

        HttpAnswer answer = HttpCalls.execute(client.get(), request.build(), StabilityAnswers.NAME);
        if (!answer.ok()) throw StabilityAnswers.failure(answer);
        if (!endpoint.asynchronous) return ProviderOutcome.done(StabilityAnswers.image(answer, endpoint, provenance));
        String id = StabilityAnswers.generationId(answer);
        provenance.put("requestId", id);
        provenance.put("model", endpoint.model);
        return ProviderOutcome.pending(id, POLL_EVERY, provenance);
    }

    @Override
    public ProviderOutcome poll(ProviderCall call, String handle) throws ProviderException {
        Map<String, Object> params = call.params() == null ? Map.of() : call.params();
        StabilityEndpoint endpoint = endpointOf(call, params);
        String key = settings.requireKey(KEY, StabilityAnswers.NAME);
        if (handle == null || !handle.matches("[A-Za-z0-9_-]{1,200}"))
            throw new ProviderException(ErrorCode.INTERNAL, "The Stability generation id to poll is not valid.");
        Request request = new Request.Builder()
                .url(baseUrl + "/v2beta/results/" + handle)
                .header("authorization", "Bearer " + key)
                .header("accept", "image/*")
                .get()
                .build();
        HttpAnswer answer = HttpCalls.execute(pollClient.get(), request, StabilityAnswers.NAME);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("requestId", handle);
        if (endpoint.mode != null) provenance.put("mode", endpoint.mode);
        if (answer.status() == 202) {
            provenance.put("model", endpoint.model);
            return ProviderOutcome.pending(handle, POLL_EVERY, provenance);
        }
        if (answer.status() == 404)
            // Results are kept 24 h and tasks wait at most 30 min, so the id itself is unknown: polling again cannot
            // help.
            throw new ProviderException(
                    ErrorCode.PROVIDER_INVALID_REQUEST,
                    "Stability does not know generation " + handle
                            + " (unknown or expired after 24 h); run the task again to start a new one.");
        if (!answer.ok()) throw StabilityAnswers.failure(answer);
        return ProviderOutcome.done(StabilityAnswers.image(answer, endpoint, provenance));
    }

    @Override
    public Duration maxWait() {
        return Duration.ofMinutes(30);
    }

    private static StabilityEndpoint endpointOf(ProviderCall call, Map<String, Object> params)
            throws ProviderException {
        if (!OPERATIONS.contains(call.operation()))
            throw new ProviderException(
                    ErrorCode.PROVIDER_INVALID_REQUEST, "Stability cannot " + call.operation() + ".");
        StabilityParams.Selection selection = StabilityParams.select(call.operation(), call.model(), params);
        if (selection.problem() != null)
            throw new ProviderException(
                    ErrorCode.PROVIDER_INVALID_REQUEST,
                    selection.problem().field() + ": " + selection.problem().message());
        return selection.endpoint();
    }
}
