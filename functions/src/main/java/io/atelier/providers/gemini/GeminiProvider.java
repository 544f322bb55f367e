package io.atelier.providers.gemini;

import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageInspector;
import io.atelier.model.FieldError;
import io.atelier.providers.FittedInput;
import io.atelier.providers.ImageProvider;
import io.atelier.providers.InputLimits;
import io.atelier.providers.Preflight;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderException;
import io.atelier.providers.ProviderOutcome;
import io.atelier.providers.ProviderSettings;
import io.atelier.providers.ProviderTuning;
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
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Google Gemini's image model ("nano banana"): every operation is one synchronous {@code generateContent} call with the
 * image inline and an instruction composed for the operation.
 */
public final class GeminiProvider implements ImageProvider {
    public static final String ID = "gemini";
    static final String NAME = "Gemini";
    static final String DEFAULT_MODEL = "gemini-2.5-flash-image";
    static final String KEY = "GEMINI_API_KEY";
    static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";
    /** Image models take tens of seconds; the whole call stays well inside the worker's Lambda timeout. */
    static final ProviderTuning TUNING =
            ProviderTuning.of(new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofSeconds(180)));
    /** 7 MB per inline image, counted in decimal megabytes (the stricter reading). */
    static final InputLimits INPUT_LIMITS = InputLimits.of(
            7_000_000L,
            ImageInspector.MAX_PIXELS,
            30_000,
            1,
            Set.of(ImageFormat.PNG, ImageFormat.JPEG, ImageFormat.WEBP));

    private static final Set<String> OPERATIONS =
            new LinkedHashSet<>(List.of("generate", "edit", "replace-background", "style", "outpaint"));

    private final ProviderSettings settings;
    private final String baseUrl;
    private final Supplier<OkHttpClient> client;
    private final Preflight preflight;

    public GeminiProvider(ProviderSettings settings) {
        this(settings, TUNING);
    }

    GeminiProvider(ProviderSettings settings, ProviderTuning tuning) {
        this.settings = settings;
        this.baseUrl = settings.value("GEMINI_BASE_URL", DEFAULT_BASE_URL);
        this.client = ProviderHttp.client(tuning.calls());
        this.preflight =
                new Preflight(this, NAME, Preflight.ALL_BUT_GENERATE, () -> settings.requireKey(KEY, NAME), tuning);
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
        return GeminiParams.SPECS;
    }

    @Override
    public List<String> models() {
        return List.of(DEFAULT_MODEL);
    }

    @Override
    public Map<String, Object> limits() {
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("inputFormats", List.of("image/png", "image/jpeg", "image/webp"));
        limits.put("maxInputBytes", INPUT_LIMITS.maxBytes());
        limits.put("outputFormats", List.of("png"));
        limits.put("aspectRatios", GeminiParams.ASPECT_RATIOS);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("generate", List.of("aspectRatio"));
        params.put("edit", List.of("aspectRatio"));
        params.put("replace-background", List.of("aspectRatio"));
        params.put("style", List.of("style", "aspectRatio"));
        params.put("outpaint", List.of("aspectRatio (required)"));
        limits.put("params", params);
        limits.put(
                "prompt",
                "required for generate, edit and replace-background; the style for style unless params.style is given; "
                        + "optional guidance for outpaint");
        return limits;
    }

    @Override
    public List<FieldError> validate(String operation, String model, String prompt, Map<String, Object> params) {
        return GeminiParams.problems(operation, model, prompt, params == null ? Map.of() : params);
    }

    @Override
    public ProviderOutcome start(ProviderCall call) throws ProviderException {
        Preflight.Checked checked = preflight.check(call);
        FittedInput fitted = preflight.fit(call.input(), INPUT_LIMITS);
        String model = checked.model(DEFAULT_MODEL);

        byte[] body = GeminiRequest.body(
                GeminiInstructions.compose(call.operation(), call.prompt(), checked.params()),
                fitted == null ? null : fitted.image(),
                GeminiParams.aspectRatio(checked.params()));
        Request request = new Request.Builder()
                .url(baseUrl + "/v1beta/models/" + model + ":generateContent")
                .header("x-goog-api-key", checked.key())
                .post(RequestBody.create(body, ProviderHttp.json()))
                .build();
        HttpAnswer answer = HttpCalls.execute(client.get(), request, NAME);
        return ProviderOutcome.done(GeminiAnswer.read(answer, model, Preflight.adjustment(fitted)));
    }
}
