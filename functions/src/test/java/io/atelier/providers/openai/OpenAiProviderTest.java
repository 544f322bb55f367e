package io.atelier.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.providers.ProviderSettings;
import io.atelier.fakes.TestImages;
import io.atelier.imaging.ImageCodec;
import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageInspector;
import io.atelier.model.ErrorCode;
import io.atelier.model.FieldError;
import io.atelier.providers.InputLimits;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderException;
import io.atelier.providers.ProviderOutcome;
import io.atelier.providers.ProviderResult;
import io.atelier.providers.SourceImage;
import io.atelier.providers.http.ProviderHttp.Timeouts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiProviderTest {
    private static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(3000), Duration.ofSeconds(6));
    private final OpenAiStandIn standIn = new OpenAiStandIn();
    private final MockWebServer server = new MockWebServer();
    private final SourceImage photo = new SourceImage(TestImages.png(300, 200), ImageFormat.PNG, 300, 200);
    private OpenAiProvider provider;

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(standIn);
        server.start();
        provider = providerWithKey(OpenAiStandIn.KEY, OpenAiProvider.INPUT_LIMITS);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void generatePostsJsonAndReadsTheBase64Image() throws Exception {
        ProviderResult result = run(new ProviderCall("generate", null, "a paper crane on a desk",
                Map.of("size", "1536x1024", "quality", "low", "output_format", "jpeg", "output_compression", 80, "moderation", "low"), null));

        var request = standIn.last();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/images/generations");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + OpenAiStandIn.KEY);
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode body = OpenAiStandIn.json(request);
        assertThat(body.path("prompt").asText()).isEqualTo("a paper crane on a desk");
        assertThat(body.path("model").asText()).isEqualTo("gpt-image-1");
        assertThat(body.path("size").asText()).isEqualTo("1536x1024");
        assertThat(body.path("quality").asText()).isEqualTo("low");
        assertThat(body.path("output_format").asText()).isEqualTo("jpeg");
        assertThat(body.path("output_compression").asInt()).isEqualTo(80);
        assertThat(body.path("moderation").asText()).isEqualTo("low");

        assertThat(result.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(result.width()).isEqualTo(1536);
        assertThat(result.height()).isEqualTo(1024);
        assertThat(result.model()).isEqualTo("gpt-image-1");
        assertThat(result.provenance()).containsEntry("requestId", standIn.lastRequestId).containsEntry("model", "gpt-image-1")
                .containsEntry("size", "1536x1024").containsEntry("quality", "low").containsEntry("outputFormat", "jpeg");
        assertThat(usage(result)).containsEntry("output_tokens", 4160).containsKey("total_tokens");
    }

    @Test
    void editSendsTheImageAsAnArrayPartWithTheFields() throws Exception {
        ProviderResult result = run(new ProviderCall("edit", "gpt-image-1.5", "add a red scarf",
                Map.of("input_fidelity", "high", "quality", "high", "background", "opaque"), photo));

        var request = standIn.last();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/images/edits");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("multipart/form-data; boundary=");
        List<OpenAiStandIn.Part> parts = OpenAiStandIn.parts(request);
        OpenAiStandIn.Part image = parts.get(0);
        assertThat(image.name()).isEqualTo("image[]");
        assertThat(image.filename()).isEqualTo("image.png");
        assertThat(image.contentType()).isEqualTo("image/png");
        assertThat(image.body()).isEqualTo(photo.bytes());
        assertThat(OpenAiStandIn.fields(request)).containsEntry("prompt", "add a red scarf").containsEntry("model", "gpt-image-1.5")
                .containsEntry("input_fidelity", "high").containsEntry("quality", "high").containsEntry("background", "opaque")
                .doesNotContainKeys("moderation", "n");

        // size auto follows the landscape input.
        assertThat(result.width()).isEqualTo(1536);
        assertThat(result.height()).isEqualTo(1024);
        assertThat(result.model()).isEqualTo("gpt-image-1.5");
        assertThat(result.provenance()).containsEntry("requestId", standIn.lastRequestId).containsEntry("model", "gpt-image-1.5");
        assertThat(usage(result)).containsEntry("input_tokens", 373);
    }

    @Test
    void replaceBackgroundWrapsThePromptInAnInstruction() throws Exception {
        run(new ProviderCall("replace-background", null, "a snowy mountain pass", Map.of(), photo));
        Map<String, String> fields = OpenAiStandIn.fields(standIn.last());
        assertThat(fields.get("prompt")).startsWith("Keep the main subject of this image exactly as it is")
                .endsWith("replace the background with: a snowy mountain pass");
        assertThat(fields).doesNotContainKey("background");
        assertThat(OpenAiStandIn.parts(standIn.last())).extracting(OpenAiStandIn.Part::name).contains("image[]");
    }

    @Test
    void removeBackgroundAsksForATransparentPng() throws Exception {
        ProviderResult result = run(new ProviderCall("remove-background", null, null, Map.of(), photo));
        Map<String, String> fields = OpenAiStandIn.fields(standIn.last());
        assertThat(fields).containsEntry("background", "transparent").containsEntry("output_format", "png");
        assertThat(fields.get("prompt")).contains("Remove the background").contains("transparent");
        assertThat(result.format()).isEqualTo(ImageFormat.PNG);
        assertThat(ImageCodec.decode(result.bytes()).getColorModel().hasAlpha()).isTrue();
        assertThat(result.provenance()).containsEntry("background", "transparent");

        run(new ProviderCall("remove-background", null, "the teapot", Map.of("output_format", "webp"), photo));
        assertThat(OpenAiStandIn.fields(standIn.last())).containsEntry("output_format", "webp");
        assertThat(OpenAiStandIn.fields(standIn.last()).get("prompt")).endsWith("The subject: the teapot");
    }

    @Test
    void throttlingUsesRetryAfterMsFirstThenRetryAfter() {
        standIn.mode(OpenAiStandIn.Mode.THROTTLED);
        ProviderException e = fail(new ProviderCall("generate", null, "x", Map.of(), null));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_THROTTLED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(1500));
        assertThat(e.getMessage()).contains("rate_limit_exceeded");

        standIn.sendRetryAfterMs = false;
        assertThat(fail(new ProviderCall("generate", null, "x", Map.of(), null)).retryAfter()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anEmptyAccountIsNotThrottlingButAnAccountProblem() {
        standIn.mode(OpenAiStandIn.Mode.QUOTA);
        ProviderException e = fail(new ProviderCall("generate", null, "x", Map.of(), null));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_AUTH);
        assertThat(e.getMessage()).contains("insufficient_quota").contains("billing");
    }

    @Test
    void serverTroubleIsUnavailable() {
        standIn.mode(OpenAiStandIn.Mode.UNAVAILABLE);
        ProviderException e = fail(new ProviderCall("edit", null, "x", Map.of(), photo));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("503").contains("overloaded");
    }

    @Test
    void aSlowAnswerTimesOutAsUnavailable() {
        standIn.mode(OpenAiStandIn.Mode.SLOW);
        long began = System.nanoTime();
        ProviderException e = fail(new ProviderCall("generate", null, "x", Map.of(), null));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("did not answer in time");
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(7)); // the time limit, not the stand-in's 8 s
    }

    @Test
    void moderationBlockedIsRefused() {
        standIn.mode(OpenAiStandIn.Mode.REFUSED);
        ProviderException e = fail(new ProviderCall("edit", null, "x", Map.of(), photo));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_REFUSED);
        assertThat(e.getMessage()).contains("rejected by the safety system").contains(standIn.lastRequestId);
    }

    @Test
    void aBadKeyIsAuthAndTheKeyIsNotRepeated() {
        standIn.mode(OpenAiStandIn.Mode.BAD_KEY);
        ProviderException e = fail(new ProviderCall("generate", null, "x", Map.of(), null));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_AUTH);
        assertThat(e.getMessage()).contains("401").doesNotContain(OpenAiStandIn.KEY);

        standIn.mode(OpenAiStandIn.Mode.SUCCESS);
        String wrongKey = "sk-FAKE-someone-else";
        provider = providerWithKey(wrongKey, OpenAiProvider.INPUT_LIMITS);
        ProviderException wrong = fail(new ProviderCall("edit", null, "x", Map.of(), photo));
        assertThat(wrong.code()).isEqualTo(ErrorCode.PROVIDER_AUTH);
        assertThat(wrong.getMessage()).doesNotContain(wrongKey).doesNotContain("SomebodyElses");
    }

    @Test
    void otherClientErrorsAreInvalidRequests() {
        // A model name of the right shape that OpenAI does not have: its 400, passed on.
        ProviderException e = fail(new ProviderCall("generate", "gpt-image-7", "x", Map.of(), null));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST);
        assertThat(e.getMessage()).contains("400").contains("gpt-image-7");
    }

    @Test
    void malformedAndTruncatedAnswersAreUnavailable() {
        standIn.mode(OpenAiStandIn.Mode.MALFORMED);
        ProviderException malformed = fail(new ProviderCall("generate", null, "x", Map.of(), null));
        assertThat(malformed.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(malformed.getMessage()).contains("not valid JSON");

        standIn.mode(OpenAiStandIn.Mode.TRUNCATED);
        ProviderException truncated = fail(new ProviderCall("edit", null, "x", Map.of(), photo));
        assertThat(truncated.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(truncated.getMessage()).contains("broke off its answer");
    }

    @Test
    void anOversizedInputIsFittedBeforeItIsSentAndProvenanceSaysSo() throws Exception {
        // The real limit is 50 MB; a small one keeps the test quick while taking the same path.
        provider = providerWithKey(OpenAiStandIn.KEY, InputLimits.of(20_000, ImageInspector.MAX_PIXELS, ImageInspector.MAX_SIDE, 1,
                Set.of(ImageFormat.PNG, ImageFormat.WEBP, ImageFormat.JPEG)));
        SourceImage big = new SourceImage(TestImages.png(1200, 800), ImageFormat.PNG, 1200, 800);
        assertThat(big.bytes().length).isGreaterThan(20_000);
        ProviderResult result = run(new ProviderCall("edit", null, "x", Map.of(), big));

        OpenAiStandIn.Part sent = OpenAiStandIn.parts(standIn.last()).get(0);
        assertThat(sent.body().length).isLessThanOrEqualTo(20_000);
        assertThat(sent.contentType()).isEqualTo(ImageInspector.inspect(sent.body()).format().mimeType());
        assertThat(sent.filename()).endsWith("." + ImageInspector.inspect(sent.body()).format().extension());
        assertThat((String) result.provenance().get("inputAdjusted")).contains("1200×800").contains("OpenAI");
    }

    @Test
    void validateChecksTheDocumentedValues() {
        assertThat(fields(provider.validate("generate", null, null, Map.of()))).containsExactly("prompt");
        assertThat(fields(provider.validate("edit", null, "x", Map.of("size", "512x512", "quality", "ultra", "background", "clear",
                "output_format", "gif", "input_fidelity", "max")))).containsExactlyInAnyOrder("size", "quality", "background", "output_format", "input_fidelity");
        assertThat(fields(provider.validate("generate", null, "x", Map.of("output_format", "jpeg", "output_compression", 101))))
                .containsExactly("output_compression");
        assertThat(fields(provider.validate("generate", null, "x", Map.of("output_compression", 50)))).containsExactly("output_compression");
        assertThat(fields(provider.validate("generate", null, "x", Map.of("input_fidelity", "high")))).containsExactly("input_fidelity");
        assertThat(fields(provider.validate("generate", null, "x", Map.of("background", "transparent", "output_format", "jpeg"))))
                .containsExactly("background");
        assertThat(fields(provider.validate("remove-background", null, null, Map.of("output_format", "jpeg")))).containsExactly("output_format");
        assertThat(fields(provider.validate("remove-background", null, null, Map.of("background", "opaque")))).containsExactly("background");
        assertThat(fields(provider.validate("edit", "dall-e-3", "x", Map.of()))).containsExactly("model");
        assertThat(fields(provider.validate("replace-background", null, "x".repeat(32_000), Map.of()))).containsExactly("prompt");
        assertThat(fields(provider.validate("generate", null, "x".repeat(32_000), Map.of()))).isEmpty();
        assertThat(provider.validate("edit", "gpt-image-1-mini", "x", Map.of("output_format", "webp", "output_compression", 0,
                "background", "transparent", "factor", 4))).isEmpty();
    }

    @Test
    void invalidParamsAtRunTimeNeverReachOpenAi() {
        ProviderException e = fail(new ProviderCall("edit", null, "x", Map.of("size", "4096x4096"), photo));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST);
        assertThat(e.getMessage()).startsWith("size:");
        assertThat(standIn.requests).isEmpty();
    }

    @Test
    void withoutAKeyItIsNotConfiguredAndSendsNothing() {
        OpenAiProvider unconfigured = new OpenAiProvider(ProviderSettings.of(Map.of("OPENAI_BASE_URL", server.url("/v1").toString())),
                SHORT, OpenAiProvider.INPUT_LIMITS);
        assertThat(unconfigured.configured()).isFalse();
        assertThat(provider.configured()).isTrue();
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> unconfigured.start(new ProviderCall("generate", null, "x", Map.of(), null)));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_AUTH);
        assertThat(standIn.requests).isEmpty();
    }

    @Test
    void theKeyNeverAppearsInAnyFailure() {
        for (OpenAiStandIn.Mode mode : OpenAiStandIn.Mode.values()) {
            if (mode == OpenAiStandIn.Mode.SUCCESS || mode == OpenAiStandIn.Mode.SLOW) continue;
            standIn.mode(mode);
            ProviderException e = fail(new ProviderCall("edit", null, "x", Map.of(), photo));
            assertThat(e.getMessage()).as(mode.name()).doesNotContain(OpenAiStandIn.KEY);
        }
    }

    @Test
    void itDescribesItselfForTheCatalogue() {
        assertThat(provider.id()).isEqualTo("openai");
        assertThat(provider.operations()).containsExactly("generate", "edit", "replace-background", "remove-background");
        assertThat(provider.models()).startsWith("gpt-image-1");
        assertThat(provider.limits()).containsKeys("inputFormats", "maxInputBytes", "outputFormats", "params", "values");
    }

    private OpenAiProvider providerWithKey(String key, InputLimits limits) {
        return new OpenAiProvider(ProviderSettings.of(Map.of("OPENAI_API_KEY", key, "OPENAI_BASE_URL", server.url("/v1").toString())),
                SHORT, limits);
    }

    private ProviderResult run(ProviderCall call) throws ProviderException {
        ProviderOutcome outcome = provider.start(call);
        assertThat(outcome).isInstanceOf(ProviderOutcome.Done.class);
        return ((ProviderOutcome.Done) outcome).result();
    }

    private ProviderException fail(ProviderCall call) {
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.start(call));
        assertThat(e).as("expected a ProviderException").isNotNull();
        return e;
    }

    private static List<String> fields(List<FieldError> problems) {
        return problems.stream().map(FieldError::field).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> usage(ProviderResult result) {
        return (Map<String, Object>) result.provenance().get("usage");
    }
}
