package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A job over the fan-out threshold through the real template: POST /jobs answers once the job and its list are stored,
 * the first poll already counts every item, and FanOutFunction (fed by its SQS queue) makes the tasks, which all run.
 */
class LargeJobFanOutTest {
    @Test
    void aLargeJobIsCountedFromTheFirstPollAndEveryTaskIsMadeOnceAndRuns() throws Exception {
        Http api = RealStack.as("fanout-" + System.nanoTime());
        List<String> uploaded = Flows.upload(api, Map.of("one.png", Flows.png(24, 16)), "image/png");
        Flows.awaitImage(api, uploaded.get(0), "READY"::equals);
        int items = 120; // over JobService.FAN_OUT_ABOVE: the fan-out's path
        String jobId = Flows.submit(api, Flows.upscaleJob(Collections.nCopies(items, uploaded.get(0)), 2));

        JsonNode counts = api.get("/jobs/" + jobId).json().get("counts");
        assertThat(counts.get("total").asInt()).isEqualTo(items);
        int sum = 0;
        for (String state : List.of("queued", "running", "waiting", "succeeded", "failed", "canceled"))
            sum += counts.get(state).asInt();
        assertThat(sum).as("every item counted at once").isEqualTo(items);

        Flows.await(
                api,
                "/jobs/" + jobId,
                job -> "SUCCEEDED".equals(job.get("status").asText()),
                Duration.ofMinutes(3));
        List<String> taskIds = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/jobs/" + jobId + "/tasks?limit=50" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            for (JsonNode task : page.get("tasks")) {
                assertThat(task.get("status").asText()).isEqualTo("SUCCEEDED");
                taskIds.add(task.get("taskId").asText());
            }
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        Set<String> distinct = new HashSet<>(taskIds);
        assertThat(taskIds).hasSize(items);
        assertThat(distinct).hasSize(items);
    }
}
