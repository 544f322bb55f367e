package io.atelier.providers.dashscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.providers.ProviderSettings;
import io.atelier.fakes.TestImages;
import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageHeader;
import io.atelier.imaging.ImageInspector;
import io.atelier.model.ErrorCode;
import io.atelier.model.FieldError;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderException;
import io.atelier.providers.ProviderOutcome;
import io.atelier.providers.ProviderResult;
import io.atelier.providers.SourceImage;
import io.atelier.providers.http.ProviderHttp.Timeouts;
import io.atelier.providers.dashscope.DashScopeStandIn.Mode;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DashScopeProviderTest {
    private static final String KEY = "sk-FAKE-dashscope";
    private static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(3000), Duration.ofSeconds(6));

    private final DashScopeStandIn standIn = new DashScopeStandIn();
    private MockWebServer server;
    private DashScopeProvider provider;

    @BeforeEach
    void start() throws Exception {
        standIn.apiKey = KEY;
        standIn.slowMillis = 8_000;
        server = new MockWebServer();
        server.setDispatcher(standIn);
        server.start();
        provider = provider(KEY);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private DashScopeProvider provider(String key) {
        Map<String, String> settings = new HashMap<>();
        settings.put("DASHSCOPE_BASE_URL", DashScopeStandIn.baseUrl(server));
        if (key != null) settings.put("DASHSCOPE_API_KEY", key);
        return new DashScopeProvider(ProviderSettings.of(settings), SHORT, SHORT);
    }

    private static SourceImage png(int width, int height) {
        return new SourceImage(TestImages.png(width, height), ImageFormat.PNG, width, height);
    }

    private static ProviderCall call(String operation, String prompt, Map<String, Object> params, SourceImage input) {
        return new ProviderCall(operation, null, prompt, params, input);
    }

    private static ProviderCall edit() {
        return call("edit", "make the sky purple", Map.of(), png(640, 480));
    }

    private static ProviderCall upscale() {
        return call("upscale", null, Map.of("factor", 2), png(512, 512));
    }

    private ProviderResult runToEnd(ProviderCall call) throws ProviderException {
        ProviderOutcome outcome = provider.start(call);
        ProviderCall later = new ProviderCall(call.operation(), call.model(), call.prompt(), call.params(), null);
        for (int i = 0; i < 5 && outcome instanceof ProviderOutcome.Pending pending; i++) outcome = provider.poll(later, pending.handle());
        assertThat(outcome).isInstanceOf(ProviderOutcome.Done.class);
        return ((ProviderOutcome.Done) outcome).result();
    }

    private ProviderException failure(ProviderCall call) {
        try {
            runToEnd(call);
        } catch (ProviderException e) {
            assertThat(e.getMessage()).doesNotContain(KEY);
            return e;
        }
        throw new AssertionError("expected a ProviderException");
    }

    private static ImageHeader sentImage(String dataUrl) throws Exception {
        return ImageInspector.inspect(Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(",") + 1)));
    }

    // --- happy paths, one per operation

    @Test
    void editSendsAQwenRequestAndCopiesTheResultAtOnce() throws Exception {
        ProviderCall call = call("edit", "make the sky purple", Map.of("seed", 42, "negative_prompt", "blurry", "prompt_extend", false),
                png(640, 480));
        ProviderOutcome outcome = provider.start(call);

        assertThat(outcome).isInstanceOf(ProviderOutcome.Done.class);
        ProviderResult result = ((ProviderOutcome.Done) outcome).result();
        assertThat(result.format()).isEqualTo(ImageFormat.PNG);
        assertThat(result.width()).isEqualTo(640);
        assertThat(result.height()).isEqualTo(480);
        assertThat(result.model()).isEqualTo("qwen-image-edit-plus");
        assertThat(result.provenance()).containsEntry("model", "qwen-image-edit-plus").containsEntry("seed", 42L)
                .containsKey("requestId").doesNotContainKey("inputAdjusted");
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

        ProviderOutcome started = provider.start(call);
        assertThat(started).isInstanceOf(ProviderOutcome.Pending.class);
        ProviderOutcome.Pending pending = (ProviderOutcome.Pending) started;
        assertThat(pending.pollAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(pending.provenance()).containsKey("requestId").containsEntry("taskId", pending.handle())
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
        ProviderOutcome first = provider.poll(later, pending.handle());
        ProviderOutcome second = provider.poll(later, pending.handle());
        assertThat(first).isInstanceOf(ProviderOutcome.Pending.class);
        assertThat(second).isInstanceOf(ProviderOutcome.Pending.class);
        assertThat(((ProviderOutcome.Pending) second).handle()).isEqualTo(pending.handle());
        ProviderOutcome done = provider.poll(later, pending.handle());
        assertThat(done).isInstanceOf(ProviderOutcome.Done.class);
        ProviderResult result = ((ProviderOutcome.Done) done).result();
        assertThat(result.width()).isEqualTo(1536);
        assertThat(result.height()).isEqualTo(1536);
        assertThat(result.provenance()).containsEntry("requestId", pending.handle()).containsEntry("model", "wanx2.1-imageedit");
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
        ProviderResult result = runToEnd(call("style", "as a woodcut print", Map.of("strength", 0.6, "seed", 7), png(800, 600)));
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
        ProviderResult result = runToEnd(call("outpaint", null, Map.of("x_scale", 1.5, "y_scale", 2, "left_offset", 10), png(600, 600)));
        JsonNode parameters = DashScopeStandIn.json(standIn.requestsTo("/services/").get(0)).path("parameters");
        assertThat(parameters.path("x_scale").asDouble()).isEqualTo(1.5);
        assertThat(parameters.path("y_scale").asDouble()).isEqualTo(2.0);
        assertThat(parameters.path("left_offset").asInt()).isEqualTo(10);
        assertThat(parameters.has("output_ratio")).isFalse();
        assertThat(result.width()).isEqualTo(910);
        assertThat(result.height()).isEqualTo(1200);
    }

    // --- errors

    @Test
    void throttlingCarriesTheRetryHint() {
        standIn.mode(Mode.THROTTLED);
        ProviderException e = failure(edit());
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_THROTTLED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(e.getMessage()).contains("Throttling.RateQuota");

        standIn.retryAfterSeconds = 0;
        ProviderException withoutHint = failure(upscale());
        assertThat(withoutHint.code()).isEqualTo(ErrorCode.PROVIDER_THROTTLED);
        assertThat(withoutHint.retryAfter()).isNull();
    }

    @Test
    void internalErrorsAreUnavailable() {
        standIn.mode(Mode.UNAVAILABLE);
        assertThat(failure(edit()).code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(failure(upscale()).code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
    }

    @Test
    void aSlowAnswerIsUnavailable() {
        standIn.mode(Mode.SLOW);
        ProviderException e = failure(edit());
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("in time");
    }

    @Test
    void aSlowPollIsUnavailable() throws Exception {
        ProviderOutcome.Pending pending = (ProviderOutcome.Pending) provider.start(upscale());
        standIn.mode(Mode.SLOW);
        assertThatThrownBy(() -> provider.poll(new ProviderCall("upscale", null, null, Map.of(), null), pending.handle()))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE));
    }

    @Test
    void contentModerationIsARefusalWhetherSynchronousOrInATask() {
        standIn.mode(Mode.REFUSED);
        ProviderException sync = failure(edit());
        assertThat(sync.code()).isEqualTo(ErrorCode.PROVIDER_REFUSED);
        assertThat(sync.getMessage()).contains("DataInspectionFailed");
        ProviderException task = failure(upscale());
        assertThat(task.code()).isEqualTo(ErrorCode.PROVIDER_REFUSED);
        assertThat(standIn.requestsTo("/tasks/")).hasSize(1);
    }

    @Test
    void aBadKeyIsAnAuthError() {
        standIn.mode(Mode.BAD_KEY);
        ProviderException e = failure(edit());
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_AUTH);
        assertThat(e.getMessage()).contains("InvalidApiKey");
        standIn.mode(Mode.SUCCESS);
        provider = provider("sk-FAKE-wrong");
        assertThat(failure(upscale()).code()).isEqualTo(ErrorCode.PROVIDER_AUTH);
    }

    @Test
    void noKeyMeansNotConfiguredAndNoRequest() {
        DashScopeProvider unconfigured = provider(null);
        assertThat(unconfigured.configured()).isFalse();
        assertThat(provider.configured()).isTrue();
        assertThatThrownBy(() -> unconfigured.start(edit()))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_AUTH));
        assertThat(standIn.requests).isEmpty();
    }

    @Test
    void otherClientErrorsAreInvalidRequests() {
        standIn.mode(Mode.INVALID);
        assertThat(failure(edit()).code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST);
        assertThat(failure(upscale()).code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST);
    }

    @Test
    void malformedAndTruncatedBodiesAreUnavailable() {
        standIn.mode(Mode.MALFORMED);
        for (ProviderCall call : List.of(edit(), upscale())) {
            ProviderException e = failure(call);
            assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
            assertThat(e.getMessage()).contains("not valid JSON");
        }
        standIn.mode(Mode.TRUNCATED);
        for (ProviderCall call : List.of(edit(), upscale())) {
            ProviderException e = failure(call);
            assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
            assertThat(e.getMessage()).contains("broke off");
        }
        assertThat(standIn.requestsTo("/tasks/")).isEmpty();
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
        assertThatThrownBy(() -> provider.poll(new ProviderCall("upscale", null, null, Map.of(), null), "4f2a0c1e-0000-0000-0000-000000000000"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("unknown");
                });
    }

    @Test
    void theStandInRejectsWanxCallsWithoutTheAsyncHeader() throws Exception {
        OkHttpClient client = new OkHttpClient();
        String body = "{\"model\":\"wanx2.1-imageedit\",\"input\":{\"function\":\"super_resolution\",\"prompt\":\"x\",\"base_image_url\":\"data:image/png;base64,AA==\"}}";
        Request request = new Request.Builder().url(DashScopeStandIn.baseUrl(server) + "/services/aigc/image2image/image-synthesis")
                .header("Authorization", "Bearer " + KEY).post(RequestBody.create(body, MediaType.get("application/json"))).build();
        try (Response response = client.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(403);
            assertThat(response.body().string()).contains("AccessDenied");
        }
        // And that answer, were the adapter to provoke it, is reported as an auth problem rather than retried.
        ProviderException e = DashScopeAnswers.classify(403, "AccessDenied", "current user api does not support synchronous calls", "r1", null, KEY);
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_AUTH);
    }

    @Test
    void anEchoedKeyIsScrubbedFromMessages() {
        ProviderException e = DashScopeAnswers.classify(400, "InvalidParameter", "bad header Authorization: Bearer " + KEY, "r1", null, KEY);
        assertThat(e.getMessage()).doesNotContain(KEY).contains("InvalidParameter");
        ProviderException plain = DashScopeAnswers.classify(401, "InvalidApiKey", "key standin-plain-key not valid", "r1", null, "standin-plain-key");
        assertThat(plain.getMessage()).doesNotContain("standin-plain-key");
    }

    // --- input fitting

    @Test
    void anOversizedInputIsFittedAndProvenanceSaysSo() throws Exception {
        ProviderResult result = runToEnd(call("upscale", null, Map.of("factor", 1), png(5000, 800)));
        JsonNode body = DashScopeStandIn.json(standIn.requestsTo("/services/").get(0));
        String sent = body.path("input").path("base_image_url").asText();
        ImageHeader header = sentImage(sent);
        assertThat(header.width()).isEqualTo(4096);
        assertThat(header.height()).isEqualTo(655);
        assertThat(sent).startsWith("data:" + header.format().mimeType() + ";base64,");
        assertThat(result.width()).isEqualTo(4096);
        // The pending step carries what was sent; the worker keeps it for the task's provenance.
        ProviderOutcome.Pending pending = (ProviderOutcome.Pending) provider.start(call("upscale", null, Map.of("factor", 1), png(5000, 800)));
        assertThat((String) pending.provenance().get("inputAdjusted")).contains("5000×800").contains("4096×655");
    }

    @Test
    void aSmallInputIsScaledUpToWanxMinimum() throws Exception {
        ProviderOutcome.Pending pending = (ProviderOutcome.Pending) provider.start(call("style", "ink", Map.of(), png(300, 200)));
        ImageHeader header = sentImage(DashScopeStandIn.json(standIn.requestsTo("/services/").get(0)).path("input").path("base_image_url").asText());
        assertThat(header.height()).isEqualTo(512);
        assertThat(header.width()).isEqualTo(768);
        assertThat((String) pending.provenance().get("inputAdjusted")).contains("300×200");
    }

    // --- validation

    @Test
    void validateNamesTheBadField() {
        assertThat(fields("upscale", null, null, Map.of("factor", 5))).containsExactly("factor");
        assertThat(fields("upscale", null, null, Map.of("factor", 2.5))).containsExactly("factor");
        assertThat(fields("upscale", null, null, Map.of("factor", "2"))).containsExactly("factor");
        assertThat(fields("upscale", null, null, Map.of("factor", 4))).isEmpty();
        assertThat(fields("edit", null, null, Map.of())).containsExactly("prompt");
        assertThat(fields("edit", null, "x".repeat(801), Map.of())).containsExactly("prompt");
        assertThat(fields("edit", null, "ok", Map.of("seed", -1, "prompt_extend", "yes"))).containsExactlyInAnyOrder("seed", "prompt_extend");
        assertThat(fields("style", null, null, Map.of("strength", 1.5))).containsExactlyInAnyOrder("prompt", "strength");
        assertThat(fields("outpaint", null, null, Map.of("output_ratio", "2:1"))).containsExactly("output_ratio");
        assertThat(fields("outpaint", null, null, Map.of())).containsExactly("output_ratio");
        assertThat(fields("outpaint", null, null, Map.of("x_scale", 3.5))).containsExactly("x_scale");
        assertThat(fields("outpaint", null, null, Map.of("output_ratio", "4:3"))).isEmpty();
        assertThat(fields("upscale", "qwen-image-edit-plus", null, Map.of())).containsExactly("model");
        assertThat(fields("edit", "qwen-image-edit", "ok", Map.of())).isEmpty();
        assertThat(fields("generate", null, "a cat", Map.of())).containsExactly("operation");
    }

    @Test
    void startRefusesParamsValidateWouldRefuse() {
        assertThatThrownBy(() -> provider.start(call("upscale", null, Map.of("factor", 9), png(512, 512))))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST);
                    assertThat(e.getMessage()).startsWith("factor");
                });
        assertThat(standIn.requests).isEmpty();
    }

    @Test
    void catalogueEntry() {
        assertThat(provider.id()).isEqualTo("dashscope");
        assertThat(provider.operations()).containsExactly("edit", "upscale", "style", "outpaint");
        assertThat(provider.models()).contains("qwen-image-edit-plus", "wanx2.1-imageedit", "image-out-painting");
        assertThat(provider.maxWait()).isEqualTo(Duration.ofMinutes(30));
        assertThat(provider.limits()).containsKeys("inputFormats", "maxInputBytes", "outputFormats", "operations", "quota");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> usage(ProviderResult result) {
        return (Map<String, Object>) result.provenance().get("usage");
    }

    private List<String> fields(String operation, String model, String prompt, Map<String, Object> params) {
        return provider.validate(operation, model, prompt, params).stream().map(FieldError::field).toList();
    }
}
