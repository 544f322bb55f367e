package io.atelier.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.imaging.ImageFormat;
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
import io.atelier.providers.http.RetryHints;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.Dispatcher;
import org.junit.jupiter.api.Test;

/** Gemini's generateContent through its stand-in: the provider contract, then Gemini's request shapes and answers. */
class GeminiProviderTest extends ProviderContract implements ProviderContract.Refusals, ProviderContract.Keyed {
    private final GeminiStandIn standIn = new GeminiStandIn();

    @Override
    protected Dispatcher standIn() {
        return standIn;
    }

    @Override
    protected GeminiProvider provider(ProviderTuning tuning) {
        return provider(GeminiStandIn.KEY, tuning);
    }

    private GeminiProvider provider(String key, ProviderTuning tuning) {
        Map<String, String> settings =
                new HashMap<>(Map.of("GEMINI_BASE_URL", server.url("/").toString()));
        if (key != null) settings.put("GEMINI_API_KEY", key);
        return new GeminiProvider(ProviderSettings.of(settings), tuning);
    }

    @Override
    protected ImageProvider unconfigured() {
        return provider(null, ProviderTuning.of(PATIENT));
    }

    @Override
    protected ProviderCall call(SourceImage input) {
        return new ProviderCall("edit", null, "make it a watercolour", Map.of(), input);
    }

    @Override
    protected ProviderCall invalidCall(SourceImage input) {
        return new ProviderCall("outpaint", null, null, Map.of(), input);
    }

    @Override
    protected void answer(Answer answer) {
        standIn.slowDelay = SLOW_ANSWER;
        standIn.mode(GeminiStandIn.Mode.valueOf(answer.name()));
    }

    @Override
    protected Duration throttleHint() {
        return RetryHints.fromProtoDuration(GeminiStandIn.RETRY_DELAY);
    }

    @Override
    protected int requestsReceived() {
        return standIn.requests.size();
    }

    @Override
    protected byte[] lastImageSent() {
        return Base64.getDecoder()
                .decode(standIn.lastJson()
                        .at("/contents/0/parts/1/inlineData/data")
                        .asText());
    }

    @Override
    public String key() {
        return GeminiStandIn.KEY;
    }

    // --- Gemini's own

    @Test
    void generateSendsThePromptAndAspectRatioAndReadsTheImage() throws Exception {
        ProviderResult result =
                run(new ProviderCall("generate", null, "a red fox in snow", Map.of("aspectRatio", "16:9"), null));

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
        assertThat(body.at("/generationConfig/imageConfig/aspectRatio").asText())
                .isEqualTo("16:9");

        assertThat(result.format()).isEqualTo(ImageFormat.PNG);
        assertThat(result.width()).isEqualTo(1344);
        assertThat(result.height()).isEqualTo(768);
        assertThat(ImageInspector.inspect(result.bytes()).width()).isEqualTo(1344);
        assertThat(result.model()).isEqualTo("gemini-2.5-flash-image");
        assertThat(result.provenance())
                .containsEntry("requestId", standIn.lastResponseId)
                .containsEntry("model", "gemini-2.5-flash-image")
                .doesNotContainKey("inputAdjusted");
        assertThat(usage(result)).containsEntry("totalTokenCount", 2590).containsEntry("promptTokenCount", 1300);
    }

    @Test
    void editSendsTheImageInlineWithTheUsersPrompt() throws Exception {
        ProviderResult result = run(new ProviderCall("edit", null, "make it a watercolour", Map.of(), photo));

        JsonNode parts = standIn.lastJson().at("/contents/0/parts");
        assertThat(parts.get(0).path("text").asText()).isEqualTo("make it a watercolour");
        assertThat(parts.get(1).at("/inlineData/mimeType").asText()).isEqualTo("image/png");
        assertThat(Base64.getDecoder()
                        .decode(parts.get(1).at("/inlineData/data").asText()))
                .isEqualTo(photo.bytes());
        assertThat(standIn.lastJson().at("/generationConfig/imageConfig").isMissingNode())
                .isTrue();
        // No ratio asked: Gemini keeps the input's (3:2).
        assertThat(result.width()).isEqualTo(1248);
        assertThat(result.height()).isEqualTo(832);
    }

    @Test
    void replaceBackgroundKeepsTheSubjectAndNamesTheNewBackground() throws Exception {
        run(new ProviderCall("replace-background", null, "a sunny beach", Map.of(), photo));
        String text = standIn.lastJson().at("/contents/0/parts/0/text").asText();
        assertThat(text)
                .startsWith("Keep the main subject of this image exactly as it is")
                .endsWith("replace the background with: a sunny beach");
        assertThat(standIn.lastJson().at("/contents/0/parts/1/inlineData/data").asText())
                .isNotEmpty();
    }

