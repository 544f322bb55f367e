package io.atelier.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.imaging.ImageCodec;
import io.atelier.imaging.ImageFormat;
import io.atelier.model.ErrorCode;
import io.atelier.model.FieldError;
import io.atelier.providers.ImageProvider;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderContract;
import io.atelier.providers.ProviderException;
import io.atelier.providers.ProviderResult;
import io.atelier.providers.ProviderSettings;
import io.atelier.providers.ProviderTuning;
import io.atelier.providers.SourceImage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import org.junit.jupiter.api.Test;

/** OpenAI's Images API through its stand-in: the provider contract, then the request shapes and errors of OpenAI's own. */
class OpenAiProviderTest extends ProviderContract implements ProviderContract.Refusals, ProviderContract.Keyed {
    private final OpenAiStandIn standIn = new OpenAiStandIn();

    @Override
    protected Dispatcher standIn() {
        return standIn;
    }

    @Override
    protected OpenAiProvider provider(ProviderTuning tuning) {
        return provider(OpenAiStandIn.KEY, tuning);
    }

    private OpenAiProvider provider(String key, ProviderTuning tuning) {
        Map<String, String> settings =
                new HashMap<>(Map.of("OPENAI_BASE_URL", server.url("/v1").toString()));
        if (key != null) settings.put("OPENAI_API_KEY", key);
        return new OpenAiProvider(ProviderSettings.of(settings), tuning);
    }

    @Override
    protected ImageProvider unconfigured() {
        return provider(null, ProviderTuning.of(PATIENT));
    }

    @Override
    protected ProviderCall call(SourceImage input) {
        return new ProviderCall("edit", null, "add a red scarf", Map.of(), input);
    }

    @Override
    protected ProviderCall invalidCall(SourceImage input) {
        return new ProviderCall("edit", null, "x", Map.of("size", "4096x4096"), input);
    }

    @Override
    protected void answer(Answer answer) {
        standIn.slowDelay = SLOW_ANSWER;
        standIn.mode(OpenAiStandIn.Mode.valueOf(answer.name()));
    }

    @Override
    protected Duration throttleHint() {
        return Duration.ofMillis(Long.parseLong(OpenAiStandIn.RETRY_AFTER_MS));
    }

    @Override
    protected int requestsReceived() {
        return standIn.requests.size();
    }

    @Override
    protected byte[] lastImageSent() {
        return OpenAiStandIn.parts(standIn.last()).stream()
                .filter(p -> p.name().equals("image[]"))
                .findFirst()
                .orElseThrow()
                .body();
    }

    @Override
    public String key() {
        return OpenAiStandIn.KEY;
    }

    // --- OpenAI's own

    @Test
    void generatePostsJsonAndReadsTheBase64Image() throws Exception {
        ProviderResult result = run(new ProviderCall(
                "generate",
                null,
                "a paper crane on a desk",
                Map.of(
                        "size",
                        "1536x1024",
                        "quality",
                        "low",
                        "output_format",
                        "jpeg",
                        "output_compression",
                        80,
                        "moderation",
                        "low"),
                null));

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
        assertThat(result.provenance())
                .containsEntry("requestId", standIn.lastRequestId)
                .containsEntry("model", "gpt-image-1")
                .containsEntry("size", "1536x1024")
                .containsEntry("quality", "low")
                .containsEntry("outputFormat", "jpeg");
        assertThat(usage(result)).containsEntry("output_tokens", 4160).containsKey("total_tokens");
    }

    @Test
    void editSendsTheImageAsAnArrayPartWithTheFields() throws Exception {
        ProviderResult result = run(new ProviderCall(
                "edit",
                "gpt-image-1.5",
                "add a red scarf",
                Map.of("input_fidelity", "high", "quality", "high", "background", "opaque"),
                photo));

        var request = standIn.last();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/images/edits");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("multipart/form-data; boundary=");
        List<OpenAiStandIn.Part> parts = OpenAiStandIn.parts(request);
        OpenAiStandIn.Part image = parts.get(0);
        assertThat(image.name()).isEqualTo("image[]");
        assertThat(image.filename()).isEqualTo("image.png");
        assertThat(image.contentType()).isEqualTo("image/png");
        assertThat(image.body()).isEqualTo(photo.bytes());
        assertThat(OpenAiStandIn.fields(request))
                .containsEntry("prompt", "add a red scarf")
                .containsEntry("model", "gpt-image-1.5")
                .containsEntry("input_fidelity", "high")
                .containsEntry("quality", "high")
                .containsEntry("background", "opaque")
                .doesNotContainKeys("moderation", "n");

        // size auto follows the landscape input.
        assertThat(result.width()).isEqualTo(1536);
        assertThat(result.height()).isEqualTo(1024);
        assertThat(result.model()).isEqualTo("gpt-image-1.5");
        assertThat(result.provenance())
                .containsEntry("requestId", standIn.lastRequestId)
                .containsEntry("model", "gpt-image-1.5");
        assertThat(usage(result)).containsEntry("input_tokens", 373);
    }

