package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Plans through the local runner's port: a token asks for a plan, GET /me shows it with its usage, what the plan lacks
 * is a 403 naming the field and the plan, a used-up quota a 429 naming it with Retry-After; one person's usage is not
 * another's. The runner's default plan (no plan asked for) allows everything.
 */
class PlansApiTest {
    private static Http as(String user, String plan) throws Exception {
        return new Http(RealStack.get().apiUrl(), RealStack.get().token(user, plan));
    }

    @Test
    void aTokenAsksForAPlanAndAnUnknownPlanIsA400NamingIt() throws Exception {
        Http anonymous = RealStack.anonymous();
        Http.Reply unknown = anonymous.post("/local/token", "{\"user\":\"plans-x\",\"plan\":\"gold\"}");
        assertThat(unknown.problemField()).isEqualTo("plan");
        assertThat(unknown.body()).contains("basic", "advanced");
        assertThat(anonymous
                        .post("/local/token", "{\"user\":\"plans-x\",\"plan\":7}")
                        .problemField())
                .isEqualTo("plan");
        Http.Reply basic = anonymous.post("/local/token", "{\"user\":\"plans-x\",\"plan\":\"basic\"}");
        assertThat(basic.status()).isEqualTo(200);
        assertThat(basic.json().get("plan").asText()).isEqualTo("basic");
        JsonNode me = RealStack.anonymous()
                .as(basic.json().get("token").asText())
                .get("/me")
                .json();
        assertThat(me.get("plan").asText()).isEqualTo("basic");
        assertThat(me.get("includes").get("providers"))
                .extracting(JsonNode::asText)
                .containsExactly("local");
        assertThat(me.get("quotas").get("imagesPerDay").get("limit").asInt()).isEqualTo(500);
        assertThat(me.get("quotas").get("monthlySpend").get("limit").asText()).isEqualTo("10.00");

        JsonNode local =
                RealStack.as("plans-default-" + System.nanoTime()).get("/me").json();
        assertThat(local.get("plan").asText()).as("make run's default").isEqualTo("local");
        assertThat(local.get("includes").get("operations"))
                .extracting(JsonNode::asText)
                .containsExactly("*");
        assertThat(local.get("plans")).extracting(JsonNode::asText).containsExactly("basic", "advanced", "local");
        assertThat(RealStack.anonymous().get("/me").status()).isEqualTo(401);
    }

