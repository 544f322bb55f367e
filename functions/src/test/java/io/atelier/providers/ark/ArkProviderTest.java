package io.atelier.providers.ark;

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
import io.atelier.providers.ProviderResult;
import io.atelier.providers.ProviderSettings;
import io.atelier.providers.ProviderTuning;
import io.atelier.providers.SourceImage;
import io.atelier.providers.ark.ArkStandIn.Mode;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Volcengine Ark (Seedream) through its stand-in: the provider contract, then Ark's request shapes and answers. */
class ArkProviderTest extends ProviderContract implements ProviderContract.Refusals, ProviderContract.Keyed {
    /** Ark keys are UUID-shaped, not "sk-…": the generic key scrubber would not recognise one. */
    private static final String KEY = "3f5c2b1a-9d8e-4f70-a6b5-c4d3e2f1a0b9";

    private final ArkStandIn standIn = new ArkStandIn();

    @BeforeEach
    void acceptTheKey() {
        standIn.apiKey = KEY;
    }

    @Override
    protected Dispatcher standIn() {
        return standIn;
    }

    @Override
    protected ArkProvider provider(ProviderTuning tuning) {
        return provider(KEY, tuning);
    }

    private ArkProvider provider(String key, ProviderTuning tuning) {
        Map<String, String> settings = new HashMap<>();
        settings.put("ARK_BASE_URL", ArkStandIn.baseUrl(server));
        if (key != null) settings.put("ARK_API_KEY", key);
        return new ArkProvider(ProviderSettings.of(settings), tuning);
    }

    @Override
    protected ImageProvider unconfigured() {
        return provider(null, ProviderTuning.of(PATIENT));
    }

    @Override
    protected ProviderCall call(SourceImage input) {
        return edit(Map.of("size", "1K"), input);
    }

    @Override
    protected ProviderCall invalidCall(SourceImage input) {
        return edit(Map.of("size", "huge"), input);
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
        String dataUrl = ArkStandIn.json(sent()).path("image").path(0).asText();
        return Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1));
    }

    @Override
    public String key() {
        return KEY;
    }

    private static ProviderCall generate(Map<String, Object> params) {
        return new ProviderCall("generate", null, "a lighthouse at dusk", params, null);
    }

    private static ProviderCall edit(Map<String, Object> params, SourceImage input) {
        return new ProviderCall("edit", null, "add a red scarf", params, input);
    }

    private ProviderResult run(ProviderCall call) throws ProviderException {
        return run(provider(), call);
    }

    private ProviderException failure(ProviderCall call) {
        ProviderException e = failure(provider(), call);
        assertThat(e.getMessage()).doesNotContain(KEY);
        return e;
    }

    /** The last request to the generations endpoint. */
    private RecordedRequest sent() {
        List<RecordedRequest> sent = standIn.requestsTo("/images/generations");
        return sent.get(sent.size() - 1);
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

    // --- Ark's own

    @Test
    void generateSendsTheDocumentedFieldsAndDecodesBase64() throws Exception {
        ProviderResult result = run(generate(Map.of("size", "1K", "seed", 1234)));

        assertThat(result.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(result.width()).isEqualTo(1024);
        assertThat(result.height()).isEqualTo(1024);
        assertThat(result.model()).isEqualTo("doubao-seedream-4-0-250828");
        assertThat(result.provenance())
                .containsEntry("model", "doubao-seedream-4-0-250828")
                .containsEntry("seed", 1234L)
                .containsEntry("size", "1024x1024")
                .containsKey("requestId")
                .doesNotContainKey("inputAdjusted");
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
        ImageHeader header =
                ImageInspector.inspect(Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1)));
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
        ProviderResult result = run(
                new ProviderCall("edit", "doubao-seededit-3-0-i2i-250628", "make it snow", Map.of(), png(640, 480)));
        JsonNode body = ArkStandIn.json(sent());
        assertThat(body.path("model").asText()).isEqualTo("doubao-seededit-3-0-i2i-250628");
        assertThat(body.path("image").isTextual()).isTrue();
        assertThat(body.path("size").asText()).isEqualTo("adaptive");
        assertThat(body.has("sequential_image_generation")).isFalse();
        assertThat(result.width()).isEqualTo(640);
        assertThat(result.model()).isEqualTo("doubao-seededit-3-0-i2i-250628");
    }

    @Test
    void sensitiveContentIsARefusal() {
        standIn.mode(Mode.REFUSED);
        for (String code : List.of(
                "InputTextSensitiveContentDetected",
                "InputImageSensitiveContentDetected",
                "OutputImageSensitiveContentDetected")) {
            standIn.refusalCode = code;
            ProviderException e = failure(edit(Map.of("size", "1K"), png(600, 600)));
            assertThat(e.code()).as(code).isEqualTo(ErrorCode.PROVIDER_REFUSED);
            assertThat(e.getMessage()).contains(code);
        }
        standIn.mode(Mode.OUTPUT_REFUSED);
        assertThat(failure(generate(Map.of("size", "1K"))).code()).isEqualTo(ErrorCode.PROVIDER_REFUSED);
    }

    @Test
    void otherClientErrorsAreInvalidRequests() {
        standIn.mode(Mode.INVALID);
        ProviderException e = failure(generate(Map.of("size", "1K")));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST);
        assertThat(e.getMessage()).contains("InvalidParameter");
    }

    @Test
    void anEchoedKeyIsScrubbedFromMessages() {
        ProviderException e =
                ArkAnswers.classify(401, "AuthenticationError", "the key " + KEY + " is not valid", "req-1", null, KEY);
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_AUTH);
        assertThat(e.getMessage()).doesNotContain(KEY).contains("req-1");
    }

    @Test
    void proportionsBeyondThreeToOneAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> provider().start(edit(Map.of("size", "1K"), png(1000, 200))))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
        assertThat(standIn.requests).isEmpty();
    }

    @Test
    void validateNamesTheBadField() {
        assertThat(fields("generate", null, null, Map.of())).containsExactly("prompt");
        assertThat(fields("generate", null, "x", Map.of("size", "3K"))).containsExactly("size");
        assertThat(fields("generate", null, "x", Map.of("size", "100x100"))).containsExactly("size");
        assertThat(fields("generate", null, "x", Map.of("size", "2048x2048"))).isEmpty();
        assertThat(fields("generate", null, "x", Map.of("size", "2k"))).isEmpty();
        assertThat(fields("generate", null, "x", Map.of("seed", 1.5))).containsExactly("seed");
        assertThat(fields("generate", null, "x", Map.of("seed", -2))).containsExactly("seed");
        assertThat(fields("generate", null, "x", Map.of("response_format", "png")))
                .containsExactly("response_format");
        assertThat(fields("generate", "doubao-seededit-3-0-i2i-250628", "x", Map.of()))
                .containsExactly("model");
        assertThat(fields("edit", "doubao-seededit-3-0-i2i-250628", "x", Map.of("size", "2K")))
                .containsExactly("size");
        assertThat(fields("edit", "ep-20250101-abcde", "x", Map.of())).isEmpty();
        assertThat(fields("upscale", null, "x", Map.of())).containsExactly("operation");
    }

    @Test
    void throttlingWithoutRetryAfterHasNoHint() {
        standIn.mode(Mode.THROTTLED);
        standIn.retryAfterSeconds = 0;
        ProviderException e = failure(generate(Map.of("size", "1K")));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_THROTTLED);
        assertThat(e.retryAfter()).isNull();
    }
}
