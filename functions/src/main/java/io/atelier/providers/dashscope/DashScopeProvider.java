package io.atelier.providers.dashscope;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.json.Json;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Alibaba DashScope (Model Studio): Qwen image edit, answered within the call, and the Wanx functions and
 * out-painting, which only run as tasks: submit, then poll {@code /tasks/{id}} on later worker deliveries.
 */
public final class DashScopeProvider implements ImageProvider {
    public static final String ID = "dashscope";
    static final String KEY_NAME = "DASHSCOPE_API_KEY";
    static final String BASE_URL_NAME = "DASHSCOPE_BASE_URL";
    static final String DEFAULT_BASE_URL = "https://dashscope.aliyuncs.com/api/v1";
    /** Image models take tens of seconds; the result download shares these limits. */
    static final ProviderTuning TUNING = ProviderTuning.of(
            new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofSeconds(180)),
            new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(30)));

    static final Duration POLL_AFTER = Duration.ofSeconds(5);
    /** Task ids are UUIDs; anything else in a handle is not ours. */
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final ProviderSettings settings;
    private final String baseUrl;
    private final Supplier<OkHttpClient> work;
    private final Supplier<OkHttpClient> polls;
    private final Preflight preflight;

    public DashScopeProvider(ProviderSettings settings) {
        this(settings, TUNING);
    }

    DashScopeProvider(ProviderSettings settings, ProviderTuning tuning) {
        this.settings = settings;
        this.baseUrl = settings.value(BASE_URL_NAME, DEFAULT_BASE_URL);
        this.work = ProviderHttp.client(tuning.calls());
        this.polls = ProviderHttp.client(tuning.polls());
        this.preflight = new Preflight(this, DashScopeAnswers.NAME, operation -> true, this::key, tuning);
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
        Set<String> operations = new LinkedHashSet<>();
        for (DashScopeOperation op : DashScopeOperation.values()) operations.add(op.operation());
        return operations;
    }

    @Override
    public Map<String, OperationSpec> parameters() {
        return DashScopeParams.SPECS;
    }

    @Override
    public List<String> models() {
        Set<String> models = new LinkedHashSet<>();
        for (DashScopeOperation op : DashScopeOperation.values()) models.addAll(op.models());
        return List.copyOf(models);
    }

    @Override
    public Map<String, Object> limits() {
        return DashScopeLimits.describe();
    }

    @Override
    public Duration maxWait() {
        return Duration.ofMinutes(30);
    }

    @Override
    public List<FieldError> validate(String operation, String model, String prompt, Map<String, Object> params) {
        var op = DashScopeOperation.of(operation);
        if (op.isEmpty())
            return List.of(
                    new FieldError("operation", "DashScope cannot " + operation + "; it offers " + operations()));
        return DashScopeParams.problems(op.get(), model, prompt, params);
    }

    @Override
    public ProviderOutcome start(ProviderCall call) throws ProviderException {
        Preflight.Checked checked = preflight.check(call);
        DashScopeOperation op = operation(call);
        String key = checked.key();
        String model = op.model(call.model());
        DashScopeParams params = new DashScopeParams(call.params());
        FittedInput fitted = preflight.fit(call.input(), op.limits());
        String body = Json.write(DashScopeRequests.body(op, model, call.prompt(), params, fitted.image()));
        Request.Builder request = new Request.Builder()
                .url(url(op.path()))
                .header("Authorization", "Bearer " + key)
                .post(RequestBody.create(body, ProviderHttp.json()));
        // Wanx and out-painting refuse synchronous calls with 403; Qwen edit is the opposite.
        if (op.asynchronous()) request.header("X-DashScope-Async", "enable");
        HttpAnswer answer = HttpCalls.execute(work.get(), request.build(), DashScopeAnswers.NAME);
        if (!answer.ok()) throw DashScopeAnswers.failure(answer, key);
        JsonNode json = DashScopeAnswers.json(answer);

        Map<String, Object> provenance = new LinkedHashMap<>();
        String requestId = json.path("request_id").asText("");
        if (!requestId.isEmpty()) provenance.put("requestId", requestId);
        provenance.put("model", model);
        if (params.whole("seed") != null) provenance.put("seed", params.whole("seed"));
        if (fitted.adjusted()) provenance.put("inputAdjusted", fitted.adjustment());
        return op.asynchronous() ? submitted(json, provenance, key) : edited(json, model, provenance, key);
    }

    @Override
    public ProviderOutcome poll(ProviderCall call, String handle) throws ProviderException {
        DashScopeOperation op = operation(call);
        if (handle == null || !TASK_ID.matcher(handle).matches())
            throw new ProviderException(ErrorCode.INTERNAL, "The DashScope task handle is not a task id.");
        String key = key();
        String model = op.model(call.model());
        HttpUrl url = url("/tasks").newBuilder().addPathSegment(handle).build();
        Request request = new Request.Builder()
                .url(url)
                .header("Authorization", "Bearer " + key)
                .get()
                .build();
        HttpAnswer answer = HttpCalls.execute(polls.get(), request, DashScopeAnswers.NAME);
        if (!answer.ok()) throw DashScopeAnswers.failure(answer, key);
        JsonNode json = DashScopeAnswers.json(answer);
        JsonNode output = json.path("output");
        String status = output.path("task_status").asText("");

        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("requestId", handle);
        provenance.put("taskId", handle);
        provenance.put("model", model);
        if (call.params() != null && call.params().get("seed") instanceof Number seed)
            provenance.put("seed", seed.longValue());
        return switch (status) {
            case "PENDING", "RUNNING" -> ProviderOutcome.pending(handle, POLL_AFTER, provenance);
            case "SUCCEEDED" -> {
                Map<String, Object> usage = DashScopeAnswers.usage(json);
                if (!usage.isEmpty()) provenance.put("usage", usage);
                yield ProviderOutcome.done(ResultImages.download(
                        work.get(), DashScopeAnswers.NAME, resultUrl(output, handle, key), model, provenance));
            }
            case "FAILED" ->
                throw DashScopeAnswers.taskFailure(
                                output.path("code").asText(""),
                                output.path("message").asText(""),
                                handle,
                                key)
                        .workEnded();
            case "CANCELED", "UNKNOWN" ->
                throw new ProviderException(
                                ErrorCode.PROVIDER_UNAVAILABLE,
                                "DashScope task " + handle + " is " + status.toLowerCase(Locale.ROOT)
                                        + (status.equals("UNKNOWN") ? " (expired or never created)" : "")
                                        + "; it has no result.")
                        .workEnded();
            default ->
                throw Failures.malformed(
                        DashScopeAnswers.NAME,
                        "the task status was " + (status.isEmpty() ? "missing" : Failures.clean(status)));
        };
    }

    /** Qwen edit: the image URL(s) in output.choices[0].message.content[].image, copied at once (they expire). */
    private ProviderOutcome edited(JsonNode json, String model, Map<String, Object> provenance, String key)
            throws ProviderException {
        if (!json.path("code").asText("").isEmpty() && json.path("output").isMissingNode())
            throw DashScopeAnswers.classify(
                    400,
                    json.path("code").asText(),
                    json.path("message").asText(""),
                    json.path("request_id").asText(""),
                    null,
                    key);
        String url = null;
        for (JsonNode part :
                json.path("output").path("choices").path(0).path("message").path("content")) {
            if (part.path("image").isTextual() && !part.path("image").asText().isBlank()) {
                url = part.path("image").asText();
                break;
            }
        }
        if (url == null)
            throw Failures.malformed(DashScopeAnswers.NAME, "no image in output.choices[0].message.content");
        Map<String, Object> usage = DashScopeAnswers.usage(json);
        if (!usage.isEmpty()) provenance.put("usage", usage);
        return ProviderOutcome.done(ResultImages.download(work.get(), DashScopeAnswers.NAME, url, model, provenance));
    }

    private static ProviderOutcome submitted(JsonNode json, Map<String, Object> provenance, String key)
            throws ProviderException {
        JsonNode output = json.path("output");
        String taskId = output.path("task_id").asText("");
        if (!json.path("code").asText("").isEmpty() && taskId.isEmpty())
            throw DashScopeAnswers.classify(
                    400,
                    json.path("code").asText(),
                    json.path("message").asText(""),
                    json.path("request_id").asText(""),
                    null,
                    key);
        if (!TASK_ID.matcher(taskId).matches())
            throw Failures.malformed(DashScopeAnswers.NAME, "no task id in output.task_id");
        String status = output.path("task_status").asText("");
        if (status.equals("FAILED"))
            throw DashScopeAnswers.taskFailure(
                    output.path("code").asText(""), output.path("message").asText(""), taskId, key);
        provenance.put("taskId", taskId);
        return ProviderOutcome.pending(taskId, POLL_AFTER, provenance);
    }

    /**
     * Wanx puts results in output.results[] (a SUCCEEDED task may hold only failed entries); out-painting uses
     * output.output_image_url.
     */
    private static String resultUrl(JsonNode output, String taskId, String key) throws ProviderException {
        if (output.path("output_image_url").isTextual()
                && !output.path("output_image_url").asText().isBlank())
            return output.path("output_image_url").asText();
        JsonNode failed = null;
        for (JsonNode result : output.path("results")) {
            if (result.path("url").isTextual() && !result.path("url").asText().isBlank())
                return result.path("url").asText();
            if (failed == null && result.has("code")) failed = result;
        }
        if (failed != null)
            throw DashScopeAnswers.taskFailure(
                    failed.path("code").asText(""), failed.path("message").asText(""), taskId, key);
        throw Failures.malformed(DashScopeAnswers.NAME, "task " + taskId + " succeeded without a result URL");
    }

    private static DashScopeOperation operation(ProviderCall call) throws ProviderException {
        return DashScopeOperation.of(call.operation())
                .orElseThrow(() -> new ProviderException(
                        ErrorCode.PROVIDER_INVALID_REQUEST, "DashScope cannot " + call.operation() + "."));
    }

    private String key() throws ProviderException {
        return settings.requireKey(KEY_NAME, DashScopeAnswers.NAME);
    }

    private HttpUrl url(String path) throws ProviderException {
        HttpUrl url = HttpUrl.parse(baseUrl + path);
        if (url == null)
            throw new ProviderException(ErrorCode.INTERNAL, BASE_URL_NAME + " is not a valid http(s) URL.");
        return url;
    }
}
