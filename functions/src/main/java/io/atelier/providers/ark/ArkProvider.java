package io.atelier.providers.ark;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.imaging.ImageFormat;
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
import io.atelier.providers.http.Failures;
import io.atelier.providers.http.HttpAnswer;
import io.atelier.providers.http.HttpCalls;
import io.atelier.providers.http.ProviderHttp;
import io.atelier.providers.http.ProviderHttp.Timeouts;
import io.atelier.providers.spec.OperationSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Volcengine Ark (Doubao Seedream): text-to-image and image edits through one synchronous endpoint,
 * {@code POST /images/generations}; an edit is a generation with the image given as a data URL.
 */
public final class ArkProvider implements ImageProvider {
    public static final String ID = "ark";
    static final String KEY_NAME = "ARK_API_KEY";
    static final String BASE_URL_NAME = "ARK_BASE_URL";
    static final String DEFAULT_BASE_URL = "https://ark.cn-beijing.volces.com/api/v3";
    static final ProviderTuning TUNING =
            ProviderTuning.of(new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofSeconds(180)));
    /** Reference images: at most 10 MB, aspect ratio between 1:3 and 3:1. Pixel bounds per model are unconfirmed. */
    static final InputLimits INPUT = InputLimits.of(
                    10L * 1024 * 1024, 6000L * 6000, 6000, 14, Set.of(ImageFormat.PNG, ImageFormat.JPEG))
            .withMaxAspect(3.0);

    private static final Set<String> OPERATIONS = new LinkedHashSet<>(List.of("generate", "edit"));

    private final ProviderSettings settings;
    private final String baseUrl;
    private final Supplier<OkHttpClient> client;
    private final Preflight preflight;

    public ArkProvider(ProviderSettings settings) {
        this(settings, TUNING);
    }

    ArkProvider(ProviderSettings settings, ProviderTuning tuning) {
        this.settings = settings;
        this.baseUrl = settings.value(BASE_URL_NAME, DEFAULT_BASE_URL);
        this.client = ProviderHttp.client(tuning.calls());
        this.preflight = new Preflight(
                this, ArkAnswers.NAME, "edit"::equals, () -> settings.requireKey(KEY_NAME, ArkAnswers.NAME), tuning);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean configured() {
        return settings.configured(KEY_NAME);
    }

    @Override
    public Set<String> operations() {
        return OPERATIONS;
    }

    @Override
    public Map<String, OperationSpec> parameters() {
        return ArkParams.SPECS;
    }

    @Override
    public List<String> models() {
        return List.of(ArkParams.SEEDREAM, ArkParams.SEEDEDIT);
    }

    @Override
    public Map<String, Object> limits() {
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("inputFormats", List.of("image/png", "image/jpeg", "image/webp"));
        limits.put("sentFormats", List.of("image/png", "image/jpeg"));
        limits.put("maxInputBytes", INPUT.maxBytes());
        limits.put("maxInputSide", INPUT.maxSide());
        limits.put("maxInputMegapixels", INPUT.maxPixels() / 1_000_000);
        limits.put("inputAspectRatio", "between 1:3 and 3:1");
        limits.put("outputFormats", List.of("png", "jpeg"));
        limits.put("models", Map.of("generate", ArkParams.models("generate"), "edit", ArkParams.models("edit")));
        limits.put(
                "params",
                Map.of(
                        "size",
                                "1K|2K|4K or WIDTHxHEIGHT, 1280x720 to 4096x4096 pixels in all (default 2K; adaptive for "
                                        + ArkParams.SEEDEDIT + ")",
                        "seed", "-1–2147483647",
                        "response_format", "b64_json (default)|url"));
        limits.put("promptRequired", true);
        return limits;
    }

    @Override
    public List<FieldError> validate(String operation, String model, String prompt, Map<String, Object> params) {
        if (!OPERATIONS.contains(operation))
            return List.of(new FieldError("operation", "Ark cannot " + operation + "; it offers " + OPERATIONS));
        return ArkParams.problems(operation, model, prompt, params);
    }

    @Override
    public ProviderOutcome start(ProviderCall call) throws ProviderException {
        Preflight.Checked checked = preflight.check(call);
        String key = checked.key();
        String model = checked.model(ArkParams.SEEDREAM);
        ArkParams params = new ArkParams(checked.params());

        FittedInput fitted = preflight.fit(call.input(), INPUT);
        String body =
                Json.write(ArkRequests.body(model, call.prompt(), params, fitted == null ? null : fitted.image()));
        HttpUrl url = HttpUrl.parse(baseUrl + "/images/generations");
        if (url == null)
            throw new ProviderException(ErrorCode.INTERNAL, BASE_URL_NAME + " is not a valid http(s) URL.");
        Request request = new Request.Builder()
                .url(url)
                .header("Authorization", "Bearer " + key)
                .post(RequestBody.create(body, ProviderHttp.json()))
                .build();
        HttpAnswer answer = HttpCalls.execute(client.get(), request, ArkAnswers.NAME);
        if (!answer.ok()) throw ArkAnswers.failure(answer, key);
        JsonNode json = ArkAnswers.json(answer);

        Map<String, Object> provenance = new LinkedHashMap<>();
        String requestId = answer.header("x-request-id");
        if (requestId != null && !requestId.isBlank()) provenance.put("requestId", requestId);
        String answeredModel = json.path("model").asText("");
        provenance.put("model", answeredModel.isEmpty() ? model : answeredModel);
        if (params.seed() != null) provenance.put("seed", params.seed());
        Map<String, Object> usage = Json.map(json.path("usage"));
        if (!usage.isEmpty()) provenance.put("usage", usage);
        if (fitted != null && fitted.adjusted()) provenance.put("inputAdjusted", fitted.adjustment());
        return ProviderOutcome.done(result(json, (String) provenance.get("model"), provenance, requestId, key));
    }

    /** data[0] holds b64_json or a 24-hour URL (copied at once), or, for a refused image, an error of its own. */
    private ProviderResult result(
            JsonNode json, String model, Map<String, Object> provenance, String requestId, String key)
            throws ProviderException {
        JsonNode first = json.path("data").path(0);
        if (first.isMissingNode()) {
            if (json.path("error").isObject()) throw classifyEntry(json.path("error"), requestId, key);
            throw Failures.malformed(ArkAnswers.NAME, "no data[0] in the answer");
        }
        if (first.path("error").isObject()) throw classifyEntry(first.path("error"), requestId, key);
        if (first.path("size").isTextual())
            provenance.put("size", first.path("size").asText());
        if (first.path("b64_json").isTextual())
            return ResultImages.fromBase64(
                    ArkAnswers.NAME, first.path("b64_json").asText(), model, provenance);
        if (first.path("url").isTextual() && !first.path("url").asText().isBlank())
            return ResultImages.download(
                    client.get(), ArkAnswers.NAME, first.path("url").asText(), model, provenance);
        throw Failures.malformed(ArkAnswers.NAME, "data[0] had neither b64_json nor url");
    }

    private static ProviderException classifyEntry(JsonNode error, String requestId, String key) {
        return ArkAnswers.classify(
                400, error.path("code").asText(""), error.path("message").asText(""), requestId, null, key);
    }
}
