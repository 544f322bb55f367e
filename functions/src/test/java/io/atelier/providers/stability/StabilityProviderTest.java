package io.atelier.providers.stability;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageHeader;
import io.atelier.imaging.ImageInspector;
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
import io.atelier.providers.stability.StabilityStandIn.Mode;
import io.atelier.providers.stability.StabilityStandIn.Received;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stability's v2beta services through its stand-in: the provider contract on the fast upscaler, then each endpoint. */
class StabilityProviderTest extends ProviderContract implements ProviderContract.Refusals, ProviderContract.Keyed {
    private final StabilityStandIn standIn = new StabilityStandIn();
    private final SourceImage photo = image(100, 80);
    private StabilityProvider provider;

    @BeforeEach
    void configure() {
        provider = provider();
    }

    @Override
    protected Dispatcher standIn() {
        return standIn;
    }

    @Override
    protected StabilityProvider provider(ProviderTuning tuning) {
        return provider(StabilityStandIn.KEY, tuning);
    }

    private StabilityProvider provider(String key, ProviderTuning tuning) {
        Map<String, String> settings =
                new HashMap<>(Map.of("STABILITY_BASE_URL", server.url("/").toString()));
        if (key != null) settings.put("STABILITY_API_KEY", key);
        return new StabilityProvider(ProviderSettings.of(settings), tuning);
    }

    @Override
    protected StabilityProvider provider() {
        return (StabilityProvider) super.provider();
    }

    @Override
    protected ImageProvider unconfigured() {
        return provider(null, ProviderTuning.of(PATIENT));
    }

    @Override
    protected ProviderCall call(SourceImage input) {
        return new ProviderCall("upscale", null, null, Map.of(), input);
    }

    @Override
    protected ProviderCall invalidCall(SourceImage input) {
        return new ProviderCall("upscale", null, null, Map.of("mode", "turbo"), input);
    }

    @Override
    protected void answer(Answer answer) {
        standIn.slowMillis = SLOW_ANSWER.toMillis();
        standIn.mode = Mode.valueOf(answer.name());
    }

    /** Without a Retry-After header, Stability's documented 60-second lockout. */
    @Override
    protected Duration throttleHint() {
        return Duration.ofSeconds(60);
    }

    @Override
    protected int requestsReceived() {
        return standIn.requests.size();
    }

    @Override
    protected byte[] lastImageSent() {
        return standIn.requests
                .get(standIn.requests.size() - 1)
                .files()
                .get("image")
                .bytes();
    }

    @Override
    public String key() {
        return StabilityStandIn.KEY;
    }

    // --- Stability's own

    @Test
    void fastUpscaleIsTheDefaultAndAnswersFourTimesTheSize() throws Exception {
        ProviderResult result = done(provider.start(call("upscale", null, null, Map.of())));

        assertThat(result.format()).isEqualTo(ImageFormat.PNG);
        assertThat(result.width()).isEqualTo(400);
        assertThat(result.height()).isEqualTo(320);
        assertThat(result.model()).isEqualTo("stable-fast-upscale");
        assertThat(result.provenance())
                .containsEntry("model", "stable-fast-upscale")
                .containsEntry("seed", 1_234_567_890L)
                .containsEntry("finishReason", "SUCCESS")
                .containsEntry("mode", "fast")
                .doesNotContainKey("inputAdjusted");
        Received sent = only();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v2beta/stable-image/upscale/fast");
        assertThat(sent.headers().get("authorization")).isEqualTo("Bearer " + StabilityStandIn.KEY);
        assertThat(sent.headers().get("accept")).isEqualTo("image/*");
        assertThat(sent.files().get("image").contentType()).isEqualTo("image/png");
        assertThat(sent.files().get("image").bytes()).isEqualTo(photo.bytes());
        assertThat(sent.fields()).containsExactlyEntriesOf(Map.of("output_format", "png"));
    }