    @Test
    void replaceBackgroundWrapsThePromptInAnInstruction() throws Exception {
        run(new ProviderCall("replace-background", null, "a snowy mountain pass", Map.of(), photo));
        Map<String, String> fields = OpenAiStandIn.fields(standIn.last());
        assertThat(fields.get("prompt"))
                .startsWith("Keep the main subject of this image exactly as it is")
                .endsWith("replace the background with: a snowy mountain pass");
        assertThat(fields).doesNotContainKey("background");
        assertThat(OpenAiStandIn.parts(standIn.last()))
                .extracting(OpenAiStandIn.Part::name)
                .contains("image[]");
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
    void throttlingPrefersRetryAfterMsThenRetryAfter() {
        standIn.mode(OpenAiStandIn.Mode.THROTTLED);
        assertThat(fail(new ProviderCall("generate", null, "x", Map.of(), null)).getMessage())
                .contains("rate_limit_exceeded");
        standIn.sendRetryAfterMs = false;
        assertThat(fail(new ProviderCall("generate", null, "x", Map.of(), null)).retryAfter())
                .isEqualTo(Duration.ofSeconds(Long.parseLong(OpenAiStandIn.RETRY_AFTER_SECONDS)));
    }

    @Test
    void anEmptyAccountIsNotThrottlingButAnAccountProblem() {
        standIn.mode(OpenAiStandIn.Mode.QUOTA);
        ProviderException e = fail(new ProviderCall("generate", null, "x", Map.of(), null));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_AUTH);
        assertThat(e.getMessage()).contains("insufficient_quota").contains("billing");
    }

    @Test
    void otherClientErrorsAreInvalidRequests() {
        // A model name of the right shape that OpenAI does not have: its 400, passed on.
        ProviderException e = fail(new ProviderCall("generate", "gpt-image-7", "x", Map.of(), null));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST);
        assertThat(e.getMessage()).contains("400").contains("gpt-image-7");
    }

    @Test
    void validateChecksTheDocumentedValues() {
        assertThat(fields(provider().validate("generate", null, null, Map.of())))
                .containsExactly("prompt");
        assertThat(fields(provider()
                        .validate(
                                "edit",
                                null,
                                "x",
                                Map.of(
                                        "size",
                                        "512x512",
                                        "quality",
                                        "ultra",
                                        "background",
                                        "clear",
                                        "output_format",
                                        "gif",
                                        "input_fidelity",
                                        "max"))))
                .containsExactlyInAnyOrder("size", "quality", "background", "output_format", "input_fidelity");
        assertThat(fields(provider()
                        .validate("generate", null, "x", Map.of("output_format", "jpeg", "output_compression", 101))))
                .containsExactly("output_compression");
        assertThat(fields(provider().validate("generate", null, "x", Map.of("output_compression", 50))))
                .containsExactly("output_compression");
        assertThat(fields(provider().validate("generate", null, "x", Map.of("input_fidelity", "high"))))
                .containsExactly("input_fidelity");
        assertThat(fields(provider()
                        .validate("generate", null, "x", Map.of("background", "transparent", "output_format", "jpeg"))))
                .containsExactly("background");
        assertThat(fields(provider().validate("remove-background", null, null, Map.of("output_format", "jpeg"))))
                .containsExactly("output_format");
        assertThat(fields(provider().validate("remove-background", null, null, Map.of("background", "opaque"))))
                .containsExactly("background");
        assertThat(fields(provider().validate("edit", "dall-e-3", "x", Map.of())))
                .containsExactly("model");
        assertThat(fields(provider().validate("replace-background", null, "x".repeat(32_000), Map.of())))
                .containsExactly("prompt");
        assertThat(fields(provider().validate("generate", null, "x".repeat(32_000), Map.of())))
                .isEmpty();
        assertThat(provider()
                        .validate(
                                "edit",
                                "gpt-image-1-mini",
                                "x",
                                Map.of(
                                        "output_format",
                                        "webp",
                                        "output_compression",
                                        0,
                                        "background",
                                        "transparent",
                                        "factor",
                                        4)))
                .isEmpty();
    }

    private ProviderResult run(ProviderCall call) throws ProviderException {
        return run(provider(), call);
    }

    private ProviderException fail(ProviderCall call) {
        return failure(provider(), call);
    }

    private static List<String> fields(List<FieldError> problems) {
        return problems.stream().map(FieldError::field).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> usage(ProviderResult result) {
        return (Map<String, Object>) result.provenance().get("usage");
    }
}
