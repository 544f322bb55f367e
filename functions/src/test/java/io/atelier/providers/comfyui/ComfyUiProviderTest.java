package io.atelier.providers.comfyui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.imaging.ImageFormat;
import io.atelier.json.Json;
import io.atelier.model.ErrorCode;
import io.atelier.model.FieldError;
import io.atelier.providers.ImageProvider;
import io.atelier.providers.Preflight;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderContract;
import io.atelier.providers.ProviderException;
import io.atelier.providers.ProviderOutcome;
import io.atelier.providers.ProviderResult;
import io.atelier.providers.ProviderSettings;
import io.atelier.providers.ProviderTuning;
import io.atelier.providers.SourceImage;
import io.atelier.providers.comfyui.ComfyUiStandIn.Mode;
import io.atelier.providers.comfyui.ComfyUiStandIn.Received;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A self-hosted ComfyUI through its stand-in: the provider contract (ComfyUI has no key and no content policy, so the
 * Keyed and Refusals parts do not apply), then the upload, queue, history and view lifecycle of the user's workflow.
 */
class ComfyUiProviderTest extends ProviderContract {
    /** An img2img workflow as ComfyUI's "Export (API)" writes it, with Atelier's placeholders. */
    static final String IMG2IMG = """
            {"4":{"class_type":"CheckpointLoaderSimple","inputs":{"ckpt_name":"sd_xl_base_1.0.safetensors"}},
             "6":{"class_type":"CLIPTextEncode","inputs":{"text":"{{prompt}}, highly detailed","clip":["4",1]}},
             "7":{"class_type":"CLIPTextEncode","inputs":{"text":"blurry","clip":["4",1]}},
             "10":{"class_type":"LoadImage","inputs":{"image":"{{image}}"}},
             "11":{"class_type":"VAEEncode","inputs":{"pixels":["10",0],"vae":["4",2]}},
             "3":{"class_type":"KSampler","inputs":{"seed":"{{seed}}","steps":20,"cfg":7,"sampler_name":"euler","scheduler":"normal",
                  "denoise":0.6,"model":["4",0],"positive":["6",0],"negative":["7",0],"latent_image":["11",0]}},
             "8":{"class_type":"VAEDecode","inputs":{"samples":["3",0],"vae":["4",2]}},
             "12":{"class_type":"ImageScaleBy","inputs":{"image":["8",0],"upscale_method":"lanczos","scale_by":2}},
             "9":{"class_type":"SaveImage","inputs":{"images":["12",0],"filename_prefix":"atelier"}}}""";

    static final String TXT2IMG = """
            {"4":{"class_type":"CheckpointLoaderSimple","inputs":{"ckpt_name":"sd_xl_base_1.0.safetensors"}},
             "6":{"class_type":"CLIPTextEncode","inputs":{"text":"{{prompt}}","clip":["4",1]}},
             "5":{"class_type":"EmptyLatentImage","inputs":{"width":64,"height":48,"batch_size":1}},
             "3":{"class_type":"KSampler","inputs":{"seed":"{{seed}}","model":["4",0],"positive":["6",0],"negative":["6",0],"latent_image":["5",0]}},
             "8":{"class_type":"VAEDecode","inputs":{"samples":["3",0],"vae":["4",2]}},
             "20":{"class_type":"PreviewImage","inputs":{"images":["8",0]}},
             "9":{"class_type":"SaveImage","inputs":{"images":["8",0],"filename_prefix":"gen"}}}""";

    private final ComfyUiStandIn standIn = new ComfyUiStandIn();
    private final SourceImage photo = png(60, 40);
    private ComfyUiProvider provider;

    @BeforeEach
    void configure() {
        provider = provider(ProviderTuning.of(PATIENT));
    }

    @Override
    protected Dispatcher standIn() {
        return standIn;
    }

    @Override
    protected ComfyUiProvider provider(ProviderTuning tuning) {
        return provider(server.url("/").toString(), tuning);
    }

    private static ComfyUiProvider provider(String url, ProviderTuning tuning) {
        Map<String, String> settings = new HashMap<>();
        if (url != null) settings.put("COMFYUI_URL", url);
        return new ComfyUiProvider(ProviderSettings.of(settings), tuning);
    }