    @Test
    void conservativeUpscaleSendsPromptCreativitySeedAndNegativePrompt() throws Exception {
        ProviderResult result = done(provider.start(call(
                "upscale",
                null,
                "a sharp red bicycle",
                Map.of(
                        "mode",
                        "conservative",
                        "creativity",
                        0.3,
                        "seed",
                        42,
                        "negative_prompt",
                        "blur",
                        "output_format",
                        "jpeg"))));

        assertThat(result.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(result.width()).isEqualTo(400);
        assertThat(result.model()).isEqualTo("stable-conservative-upscale");
        Received sent = only();
        assertThat(sent.path()).isEqualTo("/v2beta/stable-image/upscale/conservative");
        assertThat(sent.fields())
                .containsEntry("prompt", "a sharp red bicycle")
                .containsEntry("creativity", "0.3")
                .containsEntry("seed", "42")
                .containsEntry("negative_prompt", "blur")
                .containsEntry("output_format", "jpeg");
    }

    @Test
    void creativeUpscaleIsPendingUntilTheResultIsReady() throws Exception {
        standIn.mode = Mode.ASYNC;
        ProviderCall call =
                call("upscale", "stable-creative-upscale", "old photo, restored", Map.of("creativity", 0.1));

        ProviderOutcome started = provider.start(call);
        assertThat(started).isInstanceOf(ProviderOutcome.Pending.class);
        ProviderOutcome.Pending pending = (ProviderOutcome.Pending) started;
        assertThat(pending.handle()).hasSize(64);
        assertThat(pending.pollAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(pending.provenance())
                .containsEntry("requestId", pending.handle())
                .containsEntry("model", "stable-creative-upscale");
        Received sent = only();
        assertThat(sent.path()).isEqualTo("/v2beta/stable-image/upscale/creative");
        assertThat(sent.fields()).containsEntry("prompt", "old photo, restored").containsEntry("creativity", "0.1");

        ProviderCall polling = new ProviderCall(call.operation(), call.model(), call.prompt(), call.params(), null);
        assertThat(provider.poll(polling, pending.handle()))
                .isInstanceOfSatisfying(ProviderOutcome.Pending.class, again -> {
                    assertThat(again.handle()).isEqualTo(pending.handle());
                    assertThat(again.pollAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
                });
        assertThat(provider.poll(polling, pending.handle())).isInstanceOf(ProviderOutcome.Pending.class);
        ProviderResult result = done(provider.poll(polling, pending.handle()));

        assertThat(result.width()).isEqualTo(400);
        assertThat(result.height()).isEqualTo(320);
        assertThat(result.provenance())
                .containsEntry("requestId", pending.handle())
                .containsEntry("seed", 1_234_567_890L)
                .containsEntry("model", "stable-creative-upscale");
        Received poll = standIn.requests.get(3);
        assertThat(poll.method()).isEqualTo("GET");
        assertThat(poll.path()).isEqualTo("/v2beta/results/" + pending.handle());
        assertThat(poll.headers().get("accept")).isEqualTo("image/*");
        assertThat(poll.headers().get("authorization")).isEqualTo("Bearer " + StabilityStandIn.KEY);
    }

    @Test
    void outpaintAddsTheRequestedPixels() throws Exception {
        ProviderResult result =
                done(provider.start(call("outpaint", null, "more beach", Map.of("left", 20, "up", 10, "seed", 7))));

        assertThat(result.width()).isEqualTo(120);
        assertThat(result.height()).isEqualTo(90);
        assertThat(result.model()).isEqualTo("stable-outpaint");
        Received sent = only();
        assertThat(sent.path()).isEqualTo("/v2beta/stable-image/edit/outpaint");
        assertThat(sent.fields())
                .containsEntry("left", "20")
                .containsEntry("up", "10")
                .containsEntry("prompt", "more beach")
                .containsEntry("seed", "7")
                .doesNotContainKeys("right", "down");
    }

    @Test
    void removeBackgroundKeepsTheSize() throws Exception {
        ProviderResult result =
                done(provider.start(call("remove-background", null, null, Map.of("output_format", "png"))));

        assertThat(result.width()).isEqualTo(100);
        assertThat(result.model()).isEqualTo("stable-remove-background");
        assertThat(only().path()).isEqualTo("/v2beta/stable-image/edit/remove-background");
    }

    @Test
    void replaceBackgroundSearchesForTheBackgroundByDefault() throws Exception {
        done(provider.start(call("replace-background", null, "a snowy forest", Map.of())));
        assertThat(only().path()).isEqualTo("/v2beta/stable-image/edit/search-and-replace");
        assertThat(only().fields())
                .containsEntry("prompt", "a snowy forest")
                .containsEntry("search_prompt", "background");

        standIn.requests.clear();
        ProviderResult result =
                done(provider.start(call("replace-background", null, "a snowy forest", Map.of("search", "sky"))));
        assertThat(only().fields()).containsEntry("search_prompt", "sky");
        assertThat(result.model()).isEqualTo("stable-search-and-replace");
    }

    @Test
    void anImageAboveTheFastUpscalersLimitsIsScaledAndTheProvenanceSaysSo() throws Exception {
        ProviderResult result =
                done(provider.start(new ProviderCall("upscale", null, null, Map.of(), image(2000, 1000))));

        ImageHeader sent = ImageInspector.inspect(only().files().get("image").bytes());
        assertThat(Math.max(sent.width(), sent.height())).isLessThanOrEqualTo(1536);
        assertThat((long) sent.width() * sent.height()).isLessThanOrEqualTo(1_048_576);
        assertThat(result.width()).isEqualTo(sent.width() * 4);
        assertThat((String) result.provenance().get("inputAdjusted"))
                .contains("2000×1000")
                .contains(sent.width() + "×" + sent.height());
    }

    @Test
    void proportionsOutsideTwoAndAHalfToOneAreRefusedBeforeAnyCall() {
        ProviderException e = failure(
                () -> provider.start(new ProviderCall("outpaint", null, null, Map.of("left", 10), image(300, 100))));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(standIn.requests).isEmpty();
    }

    @Test
    void noCreditsIsAnAccountProblemNotTheJobs() {
        standIn.mode = Mode.PAYMENT_REQUIRED;
        ProviderException e = failure(() -> provider.start(fast()));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_AUTH);
        assertThat(e.getMessage()).contains("402").contains("credits");
    }

    @Test
    void otherClientErrorsAreInvalidRequestsWithStabilitysWords() {
        standIn.mode = Mode.BAD_REQUEST;
        ProviderException e = failure(() -> provider.start(fast()));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST);
        assertThat(e.getMessage()).contains("could not be processed").contains("request id");
    }

    @Test
    void anExpiredGenerationIsAnInvalidRequest() throws Exception {
        ProviderCall call = call("upscale", null, "restore", Map.of("mode", "creative"));
        String handle = ((ProviderOutcome.Pending) provider.start(call)).handle();
        standIn.mode = Mode.EXPIRED;
        ProviderException e = failure(() -> provider.poll(call, handle));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST);
        assertThat(e.getMessage()).contains(handle);
    }

