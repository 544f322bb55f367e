package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A dry run says what a job would cost and creates nothing; the job then records its estimate and what it spent. */
class EstimatesTest {
    @Test
    void aDryRunCreatesNothingAndTheRealJobRecordsEstimateAndCost() throws Exception {
        Http api = RealStack.as("estimates-" + System.nanoTime());
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) files.put("e" + i + ".png", Flows.png(200 + i, 150));
        List<String> imageIds = Flows.upload(api, files, "image/png");
        for (String id : imageIds) Flows.awaitImage(api, id, "READY"::equals);
        String job = Flows.upscaleJob(imageIds, 2);

        Http.Reply dry = api.post("/jobs", job.replaceFirst("\\{", "{\"dryRun\":true,"));
        assertThat(dry.status()).isEqualTo(200);
        JsonNode estimate = dry.json();
        assertThat(estimate.get("tasks").asInt()).isEqualTo(3);
        BigDecimal total =
                new BigDecimal(estimate.get("estimatedCost").get("amount").asText());
        assertThat(total).isPositive();
        assertThat(estimate.get("providers").get("local").get("amount").asText())
                .isEqualTo(estimate.get("estimatedCost").get("amount").asText());
        assertThat(api.get("/jobs").json().get("jobs"))
                .as("a dry run creates nothing")
                .isEmpty();
        assertThat(api.post("/jobs", job.replaceFirst("\\{", "{\"dryRun\":\"yes\","))
                        .problemField())
                .isEqualTo("dryRun");

        String jobId = Flows.submit(api, job);
        JsonNode done = Flows.awaitJob(api, jobId, "SUCCEEDED"::equals);
        assertThat(new BigDecimal(done.get("estimatedCost").get("amount").asText()))
                .isEqualByComparingTo(total);
        BigDecimal spent = new BigDecimal(done.get("cost").get("amount").asText());
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode task : api.get("/jobs/" + jobId + "/tasks").json().get("tasks"))
            sum = sum.add(new BigDecimal(task.get("cost").get("amount").asText()));
        assertThat(spent).isPositive().isEqualByComparingTo(sum);
        System.out.printf(
                "estimate %s vs spent %s (%s) for 3 local upscales%n",
                total, spent, done.get("cost").get("currency").asText());
    }
}
