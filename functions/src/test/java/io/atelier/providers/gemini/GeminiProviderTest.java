package io.atelier.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.providers.ProviderSettings;
import io.atelier.fakes.TestImages;
import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageInspector;
import io.atelier.model.ErrorCode;
import io.atelier.model.FieldError;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderException;
import io.atelier.providers.ProviderOutcome;
import io.atelier.providers.ProviderResult;
import io.atelier.providers.SourceImage;
import io.atelier.providers.http.ProviderHttp.Timeouts;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GeminiProviderTest {
    private static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(3000), Duration.ofSeconds(6));
    private final GeminiStandIn standIn = new GeminiStandIn();
    private final MockWebServer server = new MockWebServer();
    private final SourceImage photo = new SourceImage(TestImages.png(300, 200), ImageFormat.PNG, 300, 200);
    private GeminiProvider provider;

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(standIn);
        server.start();
        provider = providerWithKey(GeminiStandIn.KEY);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void generateSendsThePromptAndAspectRatioAndReadsTheImage() throws Exception {
        ProviderResult result = run(new ProviderCall("generate", null, "a red fox in snow", Map.of("aspectRatio", "16:9"), null));

        assertThat(standIn.requests).hasSize(1);
        var request = standIn.requests.get(0);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1beta/models/gemini-2.5-flash-image:generateContent");
        assertThat(request.getHeaders().get("x-goog-api-key")).isEqualTo(GeminiStandIn.KEY);
        JsonNode body = standIn.lastJson();
        assertThat(body.at("/contents/0/role").asText()).isEqualTo("user");
        assertThat(body.at("/contents/0/parts")).hasSize(1);
        assertThat(body.at("/contents/0/parts/0/text").asText()).isEqualTo("a red fox in snow");
        assertThat(body.at("/generationConfig/responseModalities").toString()).isEqualTo("[\"TEXT\",\"IMAGE\"]");
        assertThat(body.at("/generationConfig/imageConfig/aspectRatio").asText()).isEqualTo("16:9");

        assertThat(result.format()).isEqualTo(ImageFormat.PNG);
        assertThat(result.width()).isEqualTo(1344);
        assertThat(result.height()).isEqualTo(768);
        assertThat(ImageInspector.inspect(result.bytes()).width()).isEqualTo(1344);
        assertThat(result.model()).isEqualTo("gemini-2.5-flash-image");
        assertThat(result.provenance()).containsEntry("requestId", standIn.lastResponseId).containsEntry("model", "gemini-2.5-flash-image")
                .doesNotContainKey("inputAdjusted");
        assertThat(usage(result)).containsEntry("totalTokenCount", 2590).containsEntry("promptTokenCount", 1300);
    }

    @Test
    void editSendsTheImageInlineWithTheUsersPrompt() throws Exception {
        ProviderResult result = run(new ProviderCall("edit", null, "make it a watercolour", Map.of(), photo));

        JsonNode parts = standIn.lastJson().at("/contents/0/parts");
        assertThat(parts.get(0).path("text").asText()).isEqualTo("make it a watercolour");
        assertThat(parts.get(1).at("/inlineData/mimeType").asText()).isEqualTo("image/png");
        assertThat(Base64.getDecoder().decode(parts.get(1).at("/inlineData/data").asText())).isEqualTo(photo.bytes());
        assertThat(standIn.lastJson().at("/generationConfig/imageConfig").isMissingNode()).isTrue();
        // No ratio asked: Gemini keeps the input's (3:2).
        assertThat(result.width()).isEqualTo(1248);
        assertThat(result.height()).isEqualTo(832);
    }

    @Test
    void replaceBackgroundKeepsTheSubjectAndNamesTheNewBackground() throws Exception {
        run(new ProviderCall("replace-background", null, "a sunny beach", Map.of(), photo));
        String text = standIn.lastJson().at("/contents/0/parts/0/text").asText();
        assertThat(text).startsWith("Keep the main subject of this image exactly as it is").endsWith("replace the background with: a sunny beach");
        assertThat(standIn.lastJson().at("/contents/0/parts/1/inlineData/data").asText()).isNotEmpty();
    }

    @Test
    void styleTakesParamsStyleOrThePrompt() throws Exception {
        run(new ProviderCall("style", null, null, Map.of("style", "ukiyo-e woodblock print"), photo));
        assertThat(standIn.lastJson().at("/contents/0/parts/0/text").asText())
                .isEqualTo("Restyle this image as ukiyo-e woodblock print, keeping its composition and subject recognisable.");
        run(new ProviderCall("style", null, "a pencil sketch", Map.of(), photo));
        assertThat(standIn.lastJson().at("/contents/0/parts/0/text").asText()).startsWith("Restyle this image as a pencil sketch,");
        run(new ProviderCall("style", null, "muted colours", Map.of("style", "oil painting"), photo));
        assertThat(standIn.lastJson().at("/contents/0/parts/0/text").asText())
                .startsWith("Restyle this image as oil painting,").endsWith(" muted colours");
    }

    @Test
    void outpaintAsksForTheNewAspectRatio() throws Exception {
        ProviderResult result = run(new ProviderCall("outpaint", null, "more forest", Map.of("aspectRatio", "21:9"), photo));
        JsonNode body = standIn.lastJson();
        assertThat(body.at("/generationConfig/imageConfig/aspectRatio").asText()).isEqualTo("21:9");
        assertThat(body.at("/contents/0/parts/0/text").asText()).contains("Extend this image outward to a 21:9 aspect ratio")
                .contains("fill the new area naturally").endsWith("Guidance for the new area: more forest");
        assertThat(result.width()).isEqualTo(1536);
        assertThat(result.height()).isEqualTo(672);
    }

    @Test
    void aChosenModelGoesInThePathAndTheReportedVersionIsKept() throws Exception {
        ProviderResult result = run(new ProviderCall("generate", "gemini-3-pro-image-preview", "a lighthouse", Map.of(), null));
        assertThat(standIn.requests.get(0).getUrl().encodedPath()).isEqualTo("/v1beta/models/gemini-3-pro-image-preview:generateContent");
        assertThat(result.model()).isEqualTo("gemini-3-pro-image-preview");
        assertThat(result.width()).isEqualTo(1024);
    }

    @Test
    void snakeCaseAnswersAreReadToo() throws Exception {
        standIn.snakeCase = true;
        ProviderResult result = run(new ProviderCall("edit", null, "brighter", Map.of("aspectRatio", "4:3"), photo));
        assertThat(result.width()).isEqualTo(1184);
        assertThat(result.provenance()).containsEntry("requestId", standIn.lastResponseId);
        assertThat(usage(result)).containsEntry("total_token_count", 2590);
    }

    @Test
    void interimThoughtImagesAreSkipped() throws Exception {
        standIn.thoughtImage = true;
        ProviderResult result = run(new ProviderCall("generate", "gemini-3-pro-image-preview", "a lighthouse", Map.of("aspectRatio", "1:1"), null));
        assertThat(result.width()).isEqualTo(1024);
    }

    @Test
    void throttlingCarriesTheRetryDelayFromTheBody() {
        standIn.mode(GeminiStandIn.Mode.THROTTLED);
        ProviderException e = fail(new ProviderCall("edit", null, "x", Map.of(), photo));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_THROTTLED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(12));
        assertThat(e.getMessage()).contains("429").contains("RESOURCE_EXHAUSTED");
    }

    @Test
    void overloadIsUnavailable() {
        standIn.mode(GeminiStandIn.Mode.UNAVAILABLE);
        ProviderException e = fail(new ProviderCall("edit", null, "x", Map.of(), photo));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("503").contains("overloaded");
    }

    @Test
    void aSlowAnswerTimesOutAsUnavailable() {
        standIn.mode(GeminiStandIn.Mode.SLOW);
        long began = System.nanoTime();
        ProviderException e = fail(new ProviderCall("generate", null, "x", Map.of(), null));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("did not answer in time");
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(7)); // the time limit, not the stand-in's 8 s
    }

    @Test
    void aBlockedPromptIsRefused() {
        standIn.mode(GeminiStandIn.Mode.REFUSED);
        ProviderException e = fail(new ProviderCall("generate", null, "something forbidden", Map.of(), null));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_REFUSED);
        assertThat(e.getMessage()).contains("PROHIBITED_CONTENT");
    }

    @Test
    void aBlockedOutputIsRefusedWithGeminisWords() {
        standIn.mode(GeminiStandIn.Mode.REFUSED_OUTPUT);
        ProviderException e = fail(new ProviderCall("edit", null, "x", Map.of(), photo));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_REFUSED);
        assertThat(e.getMessage()).contains("IMAGE_SAFETY").contains("Unable to show the generated image");
    }

    @Test
    void aWordsOnlyAnswerIsARetryableFaultNotARefusal() {
        standIn.mode(GeminiStandIn.Mode.TEXT_ONLY);
        ProviderException e = fail(new ProviderCall("edit", null, "x", Map.of(), photo));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("no image").contains("description of the picture");
    }

    @Test
    void aBadKeyIsAuthEvenThoughGeminiAnswers400() throws Exception {
        standIn.mode(GeminiStandIn.Mode.BAD_KEY);
        ProviderException e = fail(new ProviderCall("edit", null, "x", Map.of(), photo));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_AUTH);
        assertThat(e.getMessage()).contains("API_KEY_INVALID").doesNotContain(GeminiStandIn.KEY);

        // And the stand-in itself rejects a key it does not know.
        standIn.mode(GeminiStandIn.Mode.SUCCESS);
        String wrongKey = "AIzaFAKE-wrong-key";
        provider = providerWithKey(wrongKey);
        ProviderException wrong = fail(new ProviderCall("generate", null, "x", Map.of(), null));
        assertThat(wrong.code()).isEqualTo(ErrorCode.PROVIDER_AUTH);
        assertThat(wrong.getMessage()).doesNotContain(wrongKey);
    }

    @Test
    void otherClientErrorsAreInvalidRequests() {
        standIn.mode(GeminiStandIn.Mode.REJECTED);
        ProviderException e = fail(new ProviderCall("edit", null, "x", Map.of(), photo));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST);
        assertThat(e.getMessage()).contains("FAILED_PRECONDITION").contains("User location is not supported");
    }

    @Test
    void malformedAndTruncatedAnswersAreUnavailable() {
        standIn.mode(GeminiStandIn.Mode.MALFORMED);
        ProviderException malformed = fail(new ProviderCall("generate", null, "x", Map.of(), null));
        assertThat(malformed.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(malformed.getMessage()).contains("not valid JSON");

        standIn.mode(GeminiStandIn.Mode.TRUNCATED);
        ProviderException truncated = fail(new ProviderCall("generate", null, "x", Map.of(), null));
        assertThat(truncated.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(truncated.getMessage()).contains("broke off its answer");
    }

    @Test
    void anOversizedInputIsFittedBeforeItIsSentAndProvenanceSaysSo() throws Exception {
        byte[] noise = noisePng(1600, 1600);
        assertThat(noise.length).isGreaterThan(7_000_000);
        ProviderResult result = run(new ProviderCall("edit", null, "sharper", Map.of(), new SourceImage(noise, ImageFormat.PNG, 1600, 1600)));

        JsonNode inline = standIn.lastJson().at("/contents/0/parts/1/inlineData");
        byte[] sent = Base64.getDecoder().decode(inline.path("data").asText());
        assertThat(sent.length).isLessThanOrEqualTo(7_000_000);
        assertThat(inline.path("mimeType").asText()).isEqualTo(ImageInspector.inspect(sent).format().mimeType());
        assertThat((String) result.provenance().get("inputAdjusted")).contains("1600×1600").contains("Gemini");
    }

    @Test
    void validateNamesTheFaultyField() {
        assertThat(provider.validate("edit", null, null, Map.of())).extracting(FieldError::field).containsExactly("prompt");
        assertThat(provider.validate("generate", null, "  ", Map.of())).extracting(FieldError::field).containsExactly("prompt");
        assertThat(provider.validate("outpaint", null, null, Map.of())).extracting(FieldError::field).containsExactly("aspectRatio");
        assertThat(provider.validate("outpaint", null, null, Map.of("aspectRatio", "7:5"))).extracting(FieldError::field).containsExactly("aspectRatio");
        assertThat(provider.validate("style", null, null, Map.of())).extracting(FieldError::field).containsExactly("style");
        assertThat(provider.validate("style", null, null, Map.of("style", 3))).extracting(FieldError::field).containsExactly("style");
        assertThat(provider.validate("generate", "../../v1/files", "x", Map.of())).extracting(FieldError::field).containsExactly("model");
        assertThat(provider.validate("outpaint", "gemini-2.5-flash-image", null, Map.of("aspectRatio", "16:9"))).isEmpty();
        assertThat(provider.validate("style", null, "watercolour", Map.of())).isEmpty();
        // Parameters meant for another step of a workflow are not Gemini's business.
        assertThat(provider.validate("edit", null, "x", Map.of("factor", 4))).isEmpty();
    }

    @Test
    void invalidParamsAtRunTimeNeverReachGemini() {
        ProviderException e = fail(new ProviderCall("outpaint", null, null, Map.of(), photo));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST);
        assertThat(e.getMessage()).startsWith("aspectRatio:");
        assertThat(standIn.requests).isEmpty();
    }

    @Test
    void withoutAKeyItIsNotConfiguredAndSendsNothing() {
        GeminiProvider unconfigured = new GeminiProvider(ProviderSettings.of(Map.of("GEMINI_BASE_URL", server.url("/").toString())), SHORT);
        assertThat(unconfigured.configured()).isFalse();
        assertThat(provider.configured()).isTrue();
        assertThatThrownBy(() -> unconfigured.start(new ProviderCall("generate", null, "x", Map.of(), null)))
                .isInstanceOf(ProviderException.class).extracting(t -> ((ProviderException) t).code()).isEqualTo(ErrorCode.PROVIDER_AUTH);
        assertThat(standIn.requests).isEmpty();
    }

    @Test
    void theKeyNeverAppearsInAnyFailure() {
        for (GeminiStandIn.Mode mode : GeminiStandIn.Mode.values()) {
            if (mode == GeminiStandIn.Mode.SUCCESS || mode == GeminiStandIn.Mode.SLOW) continue;
            standIn.mode(mode);
            ProviderException e = fail(new ProviderCall("edit", null, "x", Map.of(), photo));
            assertThat(e.getMessage()).as(mode.name()).doesNotContain(GeminiStandIn.KEY);
        }
    }

    @Test
    void itDescribesItselfForTheCatalogue() {
        assertThat(provider.id()).isEqualTo("gemini");
        assertThat(provider.operations()).containsExactly("generate", "edit", "replace-background", "style", "outpaint");
        assertThat(provider.models()).containsExactly("gemini-2.5-flash-image");
        assertThat(provider.limits()).containsEntry("maxInputBytes", 7_000_000L).containsKey("inputFormats").containsKey("params");
    }

    private GeminiProvider providerWithKey(String key) {
        return new GeminiProvider(ProviderSettings.of(Map.of("GEMINI_API_KEY", key, "GEMINI_BASE_URL", server.url("/").toString())), SHORT);
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> usage(ProviderResult result) {
        return (Map<String, Object>) result.provenance().get("usage");
    }

    private static byte[] noisePng(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) row[x] = random.nextInt(0x1000000);
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