    @Test
    void validateNamesTheFieldThatIsWrong() {
        assertThat(fields("upscale", null, null, Map.of())).isEmpty();
        assertThat(fields("upscale", null, null, Map.of("mode", "conservative")))
                .containsExactly("prompt");
        assertThat(fields("upscale", null, "p", Map.of("mode", "conservative", "creativity", 0.9)))
                .containsExactly("creativity");
        assertThat(fields("upscale", null, "p", Map.of("mode", "creative", "creativity", 0.1)))
                .isEmpty();
        assertThat(fields("upscale", null, null, Map.of("mode", "turbo"))).containsExactly("mode");
        assertThat(fields("upscale", "stable-fast-upscale", "p", Map.of("mode", "creative")))
                .containsExactly("mode");
        // A model naming an upscaler stands for its mode.
        assertThat(fields("upscale", "stable-conservative-upscale", null, Map.of()))
                .containsExactly("prompt");
        assertThat(fields("upscale", "stable-conservative-upscale", "p", Map.of("creativity", 0.15)))
                .containsExactly("creativity");
        assertThat(fields("upscale", "stable-outpaint", null, Map.of())).containsExactly("model");
        assertThat(fields("outpaint", null, null, Map.of())).containsExactly("left");
        assertThat(fields("outpaint", null, null, Map.of("left", 3000))).containsExactly("left");
        assertThat(fields("outpaint", null, null, Map.of("down", 1.5))).containsExactly("down");
        assertThat(fields("outpaint", null, null, Map.of("right", 64))).isEmpty();
        assertThat(fields("remove-background", null, null, Map.of("output_format", "jpeg")))
                .containsExactly("output_format");
        assertThat(fields("replace-background", null, null, Map.of())).containsExactly("prompt");
        assertThat(fields("replace-background", null, "sea", Map.of("seed", -1, "grow_mask", 30)))
                .containsExactly("seed", "grow_mask");
        assertThat(fields("edit", null, "p", Map.of())).containsExactly("operation");
    }

    @Test
    void aRetryAfterHeaderWinsOverTheLockout() {
        standIn.mode = Mode.THROTTLED;
        standIn.retryAfterSeconds = 7;
        ProviderException hinted = failure(() -> provider.start(fast()));
        assertThat(hinted.code()).isEqualTo(ErrorCode.PROVIDER_THROTTLED);
        assertThat(hinted.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aBlurredResultIsARefusal() {
        standIn.mode = Mode.FILTERED;
        assertThat(failure(() -> provider.start(fast())).code()).isEqualTo(ErrorCode.PROVIDER_REFUSED);
    }

    @Test
    void aCreativeUpscaleStartThatIsNoJsonIsUnavailable() {
        standIn.mode = Mode.MALFORMED;
        assertThat(failure(() -> provider.start(call("upscale", null, "x", Map.of("mode", "creative"))))
                        .code())
                .isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
    }

    private List<String> fields(String operation, String model, String prompt, Map<String, Object> params) {
        return Preflight.problems(provider, operation, model, prompt, params).stream()
                .map(FieldError::field)
                .toList();
    }

    private ProviderCall fast() {
        return call("upscale", null, null, Map.of());
    }

    private ProviderCall call(String operation, String model, String prompt, Map<String, Object> params) {
        return new ProviderCall(operation, model, prompt, params, photo);
    }

    private Received only() {
        assertThat(standIn.requests).hasSize(1);
        return standIn.requests.get(0);
    }

    private static ProviderResult done(ProviderOutcome outcome) {
        assertThat(outcome).isInstanceOf(ProviderOutcome.Done.class);
        return ((ProviderOutcome.Done) outcome).result();
    }

    interface Action {
        Object run() throws Exception;
    }

    /** The failure an action ends in; the key must never be part of what users see. */
    private static ProviderException failure(Action action) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(action::run);
        assertThat(thrown).isInstanceOf(ProviderException.class);
        assertThat(thrown.getMessage()).doesNotContain(StabilityStandIn.KEY);
        return (ProviderException) thrown;
    }

    private static SourceImage image(int width, int height) {
        return png(width, height);
    }
}
