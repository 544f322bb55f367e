package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pilot through the API on the emulators: the first items run, the job waits AWAITING_APPROVAL with the rest counted
 * and estimated, then continue runs the rest (or cancel cancels it), on the small jobs' and the fan-out's sizes alike.
 */
class PilotApiTest {
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        if (receiver != null) receiver.close();
    }

    private static String readyImage(Http api) throws InterruptedException {
        String id = Flows.upload(api, Map.of("p.png", Flows.png(24, 16)), "image/png")
                .get(0);
        Flows.awaitImage(api, id, "READY"::equals);
        return id;
    }

    private static String withPilot(String job, String pilot) {
        return job.replaceFirst("\\{", "{\"pilot\":" + pilot + ",");
    }

    private static void assertCountsSum(JsonNode job, int total) {
        JsonNode counts = job.get("counts");
        int sum = 0;
        for (String state : List.of("queued", "running", "waiting", "succeeded", "failed", "canceled"))
            sum += counts.get(state).asInt();
        assertThat(counts.get("total").asInt()).isEqualTo(total);
        assertThat(sum).as("every item counted, the held ones QUEUED").isEqualTo(total);
    }

    private static List<String> eventTypes(Http api) {
        List<String> types = new ArrayList<>();
        for (WebhookReceiver.Received got : receiver.at("/" + api.hashCode()))
            types.add(String.valueOf(Json.map(got.body()).get("type")));
        return types;
    }

    @Test
    void thePilotRunsWaitsForApprovalThenContinueRunsTheRest() throws Exception {
        String user = "pilot-" + System.nanoTime();
        Http api = RealStack.as(user);
        Http other = RealStack.as(user + "-other");
        Http.Reply endpoint =
                api.post("/webhooks", "{\"url\":\"" + receiver.url("/" + api.hashCode()) + "\",\"default\":true}");
        assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
        String image = readyImage(api);
        String jobId = Flows.submit(api, withPilot(Flows.upscaleJob(Collections.nCopies(5, image), 2), "2"));

        JsonNode first = api.get("/jobs/" + jobId).json();
        assertCountsSum(first, 5);
        assertThat(first.get("pilot").get("size").asInt()).isEqualTo(2);
        assertThat(first.get("pilot").get("held").asBoolean()).isTrue();
        assertThat(first.get("pilot").get("restEstimatedCost").get("basis").asText())
                .contains("3 tasks after the pilot");

        JsonNode awaiting = Flows.awaitJob(api, jobId, "AWAITING_APPROVAL"::equals);
        assertThat(awaiting.get("counts").get("succeeded").asInt()).isEqualTo(2);
        assertThat(awaiting.get("counts").get("queued").asInt()).isEqualTo(3);
        assertThat(awaiting.get("completedAt").isNull()).isTrue();
        JsonNode tasks = api.get("/jobs/" + jobId + "/tasks").json().get("tasks");
        assertThat(tasks)
                .hasSize(2)
                .allMatch(task -> "SUCCEEDED".equals(task.get("status").asText()));
        assertThat(api.get("/jobs?status=AWAITING_APPROVAL").json().get("jobs"))
                .extracting(job -> job.get("jobId").asText())
                .containsExactly(jobId);
        awaitEvent(api, "job.awaiting_approval");
        assertThat(eventTypes(api)).as("the pilot's end is not the job's").doesNotContain("job.completed");

        assertThat(other.post("/jobs/" + jobId + "/continue", "").status()).isEqualTo(404);
        Http.Reply continued = api.post("/jobs/" + jobId + "/continue", "");
        assertThat(continued.status()).as(continued.body()).isEqualTo(202);
        assertThat(continued.json().get("status").asText()).isEqualTo("RUNNING");
        assertThat(continued.json().get("pilot").get("held").asBoolean()).isFalse();
        Http.Reply again = api.post("/jobs/" + jobId + "/continue", "");
        assertThat(again.status()).isEqualTo(409);

        JsonNode done = Flows.awaitJob(api, jobId, "SUCCEEDED"::equals);
        assertCountsSum(done, 5);
        assertThat(api.get("/jobs/" + jobId + "/tasks").json().get("tasks")).hasSize(5);
        assertThat(api.get("/jobs/" + jobId + "/events").json().get("events"))
                .extracting(event -> event.get("type").asText())
                .contains("job.continued");
        awaitEvent(api, "job.completed");
        assertThat(eventTypes(api).stream().filter("job.completed"::equals)).hasSize(1);
    }

    private static void awaitEvent(Http api, String type) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!eventTypes(api).contains(type)) {
            if (System.nanoTime() > deadline) throw new AssertionError("no " + type + "; got " + eventTypes(api));
            Thread.sleep(100);
        }
    }

    @Test
    void aPilotThenCancelCancelsTheHeldRest() throws Exception {
        Http api = RealStack.as("pilot-cancel-" + System.nanoTime());
        String image = readyImage(api);
        String jobId = Flows.submit(api, withPilot(Flows.upscaleJob(Collections.nCopies(3, image), 2), "1"));
        Flows.awaitJob(api, jobId, "AWAITING_APPROVAL"::equals);

        assertThat(api.post("/jobs/" + jobId + "/cancel", "").status()).isEqualTo(202);
        JsonNode ended = Flows.awaitJob(api, jobId, "PARTIAL"::equals);
        assertThat(ended.get("counts").get("succeeded").asInt()).isEqualTo(1);
        assertThat(ended.get("counts").get("canceled").asInt()).isEqualTo(2);
        assertCountsSum(ended, 3);
        assertThat(new java.math.BigDecimal(ended.get("cost").get("amount").asText()))
                .as("only the pilot was paid for")
                .isPositive();
        assertThat(api.post("/jobs/" + jobId + "/continue", "").status()).isEqualTo(409);
    }

    @Test
    void aFanOutSizedJobHoldsItsRestAndContinueFansItOut() throws Exception {
        Http api = RealStack.as("pilot-large-" + System.nanoTime());
        String image = readyImage(api);
        int items = 120; // over JobService.FAN_OUT_ABOVE
        String jobId = Flows.submit(api, withPilot(Flows.upscaleJob(Collections.nCopies(items, image), 2), "3"));
        assertCountsSum(api.get("/jobs/" + jobId).json(), items);

        JsonNode awaiting = Flows.awaitJob(api, jobId, "AWAITING_APPROVAL"::equals);
        assertThat(awaiting.get("counts").get("succeeded").asInt()).isEqualTo(3);
        assertThat(awaiting.get("counts").get("queued").asInt()).isEqualTo(items - 3);
        assertThat(api.get("/jobs/" + jobId + "/tasks").json().get("tasks")).hasSize(3);

        assertThat(api.post("/jobs/" + jobId + "/continue", "").status()).isEqualTo(202);
        JsonNode done = Flows.await(
                api,
                "/jobs/" + jobId,
                job -> "SUCCEEDED".equals(job.get("status").asText()),
                Duration.ofMinutes(3));
        assertCountsSum(done, items);
        assertThat(done.get("counts").get("succeeded").asInt()).isEqualTo(items);
    }

    @Test
    void aPilotOutsideOneToItemsLessOneOrNotAWholeNumberIsA400NamingIt() throws Exception {
        Http api = RealStack.as("pilot-bad-" + System.nanoTime());
        String image = readyImage(api);
        String job = Flows.upscaleJob(Collections.nCopies(3, image), 2);
        for (String pilot : List.of("0", "-2", "3", "4", "1.5", "\"2\"", "true", "{}")) {
            Http.Reply reply = api.post("/jobs", withPilot(job, pilot));
            assertThat(reply.status()).as(pilot + ": " + reply.body()).isEqualTo(400);
            assertThat(reply.problemField()).as(pilot).isEqualTo("pilot");
        }
        Http.Reply dryRun = api.post("/jobs", withPilot(job, "3").replaceFirst("\\{", "{\"dryRun\":true,"));
        assertThat(dryRun.problemField()).isEqualTo("pilot");
        assertThat(api.get("/jobs").json().get("jobs"))
                .as("nothing was created")
                .isEmpty();
        String plain = Flows.submit(api, job);
        assertThat(api.post("/jobs/" + plain + "/continue", "").status()).isEqualTo(409);
        assertThat(api.post("/jobs/job_01JD8Z7A1B2C3D4E5F6G7H8J9K/continue", "").status())
                .isEqualTo(404);
    }
}
