package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A job's budget through the API: what it cannot afford ends budget_exceeded; PATCH raises it and the rest runs. */
class BudgetsTest {
    @Test
    void tasksOverTheBudgetStopAndARaisedBudgetRunsThem() throws Exception {
        Http api = RealStack.as("budgets-" + System.nanoTime());
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 2; i++) files.put("b" + i + ".png", Flows.png(120 + i, 90));
        List<String> imageIds = Flows.upload(api, files, "image/png");
        for (String id : imageIds) Flows.awaitImage(api, id, "READY"::equals);
        String job = Flows.upscaleJob(imageIds, 2);

        assertThat(api.post("/jobs", job.replaceFirst("\\{", "{\"budget\":{\"amount\":\"-1\",\"currency\":\"USD\"},"))
                        .problemField())
                .isEqualTo("budget.amount");
        assertThat(api.post("/jobs", job.replaceFirst("\\{", "{\"budget\":{\"amount\":\"5\",\"currency\":\"EUR\"},"))
                        .problemField())
                .isEqualTo("budget.currency");

        // A local upscale is estimated at about 0.0002 USD: this budget holds none.
        String jobId =
                Flows.submit(api, job.replaceFirst("\\{", "{\"budget\":{\"amount\":\"0.0001\",\"currency\":\"USD\"},"));
        JsonNode stopped = Flows.awaitJob(api, jobId, "CANCELED"::equals);
        assertThat(stopped.get("budget").get("amount").asText()).isEqualTo("0.0001");
        for (JsonNode task : api.get("/jobs/" + jobId + "/tasks").json().get("tasks"))
            assertThat(task.get("error").get("code").asText()).isEqualTo("budget_exceeded");

        assertThat(api.send("PATCH", "/jobs/" + jobId, "{\"budget\":{\"amount\":\"0\",\"currency\":\"USD\"}}", Map.of())
                        .problemField())
                .isEqualTo("budget.amount");
        assertThat(api.send(
                                "PATCH",
                                "/jobs/job_01JD8Z7A1B2C3D4E5F6G7H8J9K",
                                "{\"budget\":{\"amount\":\"1\",\"currency\":\"USD\"}}",
                                Map.of())
                        .status())
                .isEqualTo(404);
        Http.Reply raised = api.send(
                "PATCH", "/jobs/" + jobId, "{\"budget\":{\"amount\":\"0.50\",\"currency\":\"USD\"}}", Map.of());
        assertThat(raised.status()).isEqualTo(200);
        assertThat(raised.json().get("budget").get("amount").asText()).isEqualTo("0.5");
        JsonNode done = Flows.awaitJob(api, jobId, "SUCCEEDED"::equals);
        BigDecimal spent = new BigDecimal(done.get("cost").get("amount").asText());
        assertThat(spent).isPositive().isLessThanOrEqualTo(new BigDecimal("0.5"));
        assertThat(new BigDecimal(done.get("committedCost").get("amount").asText()))
                .isEqualByComparingTo(spent);
    }
}
