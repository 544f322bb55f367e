package io.atelier.providers.dashscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageHeader;
import io.atelier.imaging.ImageInspector;
import io.atelier.model.ErrorCode;
import io.atelier.model.FieldError;
import io.atelier.providers.ImageProvider;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderContract;
import io.atelier.providers.ProviderException;
import io.atelier.providers.ProviderOutcome;
import io.atelier.providers.ProviderResult;
import io.atelier.providers.ProviderSettings;
import io.atelier.providers.ProviderTuning;
import io.atelier.providers.SourceImage;
import io.atelier.providers.dashscope.DashScopeStandIn.Mode;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DashScope through its stand-in: the provider contract on Qwen's synchronous edit, then the Wanx and out-painting
 * tasks (submit, then polls), their failures, and DashScope's request shapes.
 */
class DashScopeProviderTest extends ProviderContract implements ProviderContract.Refusals, ProviderContract.Keyed {
    private static final String KEY = "sk-FAKE-dashscope";
    /** Qwen edit takes sides from 384 px. */
    private final SourceImage photo = png(640, 480);

    private final DashScopeStandIn standIn = new DashScopeStandIn();

    @BeforeEach
    void acceptTheKey() {
        standIn.apiKey = KEY;
    }

    @Override
    protected Dispatcher standIn() {
        return standIn;
    }

    @Override
    protected DashScopeProvider provider(ProviderTuning tuning) {
        return provider(KEY, tuning);
    }

    private DashScopeProvider provider(String key, ProviderTuning tuning) {
        Map<String, String> settings = new HashMap<>();
        settings.put("DASHSCOPE_BASE_URL", DashScopeStandIn.baseUrl(server));
        if (key != null) settings.put("DASHSCOPE_API_KEY", key);
        return new DashScopeProvider(ProviderSettings.of(settings), tuning);
    }

    @Override
    protected ImageProvider unconfigured() {
        return provider(null, ProviderTuning.of(PATIENT));
    }

    @Override
    protected SourceImage input() {
        return photo;
    }

    @Override
    protected ProviderCall call(SourceImage input) {
        return call("edit", "make the sky purple", Map.of(), input);
    }

    @Override
    protected ProviderCall invalidCall(SourceImage input) {
        return call("upscale", null, Map.of("factor", 9), input);
    }

    @Override
    protected void answer(Answer answer) {
        standIn.slowMillis = SLOW_ANSWER.toMillis();
        standIn.mode(Mode.valueOf(answer.name()));
    }

    @Override
    protected Duration throttleHint() {
        return Duration.ofSeconds(standIn.retryAfterSeconds);
    }

    @Override
    protected int requestsReceived() {
        return standIn.requests.size();
    }

