package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.config.BuiltInProviders;
import io.atelier.imaging.ImageInspector;
import io.atelier.local.AtelierLocal;
import io.atelier.local.LocalOptions;
import io.atelier.providers.ark.ArkStandIn;
import io.atelier.providers.comfyui.ComfyUiStandIn;
import io.atelier.providers.dashscope.DashScopeStandIn;
import io.atelier.providers.gemini.GeminiStandIn;
import io.atelier.providers.openai.OpenAiStandIn;
import io.atelier.providers.stability.StabilityStandIn;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One job per provider through the whole local stack (API, queue, worker, S3, DynamoDB), each provider's base URL
 * pointing at its stand-in server, which checks requests as the real service would. Asynchronous providers go
 * through WAITING and SQS-delayed polls.
 */
class ProvidersEndToEndTest {
    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "PARTIAL", "FAILED", "CANCELED");
    private static final List<MockWebServer> SERVERS = new ArrayList<>();
    private static final GeminiStandIn GEMINI = new GeminiStandIn();
    private static final OpenAiStandIn OPENAI = new OpenAiStandIn();
    private static final DashScopeStandIn DASHSCOPE = new DashScopeStandIn();
    private static final ArkStandIn ARK = new ArkStandIn();
    private static final StabilityStandIn STABILITY = new StabilityStandIn();
    private static final ComfyUiStandIn COMFYUI = new ComfyUiStandIn();
    /** A user's own img2img workflow, exported from ComfyUI in API format, with Atelier's placeholders. */
    private static final String WORKFLOW = """
            {"4":{"class_type":"CheckpointLoaderSimple","inputs":{"ckpt_name":"sd_xl_base_1.0.safetensors"}},
             "6":{"class_type":"CLIPTextEncode","inputs":{"text":"{{prompt}}","clip":["4",1]}},
             "7":{"class_type":"CLIPTextEncode","inputs":{"text":"blurry","clip":["4",1]}},
             "10":{"class_type":"LoadImage","inputs":{"image":"{{image}}"}},
             "11":{"class_type":"VAEEncode","inputs":{"pixels":["10",0],"vae":["4",2]}},
             "3":{"class_type":"KSampler","inputs":{"seed":"{{seed}}","steps":20,"cfg":7,"sampler_name":"euler",
                  "scheduler":"normal","denoise":0.6,"model":["4",0],"positive":["6",0],"negative":["7",0],"latent_image":["11",0]}},
             "8":{"class_type":"VAEDecode","inputs":{"samples":["3",0],"vae":["4",2]}},
             "9":{"class_type":"SaveImage","inputs":{"images":["8",0],"filename_prefix":"atelier"}}}""";

    private static AtelierLocal local;
    private static Http api;
    private static LogCapture logs;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        // Keys no other text could contain, so that the scan at the end means something.
        DASHSCOPE.apiKey = "sk-dashscope-" + java.util.UUID.randomUUID();
        ARK.apiKey = "ark-" + java.util.UUID.randomUUID();
        Map<String, String> env = new HashMap<>();
        env.put("GEMINI_API_KEY", GeminiStandIn.KEY);
        env.put("GEMINI_BASE_URL", serve(GEMINI).url("/").toString());
        env.put("OPENAI_API_KEY", OpenAiStandIn.KEY);
        env.put("OPENAI_BASE_URL", serve(OPENAI).url("/v1").toString());
        env.put("DASHSCOPE_API_KEY", DASHSCOPE.apiKey);
        env.put("DASHSCOPE_BASE_URL", DashScopeStandIn.baseUrl(serve(DASHSCOPE)));
        env.put("ARK_API_KEY", ARK.apiKey);
        env.put("ARK_BASE_URL", ArkStandIn.baseUrl(serve(ARK)));
        env.put("STABILITY_API_KEY", StabilityStandIn.KEY);
        env.put("STABILITY_BASE_URL", serve(STABILITY).url("/").toString());
        env.put("COMFYUI_URL", serve(COMFYUI).url("/").toString());
        local = AtelierLocal.start(LocalOptions.defaults()
                .withPort(0)
                .withTemplate(Path.of("..", "template.yaml"))
                .withWebDir(Path.of("..", "web"))
                .withFunctionEnvironment(env));
        logs = LogCapture.attach(); // after the start, which configures logging afresh
        token = local.token("provider-user");
        api = new Http(local.apiUrl(), token);
    }

    /**
     * After every provider's job (uploads, presigned URLs, keyed calls, polls, results): no captured log line of the
     * whole run holds a provider key, the user's token or a presigned URL's signature.
     */
    @AfterAll
    static void stop() throws Exception {
        if (local != null) local.close();
        for (MockWebServer server : SERVERS) server.close();
        logs.detach();
        List<String> lines = logs.lines();
        assertThat(lines).as("the run logged").hasSizeGreaterThan(50);
        List<String> secrets = List.of(
                GeminiStandIn.KEY, OpenAiStandIn.KEY, DASHSCOPE.apiKey, ARK.apiKey, StabilityStandIn.KEY, token);
        for (String line : lines) {
            for (String secret : secrets) assertThat(line).as("a log line").doesNotContain(secret);
            assertThat(LogCapture.SIGNED.matcher(line).find())
                    .as("a signature or token in: %s", line)
                    .isFalse();
        }
    }

    private static MockWebServer serve(Dispatcher standIn) throws Exception {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(standIn);
        server.start(InetAddress.getLoopbackAddress(), 0);
        SERVERS.add(server);
        return server;
    }

    @Test
    void theCatalogueShowsEveryProviderConfigured() {
        JsonNode providers = api.get("/providers").json().get("providers");
        Map<String, JsonNode> byId = new HashMap<>();
        providers.forEach(p -> byId.put(p.get("id").asText(), p));
        // Every registered provider, each wired to its stand-in above.
        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(BuiltInProviders.ids());
        byId.values()
                .forEach(p -> assertThat(p.get("configured").asBoolean())
                        .as(p.get("id").asText())
                        .isTrue());
        assertThat(byId.get("dashscope").get("operations").toString()).contains("upscale", "outpaint", "style", "edit");
    }

    @Test
    void geminiReplacesABackground() throws Exception {
        JsonNode task = runOne("gemini", "replace-background", "a white studio background", "{}");
        assertThat(GEMINI.requests).isNotEmpty();
        assertThat(task.get("provenance").get("requestId").asText()).isNotBlank();
    }

    @Test
    void openAiEditsThroughMultipart() throws Exception {
        JsonNode task =
                runOne("openai", "edit", "make it a watercolor", "{\"quality\":\"low\",\"size\":\"1024x1024\"}");
        // The price table's low 1024×1024 image: what the estimate said is what the run cost.
        System.out.printf(
                "openai stand-in edit: estimate %s vs cost %s (%s)%n",
                task.get("estimatedCost").get("amount").asText(),
                task.get("cost").get("amount").asText(),
                task.get("cost").get("basis").asText());
        assertThat(new java.math.BigDecimal(task.get("cost").get("amount").asText()))
                .isEqualByComparingTo(task.get("estimatedCost").get("amount").asText())
                .isEqualByComparingTo("0.011");
        assertThat(OpenAiStandIn.parts(OPENAI.last()).stream().map(OpenAiStandIn.Part::name))
                .contains("image[]", "prompt");
        assertThat(task.get("provenance").get("requestId").asText()).isNotBlank();
    }

    @Test
    void dashScopeUpscalesAsynchronously() throws Exception {
        JsonNode task = runOne("dashscope", "upscale", null, "{\"factor\":2}");
        assertThat(DASHSCOPE.requestsTo("/tasks/")).as("polled while WAITING").isNotEmpty();
        assertThat(task.get("provenance").get("requestId").asText()).isNotBlank();
    }

    @Test
    void arkGeneratesFromAnEditPrompt() throws Exception {
        JsonNode task = runOne("ark", "edit", "put it on a beach", "{\"size\":\"1K\"}");
        assertThat(ARK.requests).isNotEmpty();
        assertThat(task.get("provider").asText()).isEqualTo("ark");
    }

    @Test
    void stabilityRemovesABackground() throws Exception {
        JsonNode task = runOne("stability", "remove-background", null, "{\"output_format\":\"png\"}");
        assertThat(STABILITY.requests).isNotEmpty();
        assertThat(task.get("output").get("contentType").asText()).isEqualTo("image/png");
    }

    @Test
    void comfyUiRunsTheUsersWorkflowAsynchronously() throws Exception {
        JsonNode task = runOne("comfyui", "style", "oil painting", "{\"seed\":7,\"workflow\":" + WORKFLOW + "}");
        assertThat(COMFYUI.requests)
                .as("polled while WAITING")
                .anyMatch(r -> r.path().startsWith("/history/"));
        assertThat(task.get("provenance").get("seed").asLong()).isEqualTo(7);
    }

    /** Uploads one image, runs a one-item job and checks the stored result is the image the task describes. */
    private static JsonNode runOne(String provider, String operation, String prompt, String params) throws Exception {
        String imageId = Flows.upload(api, Map.of(provider + ".png", Flows.png(640, 640)), "image/png")
                .get(0);
        Flows.awaitImage(api, imageId, "READY"::equals);
        String job =
                "{\"name\":\"" + provider + "\",\"operation\":\"" + operation + "\",\"provider\":\"" + provider + "\","
                        + "\"prompt\":" + (prompt == null ? "null" : "\"" + prompt + "\"") + ",\"params\":" + params
                        + ",\"items\":[{\"imageId\":\"" + imageId + "\"}]}";
        String jobId = Flows.submit(api, job);
        JsonNode done = Flows.awaitJob(api, jobId, TERMINAL::contains);
        JsonNode task = api.get("/jobs/" + jobId + "/tasks").json().get("tasks").get(0);
        assertThat(done.get("status").asText()).as(task.toString()).isEqualTo("SUCCEEDED");
        JsonNode output = task.get("output");
        byte[] result = Http.download(output.get("url").asText());
        assertThat(ImageInspector.inspect(result).width())
                .isEqualTo(output.get("width").asInt());
        assertThat(result.length).isEqualTo(output.get("size").asInt());
        return task;
    }
}
