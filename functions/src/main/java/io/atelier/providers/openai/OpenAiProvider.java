package io.atelier.providers.openai;

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
 * OpenAI's Images API with GPT Image: text-to-image through {@code /images/generations}, everything done to an
 * existing image through {@code /images/edits}. Both answer synchronously with a base64 image.
 */
public final class OpenAiProvider implements ImageProvider {
    public static final String ID = "openai";
    static final String NAME = "OpenAI";
    static final String DEFAULT_MODEL = "gpt-image-1";
    static final String KEY = "OPENAI_API_KEY";
    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    /** A high-quality GPT Image edit takes a minute or more. */
    static final ProviderTuning TUNING =
            ProviderTuning.of(new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofSeconds(180)));
    /** Under 50 MB per image (decimal megabytes, the stricter reading). */
    static final InputLimits INPUT_LIMITS = InputLimits.of(
            50_000_000L - 1,
            ImageInspector.MAX_PIXELS,
            ImageInspector.MAX_SIDE,
            1,
            Set.of(ImageFormat.PNG, ImageFormat.WEBP, ImageFormat.JPEG));

    private static final Set<String> OPERATIONS =
            new LinkedHashSet<>(List.of("generate", "edit", "replace-background", "remove-background"));

    private final ProviderSettings settings;
    private final String baseUrl;
    private final Supplier<OkHttpClient> client;
    private final Preflight preflight;

    public OpenAiProvider(ProviderSettings settings) {
        this(settings, TUNING);
    }

    OpenAiProvider(ProviderSettings settings, ProviderTuning tuning) {
        this.settings = settings;
        this.baseUrl = settings.value("OPENAI_BASE_URL", DEFAULT_BASE_URL);
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
        return OpenAiParams.SPECS;
    }

    @Override
    public List<String> models() {
        return List.of("gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5");
    }

    @Override
    public Map<String, Object> limits() {
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("inputFormats", List.of("image/png", "image/webp", "image/jpeg"));
        limits.put("maxInputBytes", INPUT_LIMITS.maxBytes());
        limits.put("outputFormats", OpenAiParams.ENUMS.get("output_format"));
        limits.put("maxPromptChars", OpenAiParams.MAX_PROMPT_CHARS);
        limits.put("params", OpenAiParams.BY_OPERATION);
        limits.put("values", OpenAiParams.ENUMS);
        limits.put("prompt", "required for generate, edit and replace-background; optional for remove-background");
        return limits;
    }

    @Override
    public List<FieldError> validate(String operation, String model, String prompt, Map<String, Object> params) {
        return OpenAiParams.problems(operation, model, prompt, params == null ? Map.of() : params);
    }

    @Override
    public ProviderOutcome start(ProviderCall call) throws ProviderException {
        Preflight.Checked checked = preflight.check(call);
        boolean generate = "generate".equals(call.operation());
        String model = checked.model(DEFAULT_MODEL);
        String prompt = OpenAiInstructions.compose(call.operation(), call.prompt());

        FittedInput fitted = preflight.fit(call.input(), INPUT_LIMITS);
        RequestBody body = generate
                ? OpenAiRequests.generation(model, prompt, checked.params())
                : OpenAiRequests.edit(call.operation(), model, prompt, fitted.image(), checked.params());
        Request request = new Request.Builder()
                .url(baseUrl + (generate ? "/images/generations" : "/images/edits"))
                .header("Authorization", "Bearer " + checked.key())
                .post(body)
                .build();
        HttpAnswer answer = HttpCalls.execute(client.get(), request, NAME);
        return ProviderOutcome.done(OpenAiAnswer.read(answer, client.get(), model, Preflight.adjustment(fitted)));
    }
}
