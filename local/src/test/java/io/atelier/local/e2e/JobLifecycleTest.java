package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cancel and retry through the API: counts always sum to the total and always equal the tasks' own states. */
class JobLifecycleTest {
    enum State {
        QUEUED,
        RUNNING,
        WAITING,
        SUCCEEDED,
        FAILED,
        CANCELED
    }

    @Test
    void cancelThenRetryAccountsForEveryImage() throws Exception {
        Http api = RealStack.as("lifecycle-" + System.nanoTime());
        Map<String, byte[]> files = new LinkedHashMap<>();
        // Large enough (600×400 → 2400×1600) that twelve of them take far longer than the cancel request.
        for (int i = 0; i < 12; i++) files.put("p" + i + ".png", Flows.png(600 + i, 400));
        List<String> imageIds = Flows.upload(api, files, "image/png");
        for (String id : imageIds) Flows.awaitImage(api, id, "READY"::equals);

        String jobId = Flows.submit(api, Flows.upscaleJob(imageIds, 4));
        Http.Reply canceled = api.post("/jobs/" + jobId + "/cancel", "{}");
        assertThat(canceled.status()).isEqualTo(202);
        JsonNode ended = Flows.awaitJob(
                api, jobId, s -> List.of("CANCELED", "PARTIAL", "SUCCEEDED").contains(s));
        assertThat(ended.get("status").asText()).isIn("CANCELED", "PARTIAL");
        assertThat(ended.get("counts").get("canceled").asInt()).isPositive();
        assertCountsMatchTasks(api, jobId, ended);
        assertThat(api.post("/jobs/" + jobId + "/cancel", "{}").json().get("counts"))
                .isEqualTo(ended.get("counts"));

        Http.Reply retried = api.post("/jobs/" + jobId + "/retry", "{}");
        assertThat(retried.status()).isEqualTo(202);
        JsonNode done = Flows.awaitJob(api, jobId, "SUCCEEDED"::equals);
        assertThat(done.get("counts").get("succeeded").asInt()).isEqualTo(12);
        assertCountsMatchTasks(api, jobId, done);
    }

    private static void assertCountsMatchTasks(Http api, String jobId, JsonNode job) {
        Map<State, Integer> tally = new EnumMap<>(State.class);
        for (JsonNode task :
                api.get("/jobs/" + jobId + "/tasks?limit=200").json().get("tasks")) {
            State state = State.valueOf(task.get("status").asText());
            tally.merge(state, 1, Integer::sum);
            if (state == State.SUCCEEDED)
                assertThat(task.get("output").isNull()).isFalse();
            else assertThat(task.get("output").isNull()).isTrue();
        }
        JsonNode counts = job.get("counts");
        int sum = 0;
        for (State state : State.values()) {
            int count = counts.get(state.name().toLowerCase()).asInt();
            assertThat(count).as(state.name()).isEqualTo(tally.getOrDefault(state, 0));
            sum += count;
        }
        assertThat(sum).isEqualTo(counts.get("total").asInt()).isEqualTo(12);
    }
}
