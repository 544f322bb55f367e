package io.atelier.providers.ark;

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
import io.atelier.providers.ark.ArkStandIn.Mode;
import io.atelier.providers.http.ProviderHttp.Timeouts;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ArkProviderTest {
    /** Ark keys are UUID-shaped, not "sk-…": the generic key scrubber would not recognise one. */
    private static final String KEY = "3f5c2b1a-9d8e-4f70-a6b5-c4d3e2f1a0b9";
    private static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(3000), Duration.ofSeconds(6));

    private final ArkStandIn standIn = new ArkStandIn();
    private MockWebServer server;
    private ArkProvider provider;

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

    private ArkProvider provider(String key) {
        Map<String, String> settings = new HashMap<>();
        settings.put("ARK_BASE_URL", ArkStandIn.baseUrl(server));
        if (key != null) settings.put("ARK_API_KEY", key);
        return new ArkProvider(ProviderSettings.of(settings), SHORT);
    }

    private static SourceImage png(int width, int height) {
        return new SourceImage(TestImages.png(width, height), ImageFormat.PNG, width, height);
    }

    private static ProviderCall generate(Map<String, Object> params) {
        return new ProviderCall("generate", null, "a lighthouse at dusk", params, null);
    }

    private static ProviderCall edit(Map<String, Object> params, SourceImage input) {
        return new ProviderCall("edit", null, "add a red scarf", params, input);
    }

    private ProviderResult run(ProviderCall call) throws ProviderException {
        ProviderOutcome outcome = provider.start(call);
        assertThat(outcome).isInstanceOf(ProviderOutcome.Done.class);
        return ((ProviderOutcome.Done) outcome).result();
    }

    private ProviderException failure(ProviderCall call) {
        try {
            run(call);
        } catch (ProviderException e) {
            assertThat(e.getMessage()).doesNotContain(KEY);
            return e;
        }
        throw new AssertionError("expected a ProviderException");
    }

    private RecordedRequest sent() {
        return standIn.requestsTo("/images/generations").get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> usage(ProviderResult result) {
        return (Map<String, Object>) result.provenance().get("usage");
    }

    // --- happy paths

    @Test
    void generateSendsTheDocumentedFieldsAndDecodesBase64() throws Exception {
        ProviderResult result = run(generate(Map.of("size", "1K", "seed", 1234)));

        assertThat(result.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(result.width()).isEqualTo(1024);
        assertThat(result.height()).isEqualTo(1024);
        assertThat(result.model()).isEqualTo("doubao-seedream-4-0-250828");
        assertThat(result.provenance()).containsEntry("model", "doubao-seedream-4-0-250828").containsEntry("seed", 1234L)
                .containsEntry("size", "1024x1024").containsKey("requestId").doesNotContainKey("inputAdjusted");
        assertThat(usage(result)).containsEntry("generated_images", 1).containsKey("output_tokens");

        RecordedRequest request = sent();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v3/images/generations");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(result.provenance().get("requestId")).isNotNull();
        JsonNode body = ArkStandIn.json(request);
        assertThat(body.path("model").asText()).isEqualTo("doubao-seedream-4-0-250828");
        assertThat(body.path("prompt").asText()).isEqualTo("a lighthouse at dusk");
        assertThat(body.has("image")).isFalse();
        assertThat(body.path("size").asText()).isEqualTo("1K");
        assertThat(body.path("seed").asLong()).isEqualTo(1234);
        assertThat(body.path("response_format").asText()).isEqualTo("b64_json");
        assertThat(body.path("watermark").isBoolean()).isTrue();
        assertThat(body.path("watermark").asBoolean()).isFalse();
        assertThat(body.path("sequential_image_generation").asText()).isEqualTo("disabled");
        assertThat(standIn.requestsTo("/results/")).isEmpty();
    }

    @Test
    void generateDefaultsToTwoK() throws Exception {
        ProviderResult result = run(generate(Map.of()));
        assertThat(ArkStandIn.json(sent()).path("size").asText()).isEqualTo("2K");
        assertThat(ArkStandIn.json(sent()).has("seed")).isFalse();
        assertThat(result.width()).isEqualTo(2048);
    }

    @Test
    void editSendsTheImageAsADataUrlInTheImageArray() throws Exception {
        ProviderResult result = run(edit(Map.of("size", "1280x960"), png(800, 600)));
        JsonNode body = ArkStandIn.json(sent());
        JsonNode image = body.path("image");
        assertThat(image.isArray()).isTrue();
        assertThat(image).hasSize(1);
        String dataUrl = image.path(0).asText();
        assertThat(dataUrl).startsWith("data:image/png;base64,");
        ImageHeader header = ImageInspector.inspect(Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1)));
        assertThat(header.width()).isEqualTo(800);
        assertThat(body.path("prompt").asText()).isEqualTo("add a red scarf");
        assertThat(result.width()).isEqualTo(1280);
        assertThat(result.height()).isEqualTo(960);
    }

    @Test
    void aUrlAnswerIsDownloadedAtOnceWithoutTheKey() throws Exception {
        ProviderResult result = run(edit(Map.of("size", "1K", "response_format", "url"), png(600, 600)));
        assertThat(ArkStandIn.json(sent()).path("response_format").asText()).isEqualTo("url");
        List<RecordedRequest> downloads = standIn.requestsTo("/results/");
        assertThat(downloads).hasSize(1);
        assertThat(downloads.get(0).getHeaders().get("Authorization")).isNull();
        assertThat(result.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(result.width()).isEqualTo(1024);
    }

    @Test
    void seedEditTakesOneImageAndAdaptiveSize() throws Exception {
        ProviderResult result = run(new ProviderCall("edit", "doubao-seededit-3-0-i2i-250628", "make it snow", Map.of(), png(640, 480)));
        JsonNode body = ArkStandIn.json(sent());
        assertThat(body.path("model").asText()).isEqualTo("doubao-seededit-3-0-i2i-250628");
        assertThat(body.path("image").isTextual()).isTrue();
        assertThat(body.path("size").asText()).isEqualTo("adaptive");
        assertThat(body.has("sequential_image_generation")).isFalse();
        assertThat(result.width()).isEqualTo(640);
        assertThat(result.model()).isEqualTo("doubao-seededit-3-0-i2i-250628");
    }

    // --- errors

    @Test
    void throttlingCarriesTheRetryHint() {
        standIn.mode(Mode.THROTTLED);
        ProviderException e = failure(generate(Map.of("size", "1K")));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_THROTTLED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(5));
        standIn.retryAfterSeconds = 0;
        ProviderException withoutHint = failure(generate(Map.of("size", "1K")));
        assertThat(withoutHint.code()).isEqualTo(ErrorCode.PROVIDER_THROTTLED);
        assertThat(withoutHint.retryAfter()).isNull();
    }

    @Test
    void serverErrorsAreUnavailable() {
        standIn.mode(Mode.UNAVAILABLE);
        ProviderException e = failure(generate(Map.of("size", "1K")));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("InternalServiceError");
    }

    @Test
    void aSlowAnswerIsUnavailable() {
        standIn.mode(Mode.SLOW);
        ProviderException e = failure(generate(Map.of("size", "1K")));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("in time");
    }

    @Test
    void sensitiveContentIsARefusal() {
        standIn.mode(Mode.REFUSED);
        for (String code : List.of("InputTextSensitiveContentDetected", "InputImageSensitiveContentDetected", "OutputImageSensitiveContentDetected")) {
            standIn.refusalCode = code;
            ProviderException e = failure(edit(Map.of("size", "1K"), png(600, 600)));
            assertThat(e.code()).as(code).isEqualTo(ErrorCode.PROVIDER_REFUSED);
            assertThat(e.getMessage()).contains(code);
        }
        standIn.mode(Mode.OUTPUT_REFUSED);
        assertThat(failure(generate(Map.of("size", "1K"))).code()).isEqualTo(ErrorCode.PROVIDER_REFUSED);
    }

    @Test
    void aBadKeyIsAnAuthError() {
        standIn.mode(Mode.BAD_KEY);
        ProviderException e = failure(generate(Map.of("size", "1K")));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_AUTH);
        assertThat(e.getMessage()).contains("AuthenticationError");
        standIn.mode(Mode.SUCCESS);
        provider = provider("00000000-0000-0000-0000-000000000000");
        assertThat(failure(generate(Map.of("size", "1K"))).code()).isEqualTo(ErrorCode.PROVIDER_AUTH);
    }

    @Test
    void noKeyMeansNotConfiguredAndNoRequest() {
        ArkProvider unconfigured = provider(null);
        assertThat(unconfigured.configured()).isFalse();
        assertThat(provider.configured()).isTrue();
        assertThatThrownBy(() -> unconfigured.start(generate(Map.of())))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_AUTH));
        assertThat(standIn.requests).isEmpty();
    }

    @Test
    void otherClientErrorsAreInvalidRequests() {
        standIn.mode(Mode.INVALID);
        ProviderException e = failure(generate(Map.of("size", "1K")));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST);
        assertThat(e.getMessage()).contains("InvalidParameter");
    }

    @Test
    void malformedAndTruncatedBodiesAreUnavailable() {
        standIn.mode(Mode.MALFORMED);
        ProviderException malformed = failure(generate(Map.of("size", "1K")));
        assertThat(malformed.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(malformed.getMessage()).contains("not valid JSON");
        standIn.mode(Mode.TRUNCATED);
        ProviderException truncated = failure(generate(Map.of("size", "1K")));
        assertThat(truncated.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(truncated.getMessage()).contains("broke off");
    }

    @Test
    void anEchoedKeyIsScrubbedFromMessages() {
        ProviderException e = ArkAnswers.classify(401, "AuthenticationError", "the key " + KEY + " is not valid", "req-1", null, KEY);
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_AUTH);
        assertThat(e.getMessage()).doesNotContain(KEY).contains("req-1");
    }

    // --- input fitting

    @Test
    void anOversizedInputIsFittedAndProvenanceSaysSo() throws Exception {
        ProviderResult result = run(edit(Map.of("size", "1K"), png(6200, 2100)));
        String dataUrl = ArkStandIn.json(sent()).path("image").path(0).asText();
        ImageHeader header = ImageInspector.inspect(Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1)));
        assertThat(header.width()).isEqualTo(6000);
        assertThat(header.height()).isEqualTo(2032);
        assertThat(dataUrl).startsWith("data:" + header.format().mimeType() + ";base64,");
        assertThat((String) result.provenance().get("inputAdjusted")).contains("6200×2100").contains("6000×2032");
    }

    @Test
    void proportionsBeyondThreeToOneAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> provider.start(edit(Map.of("size", "1K"), png(1000, 200))))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
        assertThat(standIn.requests).isEmpty();
    }

    // --- validation

    @Test
    void validateNamesTheBadField() {
        assertThat(fields("generate", null, null, Map.of())).containsExactly("prompt");
        assertThat(fields("generate", null, "x", Map.of("size", "3K"))).containsExactly("size");
        assertThat(fields("generate", null, "x", Map.of("size", "100x100"))).containsExactly("size");
        assertThat(fields("generate", null, "x", Map.of("size", "2048x2048"))).isEmpty();
        assertThat(fields("generate", null, "x", Map.of("size", "2k"))).isEmpty();
        assertThat(fields("generate", null, "x", Map.of("seed", 1.5))).containsExactly("seed");
        assertThat(fields("generate", null, "x", Map.of("seed", -2))).containsExactly("seed");
        assertThat(fields("generate", null, "x", Map.of("response_format", "png"))).containsExactly("response_format");
        assertThat(fields("generate", "doubao-seededit-3-0-i2i-250628", "x", Map.of())).containsExactly("model");
        assertThat(fields("edit", "doubao-seededit-3-0-i2i-250628", "x", Map.of("size", "2K"))).containsExactly("size");
        assertThat(fields("edit", "ep-20250101-abcde", "x", Map.of())).isEmpty();
        assertThat(fields("upscale", null, "x", Map.of())).containsExactly("operation");
    }

    @Test
    void startRefusesParamsValidateWouldRefuse() {
        assertThatThrownBy(() -> provider.start(generate(Map.of("size", "huge"))))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST);
                    assertThat(e.getMessage()).startsWith("size");
                });
        assertThat(standIn.requests).isEmpty();
    }

    @Test
    void catalogueEntry() {
        assertThat(provider.id()).isEqualTo("ark");
        assertThat(provider.operations()).containsExactly("generate", "edit");
        assertThat(provider.models()).contains("doubao-seedream-4-0-250828");
        assertThat(provider.limits()).containsKeys("inputFormats", "maxInputBytes", "outputFormats", "params");
    }

    private List<String> fields(String operation, String model, String prompt, Map<String, Object> params) {
        return provider.validate(operation, model, prompt, params).stream().map(FieldError::field).toList();
    }
}
