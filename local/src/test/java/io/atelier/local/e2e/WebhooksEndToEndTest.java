package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.webhooks.WebhookSignature;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks through the whole stack: the worker reports each finished task to the webhook queue, the delivery
 * function signs and sends, and retries a failing receiver (here one second apart instead of minutes).
 */
class WebhooksEndToEndTest {
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        receiver = new WebhookReceiver();
        IntegrationsStack.get();
    }

    @AfterAll
    static void stop() {
        if (receiver != null) receiver.close();
    }

    private static Http as(String user) throws Exception {
        return IntegrationsStack.as(user);
    }

    private static JsonNode createEndpoint(Http api, String body) {
        Http.Reply reply = api.post("/webhooks", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    private static List<String> readyImages(Http api, int count) throws InterruptedException {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        for (int i = 0; i < count; i++) files.put("w" + i + ".png", Flows.png(40 + i, 30));
        List<String> ids = Flows.upload(api, files, "image/png");
        for (String id : ids) Flows.awaitImage(api, id, "READY"::equals);
        return ids;
    }

    private static <T> T await(Supplier<T> value, java.util.function.Predicate<T> done, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out; last: " + last);
            Thread.sleep(100);
            last = value.get();
        }
        return last;
    }

    @Test
    void aReceiverThatFailsFiveTimesGetsTheEventOnceWithTheSameIdEveryAttempt() throws Exception {
        Http api = as("hooks-" + System.nanoTime());
        receiver.failFirst("/flaky", 5);
        JsonNode endpoint =
                createEndpoint(api, "{\"url\":\"" + receiver.url("/flaky") + "\",\"events\":[\"job.completed\"]}");
        String secret = endpoint.get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        String webhookId = endpoint.get("webhookId").asText();

        List<String> images = readyImages(api, 1);
        String job = Flows.upscaleJob(images, 2).replaceFirst("\\{", "{\"webhookId\":\"" + webhookId + "\",");
        String jobId = Flows.submit(api, job);
        Flows.awaitJob(api, jobId, "SUCCEEDED"::equals);

        List<WebhookReceiver.Received> attempts =
                await(() -> receiver.at("/flaky"), list -> list.size() >= 6, Duration.ofSeconds(60));
        Thread.sleep(3_000); // nothing more once it was answered 200
        attempts = receiver.at("/flaky");
        assertThat(attempts).hasSize(6);
        assertThat(attempts)
                .extracting(WebhookReceiver.Received::answered)
                .containsExactly(500, 500, 500, 500, 500, 200);
        assertThat(attempts.stream().map(WebhookReceiver.Received::id).distinct())
                .hasSize(1);
        assertThat(attempts.stream().map(WebhookReceiver.Received::body).distinct())
                .hasSize(1);
        for (WebhookReceiver.Received attempt : attempts)
            assertThat(WebhookSignature.verify(
                            secret,
                            attempt.signature(),
                            attempt.id(),
                            Long.parseLong(attempt.timestamp()),
                            attempt.body()))
                    .as("attempt signed with the endpoint's secret")
                    .isTrue();
        JsonNode payload = Http.JSON.readTree(attempts.get(0).body());
        assertThat(payload.get("type").asText()).isEqualTo("job.completed");
        assertThat(payload.get("data").get("jobId").asText()).isEqualTo(jobId);
        assertThat(payload.get("data").get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(attempts.get(0).body()).doesNotContain("http");

        JsonNode log = api.get("/webhooks/" + webhookId + "/deliveries").json().get("deliveries");
        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("deliveryId").asText())
                .isEqualTo(attempts.get(0).id());
        assertThat(log.get(0).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(log.get(0).get("attempts").asInt()).isEqualTo(6);
        assertThat(log.get(0).get("responseCode").asInt()).isEqualTo(200);
        assertThat(log.get(0).get("latencyMs").isIntegralNumber()).isTrue();

        // Redelivery on request: the same id and body again.
        Http.Reply again = api.post(
                "/webhooks/" + webhookId + "/deliveries/" + attempts.get(0).id() + "/redeliver", "{}");
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        List<WebhookReceiver.Received> after =
                await(() -> receiver.at("/flaky"), list -> list.size() >= 7, Duration.ofSeconds(30));
        assertThat(after.get(6).id()).isEqualTo(attempts.get(0).id());
        assertThat(after.get(6).body()).isEqualTo(attempts.get(0).body());
    }

    @Test
    void theDefaultEndpointGetsTheTaskEventsItsFilterAsksFor() throws Exception {
        Http api = as("hooks-default-" + System.nanoTime());
        String path = "/tasks-" + System.nanoTime();
        JsonNode endpoint =
                createEndpoint(api, "{\"url\":\"" + receiver.url(path) + "\",\"events\":[\"task.succeeded\"]}");
        assertThat(endpoint.get("default").asBoolean()).isTrue();

        List<String> images = readyImages(api, 2);
        String jobId = Flows.submit(api, Flows.upscaleJob(images, 2));
        Flows.awaitJob(api, jobId, "SUCCEEDED"::equals);
        List<WebhookReceiver.Received> got =
                await(() -> receiver.at(path), list -> list.size() >= 2, Duration.ofSeconds(30));
        Thread.sleep(2_000);
        got = receiver.at(path);
        assertThat(got).hasSize(2); // two tasks, and no job.completed: the filter leaves it out
        Set<String> types = got.stream().map(r -> type(r.body())).collect(Collectors.toSet());
        assertThat(types).containsExactly("task.succeeded");
        assertThat(got.stream().map(WebhookReceiver.Received::id).distinct()).hasSize(2);
    }

    private static String type(String body) {
        try {
            return Http.JSON.readTree(body).get("type").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRotatedSecretSignsBesideTheNewOneAndAPingIsLogged() throws Exception {
        Http api = as("hooks-rotate-" + System.nanoTime());
        String path = "/ping-" + System.nanoTime();
        JsonNode endpoint =
                createEndpoint(api, "{\"url\":\"" + receiver.url(path) + "\",\"description\":\"back office\"}");
        String webhookId = endpoint.get("webhookId").asText();
        String oldSecret = endpoint.get("secret").asText();
        JsonNode listed = api.get("/webhooks").json().get("webhooks");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).has("secret")).isFalse();
        assertThat(listed.get(0).get("events")).hasSize(6);

        Http.Reply rotated = api.post("/webhooks/" + webhookId + "/rotate", "{\"overlapSeconds\":3600}");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String newSecret = rotated.json().get("secret").asText();
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
        assertThat(rotated.json().get("previousSecretExpiresAt").isTextual()).isTrue();

        Http.Reply ping = api.post("/webhooks/" + webhookId + "/ping", "{}");
        assertThat(ping.status()).as(ping.body()).isEqualTo(202);
        WebhookReceiver.Received got = await(() -> receiver.at(path), list -> !list.isEmpty(), Duration.ofSeconds(20))
                .get(0);
        assertThat(got.id()).isEqualTo(ping.json().get("deliveryId").asText());
        assertThat(got.signature().split(" ")).hasSize(2);
        long timestamp = Long.parseLong(got.timestamp());
        assertThat(WebhookSignature.verify(newSecret, got.signature(), got.id(), timestamp, got.body()))
                .isTrue();
        assertThat(WebhookSignature.verify(oldSecret, got.signature(), got.id(), timestamp, got.body()))
                .isTrue();
        assertThat(type(got.body())).isEqualTo("webhook.ping");
        JsonNode log = await(
                () -> api.get("/webhooks/" + webhookId + "/deliveries").json().get("deliveries"),
                list -> list.size() == 1 && list.get(0).get("status").asText().equals("SUCCEEDED"),
                Duration.ofSeconds(10));
        assertThat(log.get(0).get("eventType").asText()).isEqualTo("webhook.ping");
    }

    @Test
    void anEndpointAnswering410GoneIsDisabledUntilItsOwnerEnablesItAgain() throws Exception {
        Http api = as("hooks-gone-" + System.nanoTime());
        String path = "/gone-" + System.nanoTime();
        receiver.answer(path, 410);
        String webhookId = createEndpoint(api, "{\"url\":\"" + receiver.url(path) + "\"}")
                .get("webhookId")
                .asText();
        assertThat(api.get("/webhooks")
                        .json()
                        .get("webhooks")
                        .get(0)
                        .get("enabled")
                        .asBoolean())
                .isTrue();
        assertThat(api.post("/webhooks/" + webhookId + "/ping", "{}").status()).isEqualTo(202);
        JsonNode disabled = await(
                () -> api.get("/webhooks").json().get("webhooks").get(0),
                endpoint -> !endpoint.get("enabled").asBoolean(),
                Duration.ofSeconds(20));
        assertThat(disabled.get("disabledReason").asText()).contains("410 Gone");
        assertThat(disabled.get("disabledAt").isTextual()).isTrue();
        JsonNode log = api.get("/webhooks/" + webhookId + "/deliveries").json().get("deliveries");
        assertThat(log.get(0).get("status").asText()).isEqualTo("FAILED");
        assertThat(log.get(0).get("responseCode").asInt()).isEqualTo(410);
        assertThat(log.get(0).get("attempts").asInt()).isEqualTo(1); // never retried

        // Disabled: a job's events are not sent, and a ping or a redelivery is refused until it is enabled.
        String jobId = Flows.submit(api, Flows.upscaleJob(readyImages(api, 1), 2));
        Flows.awaitJob(api, jobId, "SUCCEEDED"::equals);
        assertThat(api.post("/webhooks/" + webhookId + "/ping", "{}").status()).isEqualTo(409);
        assertThat(api.post(
                                "/webhooks/" + webhookId + "/deliveries/"
                                        + log.get(0).get("deliveryId").asText() + "/redeliver",
                                "{}")
                        .status())
                .isEqualTo(409);
        Thread.sleep(2_000);
        assertThat(receiver.at(path)).hasSize(1);
        assertThat(api.get("/webhooks/" + webhookId + "/deliveries").json().get("deliveries"))
                .hasSize(1);

        String patch = "/webhooks/" + webhookId;
        assertThat(api.send("PATCH", patch, "{\"enabled\":\"yes\"}", Map.of()).problemField())
                .isEqualTo("enabled");
        assertThat(api.send("PATCH", patch, "{}", Map.of()).problemField()).isEqualTo("enabled");
        Http other = as("hooks-gone-other-" + System.nanoTime());
        assertThat(other.send("PATCH", patch, "{\"enabled\":true}", Map.of()).status())
                .isEqualTo(404);
        Http.Reply enabled = api.send("PATCH", patch, "{\"enabled\":true}", Map.of());
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
        assertThat(enabled.json().get("disabledReason").isNull()).isTrue();
        assertThat(enabled.json().has("secret")).isFalse();

        receiver.answer(path, 200);
        assertThat(api.post("/webhooks/" + webhookId + "/ping", "{}").status()).isEqualTo(202);
        await(() -> receiver.at(path), list -> list.size() == 2, Duration.ofSeconds(20));
        assertThat(api.get("/webhooks")
                        .json()
                        .get("webhooks")
                        .get(0)
                        .get("enabled")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndAnotherUsersWebhookIsNotFound() throws Exception {
        Http api = as("hooks-bad-" + System.nanoTime());
        assertThat(api.post("/webhooks", "{}").problemField()).isEqualTo("url");
        assertThat(api.post("/webhooks", "{\"url\":\"http://10.0.0.1/hook\"}").problemField())
                .isEqualTo("url");
        Http.Reply metadata = api.post("/webhooks", "{\"url\":\"https://169.254.169.254/latest/meta-data/\"}");
        assertThat(metadata.problemField()).isEqualTo("url");
        assertThat(metadata.body()).contains("cloud metadata");
        assertThat(api.post("/webhooks", "{\"url\":\"https://[::ffff:10.0.0.1]/\"}")
                        .problemField())
                .isEqualTo("url");
        assertThat(api.post("/webhooks", "{\"url\":\"ftp://example.com/\"}").problemField())
                .isEqualTo("url");
        assertThat(api.post("/webhooks", "{\"url\":\"https://user:pw@example.com/\"}")
                        .problemField())
                .isEqualTo("url");
        assertThat(api.post("/webhooks", "{\"url\":\"" + receiver.url("/x") + "\",\"events\":[\"job.nope\"]}")
                        .problemField())
                .isEqualTo("events");
        assertThat(api.post("/webhooks", "{\"url\":\"" + receiver.url("/x") + "\",\"events\":[]}")
                        .problemField())
                .isEqualTo("events");
        assertThat(api.post("/webhooks", "{\"url\":\"" + receiver.url("/x") + "\",\"default\":\"yes\"}")
                        .problemField())
                .isEqualTo("default");

        String webhookId = createEndpoint(api, "{\"url\":\"" + receiver.url("/mine") + "\"}")
                .get("webhookId")
                .asText();
        assertThat(api.post("/webhooks/" + webhookId + "/rotate", "{\"overlapSeconds\":-1}")
                        .problemField())
                .isEqualTo("overlapSeconds");
        Http other = as("hooks-other-" + System.nanoTime());
        assertThat(other.get("/webhooks/" + webhookId + "/deliveries").status()).isEqualTo(404);
        assertThat(other.post("/webhooks/" + webhookId + "/ping", "{}").status())
                .isEqualTo(404);
        assertThat(other.post("/webhooks/" + webhookId + "/rotate", "{}").status())
                .isEqualTo(404);
        assertThat(other.post("/webhooks/" + webhookId + "/deliveries/msg_01KBF3Z6W8S4ABCDEFGHJKMNPQ/redeliver", "{}")
                        .status())
                .isEqualTo(404);
        assertThat(other.delete("/webhooks/" + webhookId).status()).isEqualTo(404);
        assertThat(other.get("/webhooks").json().get("webhooks")).isEmpty();
        assertThat(other.post(
                                "/jobs",
                                "{\"webhookId\":\"" + webhookId
                                        + "\",\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2},\"items\":[{\"imageId\":\"img_01KBF3Z6W8S4ABCDEFGHJKMNPQ\"}]}")
                        .problemField())
                .isEqualTo("webhookId");
        assertThat(api.get("/webhooks/whk_nope/deliveries").status()).isEqualTo(404);
        assertThat(api.delete("/webhooks/" + webhookId).status()).isEqualTo(204);
        assertThat(api.get("/webhooks").json().get("webhooks")).isEmpty();
    }
}