    /** Without COMFYUI_URL. */
    @Override
    protected ImageProvider unconfigured() {
        return provider(null, ProviderTuning.of(PATIENT));
    }

    @Override
    protected ProviderCall call(SourceImage input) {
        return new ProviderCall("edit", null, "make it autumn", Map.of("workflow", IMG2IMG), input);
    }

    @Override
    protected ProviderCall invalidCall(SourceImage input) {
        return new ProviderCall("edit", null, "make it autumn", Map.of("workflow", IMG2IMG, "outputNode", "99"), input);
    }

    /** ComfyUI has no content policy; a reverse proxy in front of it throttles and checks credentials. */
    @Override
    protected void answer(Answer answer) {
        standIn.slowMillis = SLOW_ANSWER.toMillis();
        standIn.mode = Mode.valueOf(answer.name());
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
        List<Received> uploads = standIn.to("/upload/image");
        return uploads.get(uploads.size() - 1).files().get("image").bytes();
    }

    // --- the lifecycle -----------------------------------------------------------------------------------------------

    @Test
    void editUploadsFillsThePlaceholdersQueuesAndFetchesTheSavedImage() throws Exception {
        String prompt = "a \"red\" fox\nin snow";
        ProviderCall call =
                new ProviderCall("edit", null, prompt, Map.of("workflow", Json.map(IMG2IMG), "seed", 42), photo);

        ProviderOutcome.Pending pending = pending(provider.start(call));

        Received upload = standIn.to("/upload/image").get(0);
        assertThat(upload.files().get("image").filename()).matches("atelier-[0-9a-f-]{36}\\.png");
        assertThat(upload.files().get("image").contentType()).isEqualTo("image/png");
        assertThat(upload.files().get("image").bytes()).isEqualTo(photo.bytes());
        assertThat(upload.fields()).containsEntry("overwrite", "true").containsEntry("type", "input");
        JsonNode queued = standIn.to("/prompt").get(0).json();
        assertThat(queued.path("client_id").asText()).matches("[0-9a-f-]{36}");
        JsonNode workflow = queued.path("prompt");
        assertThat(workflow.path("10").path("inputs").path("image").asText())
                .isEqualTo(upload.files().get("image").filename());
        assertThat(workflow.path("6").path("inputs").path("text").asText()).isEqualTo(prompt + ", highly detailed");
        assertThat(workflow.path("3").path("inputs").path("seed").isIntegralNumber())
                .isTrue();
        assertThat(workflow.path("3").path("inputs").path("seed").asLong()).isEqualTo(42);
        assertThat(workflow.path("3").path("inputs").path("latent_image").get(0).asText())
                .isEqualTo("11");
        assertThat(pending.pollAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(pending.provenance())
                .containsEntry("requestId", pending.handle())
                .containsEntry("seed", 42L);

        ProviderCall polling = new ProviderCall(call.operation(), null, prompt, call.params(), null);
        assertThat(pending(provider.poll(polling, pending.handle())).handle()).isEqualTo(pending.handle());
        ProviderResult result = done(provider.poll(polling, pending.handle()));

        assertThat(result.width()).isEqualTo(120);
        assertThat(result.height()).isEqualTo(80);
        assertThat(result.format()).isEqualTo(ImageFormat.PNG);
        assertThat(result.model()).isEqualTo("sd_xl_base_1.0.safetensors");
        assertThat(result.provenance())
                .containsEntry("requestId", pending.handle())
                .containsEntry("seed", 42L)
                .containsEntry("outputNode", "9")
                .containsEntry("usage", Map.of("executionMs", 1234L));
        Received view = standIn.to("/view").get(0);
        assertThat(view.query())
                .contains("filename=atelier_")
                .contains("type=output")
                .contains("subfolder=");
        assertThat(standIn.to("/history/" + pending.handle())).hasSize(2);
    }

    @Test
    void aRandomSeedIsSentAsANumberAndReadBackFromTheHistory() throws Exception {
        standIn.mode = Mode.ASYNC;
        ProviderCall call = new ProviderCall("style", null, "oil painting", Map.of("workflow", IMG2IMG), photo);
        ProviderOutcome.Pending pending = pending(provider.start(call));
        long seed = standIn.to("/prompt")
                .get(0)
                .json()
                .path("prompt")
                .path("3")
                .path("inputs")
                .path("seed")
                .asLong();
        assertThat(pending.provenance()).containsEntry("seed", seed);

        ProviderCall polling = new ProviderCall("style", null, "oil painting", call.params(), null);
        pending(provider.poll(polling, pending.handle()));
        pending(provider.poll(polling, pending.handle()));
        ProviderResult result = done(provider.poll(polling, pending.handle()));
        assertThat(result.provenance()).containsEntry("seed", seed);
    }

    @Test
    void anUploadInASubfolderIsReferredToWithIt() throws Exception {
        standIn.uploadSubfolder = "atelier";
        provider.start(new ProviderCall("edit", null, "x", Map.of("workflow", IMG2IMG), photo));
        String image = standIn.to("/prompt")
                .get(0)
                .json()
                .path("prompt")
                .path("10")
                .path("inputs")
                .path("image")
                .asText();
        assertThat(image).startsWith("atelier/atelier-").endsWith(".png");
    }

    @Test
    void generateSendsNoImageAndTheSavedImageWinsOverThePreviewUnlessOutputNodeSaysOtherwise() throws Exception {
        ProviderCall call = new ProviderCall("generate", null, "a lighthouse", Map.of("workflow", TXT2IMG), null);
        ProviderResult saved = finish(call);
        assertThat(standIn.to("/upload/image")).isEmpty();
        assertThat(saved.width()).isEqualTo(64);
        assertThat(saved.height()).isEqualTo(48);
        assertThat(saved.provenance()).containsEntry("outputNode", "9");

        ProviderResult preview = finish(new ProviderCall(
                "generate", null, "a lighthouse", Map.of("workflow", TXT2IMG, "outputNode", "20"), null));
        assertThat(preview.provenance()).containsEntry("outputNode", "20");
        assertThat(standIn.to("/view").get(1).query()).contains("type=temp");

        ProviderException none = failure(() -> finish(new ProviderCall(
                "generate", null, "a lighthouse", Map.of("workflow", TXT2IMG, "outputNode", "8"), null)));
        assertThat(none.code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST);
        assertThat(none.getMessage()).contains("Node 8 produced no image");
    }

    // --- failures ----------------------------------------------------------------------------------------------------

    @Test
    void aWorkflowComfyUiRejectsNamesTheNodeAndItsError() {
        String workflow = IMG2IMG.replace("sd_xl_base_1.0.safetensors", "missing.safetensors");
        ProviderException e =
                failure(() -> provider.start(new ProviderCall("edit", null, "x", Map.of("workflow", workflow), photo)));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST);
        assertThat(e.getMessage())
                .contains("node 4 (CheckpointLoaderSimple)")
                .contains("Value not in list")
                .contains("missing.safetensors");

        String unknownNode = IMG2IMG.replace("\"VAEDecode\"", "\"FancyDecode\"");
        ProviderException missing = failure(
                () -> provider.start(new ProviderCall("edit", null, "x", Map.of("workflow", unknownNode), photo)));
        assertThat(missing.code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST);
        assertThat(missing.getMessage()).contains("FancyDecode does not exist");
    }