    @Override
    protected byte[] lastImageSent() {
        List<RecordedRequest> sent = standIn.requestsTo("/services/");
        JsonNode input = DashScopeStandIn.json(sent.get(sent.size() - 1)).path("input");
        String dataUrl = input.has("base_image_url")
                ? input.path("base_image_url").asText()
                : input.path("messages")
                        .path(0)
                        .path("content")
                        .path(0)
                        .path("image")
                        .asText();
        return Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1));
    }

    @Override
    public String key() {
        return KEY;
    }

    private static ProviderCall call(String operation, String prompt, Map<String, Object> params, SourceImage input) {
        return new ProviderCall(operation, null, prompt, params, input);
    }

    private ProviderCall edit() {
        return call(photo);
    }

    private static ProviderCall upscale() {
        return call("upscale", null, Map.of("factor", 2), png(512, 512));
    }

    private ProviderResult runToEnd(ProviderCall call) throws ProviderException {
        return run(provider(), call);
    }

    private ProviderException failure(ProviderCall call) {
        ProviderException e = failure(provider(), call);
        assertThat(e.getMessage()).doesNotContain(KEY);
        return e;
    }

    private static ImageHeader sentImage(String dataUrl) throws Exception {
        return ImageInspector.inspect(Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(",") + 1)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> usage(ProviderResult result) {
        return (Map<String, Object>) result.provenance().get("usage");
    }

    private List<String> fields(String operation, String model, String prompt, Map<String, Object> params) {
        return provider().validate(operation, model, prompt, params).stream()
                .map(FieldError::field)
                .toList();
    }

    // --- DashScope's own

    @Test
    void editSendsAQwenRequestAndCopiesTheResultAtOnce() throws Exception {
        ProviderCall call = call(
                "edit",
                "make the sky purple",
                Map.of("seed", 42, "negative_prompt", "blurry", "prompt_extend", false),
                png(640, 480));
        ProviderOutcome outcome = provider().start(call);

        assertThat(outcome).isInstanceOf(ProviderOutcome.Done.class);
        ProviderResult result = ((ProviderOutcome.Done) outcome).result();
        assertThat(result.format()).isEqualTo(ImageFormat.PNG);
        assertThat(result.width()).isEqualTo(640);
        assertThat(result.height()).isEqualTo(480);
        assertThat(result.model()).isEqualTo("qwen-image-edit-plus");
        assertThat(result.provenance())
                .containsEntry("model", "qwen-image-edit-plus")
                .containsEntry("seed", 42L)
                .containsKey("requestId")
                .doesNotContainKey("inputAdjusted");
        assertThat(usage(result)).containsEntry("image_count", 1).containsEntry("width", 640);

        RecordedRequest sent = standIn.requestsTo("/services/").get(0);
        assertThat(sent.getMethod()).isEqualTo("POST");
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/api/v1/services/aigc/multimodal-generation/generation");
        assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(sent.getHeaders().get("X-DashScope-Async")).isNull();
        JsonNode body = DashScopeStandIn.json(sent);
        assertThat(body.path("model").asText()).isEqualTo("qwen-image-edit-plus");
        JsonNode content = body.path("input").path("messages").path(0).path("content");
        assertThat(content.path(0).path("image").asText()).startsWith("data:image/png;base64,");
        assertThat(sentImage(content.path(0).path("image").asText()).width()).isEqualTo(640);
        assertThat(content.path(1).path("text").asText()).isEqualTo("make the sky purple");
        JsonNode parameters = body.path("parameters");
        assertThat(parameters.path("n").asInt()).isEqualTo(1);
        assertThat(parameters.path("watermark").isBoolean()).isTrue();
        assertThat(parameters.path("watermark").asBoolean()).isFalse();
        assertThat(parameters.path("negative_prompt").asText()).isEqualTo("blurry");
        assertThat(parameters.path("seed").asLong()).isEqualTo(42);
        assertThat(parameters.path("prompt_extend").asBoolean(true)).isFalse();
        // The 24-hour result link was fetched once, without Atelier's key.
        List<RecordedRequest> downloads = standIn.requestsTo("/results/");
        assertThat(downloads).hasSize(1);
        assertThat(downloads.get(0).getHeaders().get("Authorization")).isNull();
    }

    @Test
    void upscaleIsATaskThatIsPolledUntilItSucceeds() throws Exception {
        standIn.mode(Mode.ASYNC);
        ProviderCall call = call("upscale", null, Map.of("factor", 3), png(512, 512));

        ProviderOutcome started = provider().start(call);
        assertThat(started).isInstanceOf(ProviderOutcome.Pending.class);
        ProviderOutcome.Pending pending = (ProviderOutcome.Pending) started;
        assertThat(pending.pollAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(pending.provenance())
                .containsKey("requestId")
                .containsEntry("taskId", pending.handle())
                .containsEntry("model", "wanx2.1-imageedit");

        RecordedRequest submit = standIn.requestsTo("/services/").get(0);
        assertThat(submit.getUrl().encodedPath()).isEqualTo("/api/v1/services/aigc/image2image/image-synthesis");
        assertThat(submit.getHeaders().get("X-DashScope-Async")).isEqualTo("enable");
        assertThat(submit.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        JsonNode body = DashScopeStandIn.json(submit);
        assertThat(body.path("model").asText()).isEqualTo("wanx2.1-imageedit");
        assertThat(body.path("input").path("function").asText()).isEqualTo("super_resolution");
        assertThat(body.path("input").path("prompt").asText()).isEqualTo(DashScopeRequests.DEFAULT_UPSCALE_PROMPT);
        assertThat(body.path("input").path("base_image_url").asText()).startsWith("data:image/png;base64,");
        assertThat(body.path("parameters").path("upscale_factor").asInt()).isEqualTo(3);

        ProviderCall later = new ProviderCall("upscale", null, null, Map.of("factor", 3), null);
        ProviderOutcome first = provider().poll(later, pending.handle());
        ProviderOutcome second = provider().poll(later, pending.handle());
        assertThat(first).isInstanceOf(ProviderOutcome.Pending.class);
        assertThat(second).isInstanceOf(ProviderOutcome.Pending.class);
        assertThat(((ProviderOutcome.Pending) second).handle()).isEqualTo(pending.handle());
        ProviderOutcome done = provider().poll(later, pending.handle());
        assertThat(done).isInstanceOf(ProviderOutcome.Done.class);
        ProviderResult result = ((ProviderOutcome.Done) done).result();
        assertThat(result.width()).isEqualTo(1536);
        assertThat(result.height()).isEqualTo(1536);
        assertThat(result.provenance())
                .containsEntry("requestId", pending.handle())
                .containsEntry("model", "wanx2.1-imageedit");
        assertThat(usage(result)).containsEntry("image_count", 1);

        List<RecordedRequest> polls = standIn.requestsTo("/tasks/");
        assertThat(polls).hasSize(3).allSatisfy(poll -> {
            assertThat(poll.getMethod()).isEqualTo("GET");
            assertThat(poll.getUrl().encodedPath()).isEqualTo("/api/v1/tasks/" + pending.handle());
            assertThat(poll.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        });
    }

    @Test
    void upscaleDefaultsToFactorTwo() throws Exception {
        ProviderResult result = runToEnd(call("upscale", "sharpen it", Map.of(), png(600, 512)));
        JsonNode body = DashScopeStandIn.json(standIn.requestsTo("/services/").get(0));
        assertThat(body.path("parameters").path("upscale_factor").asInt()).isEqualTo(2);
        assertThat(body.path("input").path("prompt").asText()).isEqualTo("sharpen it");
        assertThat(result.width()).isEqualTo(1200);
    }

    @Test
    void styleSendsStylizationAllWithPromptAndStrength() throws Exception {
        ProviderResult result =
                runToEnd(call("style", "as a woodcut print", Map.of("strength", 0.6, "seed", 7), png(800, 600)));
        JsonNode body = DashScopeStandIn.json(standIn.requestsTo("/services/").get(0));
        assertThat(body.path("input").path("function").asText()).isEqualTo("stylization_all");
        assertThat(body.path("input").path("prompt").asText()).isEqualTo("as a woodcut print");
        assertThat(body.path("parameters").path("strength").asDouble()).isEqualTo(0.6);
        assertThat(body.path("parameters").path("seed").asLong()).isEqualTo(7);
        assertThat(result.width()).isEqualTo(800);
        assertThat(result.provenance()).containsEntry("seed", 7L);
    }

    @Test
    void outpaintUsesTheOutPaintingModelAndItsOutputImageUrl() throws Exception {
        ProviderResult result = runToEnd(call("outpaint", null, Map.of("output_ratio", "16:9"), png(600, 600)));
        RecordedRequest submit = standIn.requestsTo("/services/").get(0);
        assertThat(submit.getUrl().encodedPath()).isEqualTo("/api/v1/services/aigc/image2image/out-painting");
        assertThat(submit.getHeaders().get("X-DashScope-Async")).isEqualTo("enable");
        JsonNode body = DashScopeStandIn.json(submit);
        assertThat(body.path("model").asText()).isEqualTo("image-out-painting");
        assertThat(body.path("input").path("image_url").asText()).startsWith("data:image/png;base64,");
        assertThat(body.path("parameters").path("output_ratio").asText()).isEqualTo("16:9");
        assertThat(result.width()).isEqualTo(1067);
        assertThat(result.height()).isEqualTo(600);
    }

    @Test
    void outpaintPassesScalesAndOffsets() throws Exception {
        ProviderResult result = runToEnd(
                call("outpaint", null, Map.of("x_scale", 1.5, "y_scale", 2, "left_offset", 10), png(600, 600)));
        JsonNode parameters =
                DashScopeStandIn.json(standIn.requestsTo("/services/").get(0)).path("parameters");
        assertThat(parameters.path("x_scale").asDouble()).isEqualTo(1.5);
        assertThat(parameters.path("y_scale").asDouble()).isEqualTo(2.0);
        assertThat(parameters.path("left_offset").asInt()).isEqualTo(10);
        assertThat(parameters.has("output_ratio")).isFalse();
        assertThat(result.width()).isEqualTo(910);
        assertThat(result.height()).isEqualTo(1200);
    }

    @Test
    void otherClientErrorsAreInvalidRequests() {
        standIn.mode(Mode.INVALID);
        assertThat(failure(edit()).code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST);
        assertThat(failure(upscale()).code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST);
    }

    @Test
    void failedTasksAreClassifiedByTheirCode() {
        standIn.mode(Mode.TASK_FAILED);
        assertThat(failure(upscale()).code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        standIn.taskFailureCode = "InvalidParameter.FileDownload";
        ProviderException invalid = failure(upscale());
        assertThat(invalid.code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST);
        assertThat(invalid.getMessage()).contains("InvalidParameter.FileDownload");
    }

    @Test
    void aSucceededTaskWithOnlyFailedResultsIsAnErrorFromItsCode() {
        standIn.mode(Mode.RESULTS_FAILED);
        ProviderException e = failure(upscale());
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("InternalError.Timeout");
        assertThat(standIn.requestsTo("/results/")).isEmpty();
    }

    @Test
    void canceledAndUnknownTasksAreUnavailable() throws Exception {
        standIn.mode(Mode.CANCELED);
        assertThat(failure(upscale()).code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThatThrownBy(() -> provider()
                        .poll(
                                new ProviderCall("upscale", null, null, Map.of(), null),
                                "4f2a0c1e-0000-0000-0000-000000000000"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("unknown");
                });
    }

    @Test
    void theStandInRejectsWanxCallsWithoutTheAsyncHeader() throws Exception {
        OkHttpClient client = new OkHttpClient();
        String body =
                "{\"model\":\"wanx2.1-imageedit\",\"input\":{\"function\":\"super_resolution\",\"prompt\":\"x\",\"base_image_url\":\"data:image/png;base64,AA==\"}}";
        Request request = new Request.Builder()
                .url(DashScopeStandIn.baseUrl(server) + "/services/aigc/image2image/image-synthesis")
                .header("Authorization", "Bearer " + KEY)
                .post(RequestBody.create(body, MediaType.get("application/json")))
                .build();
        try (Response response = client.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(403);
            assertThat(response.body().string()).contains("AccessDenied");
        }
        // And that answer, were the adapter to provoke it, is reported as an auth problem rather than retried.
        ProviderException e = DashScopeAnswers.classify(
                403, "AccessDenied", "current user api does not support synchronous calls", "r1", null, KEY);
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_AUTH);
    }

    @Test
    void anEchoedKeyIsScrubbedFromMessages() {
        ProviderException e = DashScopeAnswers.classify(
                400, "InvalidParameter", "bad header Authorization: Bearer " + KEY, "r1", null, KEY);
        assertThat(e.getMessage()).doesNotContain(KEY).contains("InvalidParameter");
        ProviderException plain = DashScopeAnswers.classify(
                401, "InvalidApiKey", "key standin-plain-key not valid", "r1", null, "standin-plain-key");
        assertThat(plain.getMessage()).doesNotContain("standin-plain-key");
    }

    @Test
    void aSmallInputIsScaledUpToWanxMinimum() throws Exception {
        ProviderOutcome.Pending pending =
                (ProviderOutcome.Pending) provider().start(call("style", "ink", Map.of(), png(300, 200)));
        ImageHeader header =
                sentImage(DashScopeStandIn.json(standIn.requestsTo("/services/").get(0))
                        .path("input")
                        .path("base_image_url")
                        .asText());
        assertThat(header.height()).isEqualTo(512);
        assertThat(header.width()).isEqualTo(768);
        assertThat((String) pending.provenance().get("inputAdjusted")).contains("300×200");
    }

    @Test
    void validateNamesTheBadField() {
        assertThat(fields("upscale", null, null, Map.of("factor", 5))).containsExactly("factor");
        assertThat(fields("upscale", null, null, Map.of("factor", 2.5))).containsExactly("factor");
        assertThat(fields("upscale", null, null, Map.of("factor", "2"))).containsExactly("factor");
        assertThat(fields("upscale", null, null, Map.of("factor", 4))).isEmpty();
        assertThat(fields("edit", null, null, Map.of())).containsExactly("prompt");
        assertThat(fields("edit", null, "x".repeat(801), Map.of())).containsExactly("prompt");
        assertThat(fields("edit", null, "ok", Map.of("seed", -1, "prompt_extend", "yes")))
                .containsExactlyInAnyOrder("seed", "prompt_extend");
        assertThat(fields("style", null, null, Map.of("strength", 1.5)))
                .containsExactlyInAnyOrder("prompt", "strength");
        assertThat(fields("outpaint", null, null, Map.of("output_ratio", "2:1")))
                .containsExactly("output_ratio");
        assertThat(fields("outpaint", null, null, Map.of())).containsExactly("output_ratio");
        assertThat(fields("outpaint", null, null, Map.of("x_scale", 3.5))).containsExactly("x_scale");
        assertThat(fields("outpaint", null, null, Map.of("output_ratio", "4:3")))
                .isEmpty();
        assertThat(fields("upscale", "qwen-image-edit-plus", null, Map.of())).containsExactly("model");
        assertThat(fields("edit", "qwen-image-edit", "ok", Map.of())).isEmpty();
        assertThat(fields("generate", null, "a cat", Map.of())).containsExactly("operation");
    }

    @Test
    void throttlingWithoutRetryAfterHasNoHint() {
        standIn.mode(Mode.THROTTLED);
        standIn.retryAfterSeconds = 0;
        ProviderException e = failure(upscale());
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_THROTTLED);
        assertThat(e.retryAfter()).isNull();
    }

    @Test
    void aSlowPollEndsAtThePollsTimeLimit() throws Exception {
        DashScopeProvider hurriedPolls = provider(KEY, ProviderTuning.of(PATIENT, SHORT));
        ProviderOutcome.Pending pending = (ProviderOutcome.Pending) hurriedPolls.start(upscale());
        answer(Answer.SLOW);
        assertThatThrownBy(() ->
                        hurriedPolls.poll(new ProviderCall("upscale", null, null, Map.of(), null), pending.handle()))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE));
    }

    @Test
    void aTaskRefusedUnderTheContentPolicyIsRefused() {
        standIn.mode(Mode.REFUSED);
        assertThat(failure(upscale()).code()).isEqualTo(ErrorCode.PROVIDER_REFUSED);
        assertThat(standIn.requestsTo("/tasks/")).hasSize(1);
    }
}