    @Test
    void styleTakesParamsStyleOrThePrompt() throws Exception {
        run(new ProviderCall("style", null, null, Map.of("style", "ukiyo-e woodblock print"), photo));
        assertThat(standIn.lastJson().at("/contents/0/parts/0/text").asText())
                .isEqualTo(
                        "Restyle this image as ukiyo-e woodblock print, keeping its composition and subject recognisable.");
        run(new ProviderCall("style", null, "a pencil sketch", Map.of(), photo));
        assertThat(standIn.lastJson().at("/contents/0/parts/0/text").asText())
                .startsWith("Restyle this image as a pencil sketch,");
        run(new ProviderCall("style", null, "muted colours", Map.of("style", "oil painting"), photo));
        assertThat(standIn.lastJson().at("/contents/0/parts/0/text").asText())
                .startsWith("Restyle this image as oil painting,")
                .endsWith(" muted colours");
    }

    @Test
    void outpaintAsksForTheNewAspectRatio() throws Exception {
        ProviderResult result =
                run(new ProviderCall("outpaint", null, "more forest", Map.of("aspectRatio", "21:9"), photo));
        JsonNode body = standIn.lastJson();
        assertThat(body.at("/generationConfig/imageConfig/aspectRatio").asText())
                .isEqualTo("21:9");
        assertThat(body.at("/contents/0/parts/0/text").asText())
                .contains("Extend this image outward to a 21:9 aspect ratio")
                .contains("fill the new area naturally")
                .endsWith("Guidance for the new area: more forest");
        assertThat(result.width()).isEqualTo(1536);
        assertThat(result.height()).isEqualTo(672);
    }

    @Test
    void aChosenModelGoesInThePathAndTheReportedVersionIsKept() throws Exception {
        ProviderResult result =
                run(new ProviderCall("generate", "gemini-3-pro-image-preview", "a lighthouse", Map.of(), null));
        assertThat(standIn.requests.get(0).getUrl().encodedPath())
                .isEqualTo("/v1beta/models/gemini-3-pro-image-preview:generateContent");
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
        ProviderResult result = run(new ProviderCall(
                "generate", "gemini-3-pro-image-preview", "a lighthouse", Map.of("aspectRatio", "1:1"), null));
        assertThat(result.width()).isEqualTo(1024);
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
    void otherClientErrorsAreInvalidRequests() {
        standIn.mode(GeminiStandIn.Mode.REJECTED);
        ProviderException e = fail(new ProviderCall("edit", null, "x", Map.of(), photo));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST);
        assertThat(e.getMessage()).contains("FAILED_PRECONDITION").contains("User location is not supported");
    }

    @Test
    void validateNamesTheFaultyField() {
        assertThat(provider().validate("edit", null, null, Map.of()))
                .extracting(FieldError::field)
                .containsExactly("prompt");
        assertThat(provider().validate("generate", null, "  ", Map.of()))
                .extracting(FieldError::field)
                .containsExactly("prompt");
        assertThat(provider().validate("outpaint", null, null, Map.of()))
                .extracting(FieldError::field)
                .containsExactly("aspectRatio");
        assertThat(provider().validate("outpaint", null, null, Map.of("aspectRatio", "7:5")))
                .extracting(FieldError::field)
                .containsExactly("aspectRatio");
        assertThat(provider().validate("style", null, null, Map.of()))
                .extracting(FieldError::field)
                .containsExactly("style");
        assertThat(provider().validate("style", null, null, Map.of("style", 3)))
                .extracting(FieldError::field)
                .containsExactly("style");
        assertThat(provider().validate("generate", "../../v1/files", "x", Map.of()))
                .extracting(FieldError::field)
                .containsExactly("model");
        assertThat(provider().validate("outpaint", "gemini-2.5-flash-image", null, Map.of("aspectRatio", "16:9")))
                .isEmpty();
        assertThat(provider().validate("style", null, "watercolour", Map.of())).isEmpty();
        // Parameters meant for another step of a workflow are not Gemini's business.
        assertThat(provider().validate("edit", null, "x", Map.of("factor", 4))).isEmpty();
    }

    private ProviderResult run(ProviderCall call) throws ProviderException {
        return run(provider(), call);
    }

    private ProviderException fail(ProviderCall call) {
        return failure(provider(), call);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> usage(ProviderResult result) {
        return (Map<String, Object>) result.provenance().get("usage");
    }
}