    @Test
    void aNodeThatFailsIsAnInvalidRequestButRunningOutOfMemoryOrAnInterruptionIsNot() {
        standIn.mode = Mode.EXECUTION_ERROR;
        ProviderException failed = failure(() -> finish(edit()));
        assertThat(failed.code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST);
        assertThat(failed.getMessage()).contains("node 3 (KSampler)").contains("Expected tensor of 4 dimensions");

        standIn.mode = Mode.OUT_OF_MEMORY;
        assertThat(failure(() -> finish(edit())).code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        standIn.mode = Mode.INTERRUPTED;
        assertThat(failure(() -> finish(edit())).code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
    }

    @Test
    void aPromptTheServerForgotIsUnavailableAtOnceInsteadOfATimeoutLater() throws Exception {
        standIn.mode = Mode.LOST;
        ProviderOutcome.Pending pending = pending(provider.start(edit()));
        ProviderException lost = failure(() -> provider.poll(edit(), pending.handle()));
        assertThat(lost.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(lost.getMessage()).contains(pending.handle());
        assertThat(standIn.to("/queue")).hasSize(1);
    }

    // --- validation --------------------------------------------------------------------------------------------------

    @Test
    void validateChecksTheWorkflowAndItsPlaceholders() {
        assertThat(fields("edit", "x", Map.of("workflow", IMG2IMG))).isEmpty();
        assertThat(fields("edit", "x", Map.of("workflow", Json.map(IMG2IMG), "seed", 7, "outputNode", "9")))
                .isEmpty();
        assertThat(fields("generate", "x", Map.of("workflow", TXT2IMG))).isEmpty();
        assertThat(fields("edit", "x", Map.of())).containsExactly("workflow");
        assertThat(fields("edit", "x", Map.of("workflow", "{not json"))).containsExactly("workflow");
        assertThat(fields("edit", "x", Map.of("workflow", List.of(1, 2)))).containsExactly("workflow");
        assertThat(fields("edit", "x", Map.of("workflow", "{\"nodes\":[],\"links\":[]}")))
                .containsExactly("workflow");
        assertThat(fields("edit", "x", Map.of("workflow", "{\"1\":{\"inputs\":{}}}")))
                .containsExactly("workflow");
        assertThat(fields("edit", "x", Map.of("workflow", TXT2IMG))).containsExactly("workflow");
        assertThat(fields("generate", "x", Map.of("workflow", IMG2IMG))).containsExactly("workflow");
        assertThat(fields("edit", null, Map.of("workflow", IMG2IMG))).containsExactly("prompt");
        assertThat(fields("edit", "x", Map.of("workflow", IMG2IMG, "seed", -5))).containsExactly("seed");
        assertThat(fields("edit", "x", Map.of("workflow", IMG2IMG, "outputNode", "99")))
                .containsExactly("outputNode");
        assertThat(fields("teleport", "x", Map.of("workflow", IMG2IMG))).containsExactly("operation");
    }

    @Test
    void placeholdersAreFilledInTheTreeSoPromptsCannotBreakTheJson() throws Exception {
        var template = ComfyWorkflow.parse(
                "{\"1\":{\"class_type\":\"X\",\"inputs\":{\"a\":\"{{prompt}}\",\"b\":\"seed={{seed}}\",\"c\":\"{{seed}}\","
                        + "\"d\":[\"{{image}}\",1]}}}");
        var filled = ComfyWorkflow.fill(template, "in/a.png", "say \"{{image}}\" \\ ok", 9);
        JsonNode inputs = filled.path("1").path("inputs");
        assertThat(inputs.path("a").asText()).isEqualTo("say \"{{image}}\" \\ ok");
        assertThat(inputs.path("b").asText()).isEqualTo("seed=9");
        assertThat(inputs.path("c").isIntegralNumber()).isTrue();
        assertThat(inputs.path("d").get(0).asText()).isEqualTo("in/a.png");
        assertThat(template.path("1").path("inputs").path("c").asText()).isEqualTo("{{seed}}");
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    private List<String> fields(String operation, String prompt, Map<String, Object> params) {
        return Preflight.problems(provider, operation, null, prompt, params).stream()
                .map(FieldError::field)
                .toList();
    }

    private ProviderCall edit() {
        return new ProviderCall("edit", null, "make it autumn", Map.of("workflow", IMG2IMG), photo);
    }

    /** Starts and polls until done (at most a few polls; no sleeping: the stand-in counts polls, not time). */
    private ProviderResult finish(ProviderCall call) throws ProviderException {
        ProviderOutcome outcome = provider.start(call);
        ProviderCall polling = new ProviderCall(call.operation(), call.model(), call.prompt(), call.params(), null);
        for (int i = 0; i < 5 && outcome instanceof ProviderOutcome.Pending pending; i++)
            outcome = provider.poll(polling, pending.handle());
        return done(outcome);
    }

    private static ProviderOutcome.Pending pending(ProviderOutcome outcome) {
        assertThat(outcome).isInstanceOf(ProviderOutcome.Pending.class);
        return (ProviderOutcome.Pending) outcome;
    }

    private static ProviderResult done(ProviderOutcome outcome) {
        assertThat(outcome).isInstanceOf(ProviderOutcome.Done.class);
        return ((ProviderOutcome.Done) outcome).result();
    }

    interface Action {
        Object run() throws Exception;
    }

    private static ProviderException failure(Action action) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(action::run);
        assertThat(thrown).isInstanceOf(ProviderException.class);
        return (ProviderException) thrown;
    }
}