    @Test
    void whatTheBasicPlanLacksIsA403AndItsQuotasAre429sWithRetryAfter() throws Exception {
        String user = "plans-basic-" + System.nanoTime();
        Http api = as(user, "basic");
        String image = Flows.upload(api, Map.of("p.png", Flows.png(24, 16)), "image/png")
                .get(0);
        Flows.awaitImage(api, image, "READY"::equals);

        Http.Reply cutout = api.post(
                "/jobs",
                "{\"steps\":[{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2}},"
                        + "{\"operation\":\"remove-background\",\"provider\":\"local\"}],\"items\":[{\"imageId\":\""
                        + image + "\"}]}");
        assertThat(cutout.status()).isEqualTo(403);
        assertThat(cutout.json().get("type").asText()).isEqualTo("/problems/plan");
        assertThat(cutout.json().get("errors").get(0).get("field").asText()).isEqualTo("steps[1].operation");
        assertThat(cutout.json().get("detail").asText())
                .isEqualTo("Your plan (basic) does not include the operation remove-background.");
        Http.Reply preset =
                api.post("/jobs", "{\"preset\":\"amazon-main\",\"items\":[{\"imageId\":\"" + image + "\"}]}");
        assertThat(preset.status()).as(preset.body()).isEqualTo(403);

        Http.Reply tooMany = api.post("/jobs", Flows.upscaleJob(Collections.nCopies(201, image), 2));
        assertThat(tooMany.status()).isEqualTo(403);
        assertThat(tooMany.json().get("errors").get(0).get("field").asText()).isEqualTo("items");

        // Two jobs of two ×4 upscales to 24 MP (seconds each): the plan's two concurrent jobs; a third waits for one to
        // end.
        String large = Flows.upload(api, Map.of("large.png", Flows.png(1500, 1000)), "image/png")
                .get(0);
        Flows.awaitImage(api, large, "READY"::equals);
        String first = Flows.submit(api, Flows.upscaleJob(Collections.nCopies(2, large), 4));
        String second = Flows.submit(api, Flows.upscaleJob(Collections.nCopies(2, large), 4));
        Http.Reply busy = api.post("/jobs", Flows.upscaleJob(List.of(image), 2));
        assertThat(busy.status()).isEqualTo(429);
        assertThat(busy.json().get("errors").get(0).get("field").asText()).isEqualTo("quotas.concurrentJobs");
        assertThat(busy.retryAfter()).isEqualTo("30");
        JsonNode quotas = api.get("/me").json().get("quotas");
        assertThat(quotas.get("concurrentJobs").get("used").asInt()).isEqualTo(2);
        assertThat(quotas.get("imagesPerDay").get("used").asInt())
                .as("the refused job counted nothing")
                .isEqualTo(4);
        assertThat(quotas.get("imagesPerDay").get("remaining").asInt()).isEqualTo(496);
        for (String job : List.of(first, second)) api.post("/jobs/" + job + "/cancel", null);
        for (String job : List.of(first, second))
            Flows.awaitJob(
                    api,
                    job,
                    status -> List.of("CANCELED", "SUCCEEDED", "PARTIAL").contains(status));
        Flows.await(
                api,
                "/me",
                me -> me.get("quotas").get("concurrentJobs").get("used").asInt() == 0,
                Duration.ofSeconds(60));

        // 400 more images under a budget that holds none of them (their tasks end at once, unrun): 404 of 500 used.
        String none = ",\"budget\":{\"amount\":\"0.000001\",\"currency\":\"USD\"}}";
        for (int i = 0; i < 2; i++) {
            String job = Flows.upscaleJob(Collections.nCopies(200, image), 2);
            Flows.submit(api, job.substring(0, job.length() - 1) + none);
        }
        Http.Reply day = api.post("/jobs", Flows.upscaleJob(Collections.nCopies(97, image), 2));
        assertThat(day.status()).isEqualTo(429);
        assertThat(day.json().get("errors").get(0).get("field").asText()).isEqualTo("quotas.imagesPerDay");
        long untilMidnight = Duration.between(
                        Instant.now(), LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC))
                .toSeconds();
        assertThat(Long.parseLong(day.retryAfter())).isBetween(untilMidnight - 5, untilMidnight + 5);
        assertThat(day.json().get("detail").asText()).contains("allows 500 images a day; 404 are used today");

        // The quota is this person's: another's day is untouched, and an advanced token is not held by basic's limits.
        assertThat(as("plans-other-" + System.nanoTime(), "basic")
                        .get("/me")
                        .json()
                        .get("quotas")
                        .get("imagesPerDay")
                        .get("used")
                        .asInt())
                .isZero();
        JsonNode advanced = as(user, "advanced").get("/me").json();
        assertThat(advanced.get("plan").asText()).isEqualTo("advanced");
        assertThat(advanced.get("quotas").get("imagesPerDay").get("used").asInt())
                .as("usage is the person's, whatever the plan")
                .isEqualTo(404);
        String allowed = Flows.submit(as(user, "advanced"), Flows.upscaleJob(List.of(image), 2));
        Flows.awaitJob(api, allowed, "SUCCEEDED"::equals);
        JsonNode spend = api.get("/me").json().get("quotas").get("monthlySpend");
        assertThat(new java.math.BigDecimal(spend.get("used").asText())).isPositive();
        assertThat(spend.get("currency").asText()).isEqualTo("USD");
    }
}
