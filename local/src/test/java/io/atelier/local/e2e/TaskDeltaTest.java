package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A client that loads a job's tasks once and then follows only the log ({@code events?since=}) and the tasks it names
 * ({@code tasks?ids=}) ends with exactly what a full listing shows, through a run, a cancel and a retry.
 */
class TaskDeltaTest {
    /** How far before the newest entry seen each read starts again: entries committed late still fall inside it. */
    private static final long OVERLAP_MS = 5000;

    @Test
    void followingTheLogMissesNoChange() throws Exception {
        Http api = RealStack.as("delta-" + System.nanoTime());
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) files.put("d" + i + ".png", Flows.png(500 + i, 300));
        List<String> imageIds = Flows.upload(api, files, "image/png");
        for (String id : imageIds) Flows.awaitImage(api, id, "READY"::equals);
        String jobId = Flows.submit(api, Flows.upscaleJob(imageIds, 4));

        Follower follower = new Follower(api, jobId);
        follower.loadAll();
        assertThat(api.post("/jobs/" + jobId + "/cancel", "{}").status()).isEqualTo(202);
        Flows.awaitJob(
                api, jobId, s -> List.of("CANCELED", "PARTIAL", "SUCCEEDED").contains(s));
        follower.followOnce();
        assertThat(api.post("/jobs/" + jobId + "/retry", "{}").status()).isEqualTo(202);
        while (!"SUCCEEDED"
                .equals(api.get("/jobs/" + jobId).json().get("status").asText())) {
            follower.followOnce();
            Thread.sleep(150);
        }
        follower.followOnce();

        Map<String, String> full = new HashMap<>();
        for (JsonNode task :
                api.get("/jobs/" + jobId + "/tasks?limit=200").json().get("tasks"))
            full.put(task.get("taskId").asText(), state(task));
        assertThat(follower.tasks).isEqualTo(full);
        assertThat(full.values()).allMatch(s -> s.startsWith("SUCCEEDED"));
        assertThat(follower.fetchedByIds).as("changed tasks were fetched by id").isPositive();
    }

    @Test
    void badIdsAndTimesAreNamedAndOtherJobsStayHidden() throws Exception {
        Http api = RealStack.as("delta-bad-" + System.nanoTime());
        List<String> imageIds = Flows.upload(api, Map.of("one.png", Flows.png(40, 40)), "image/png");
        Flows.awaitImage(api, imageIds.get(0), "READY"::equals);
        String jobId = Flows.submit(api, Flows.upscaleJob(imageIds, 2));
        String taskId = api.get("/jobs/" + jobId + "/tasks")
                .json()
                .get("tasks")
                .get(0)
                .get("taskId")
                .asText();

        assertThat(api.get("/jobs/" + jobId + "/tasks?ids=nope").problemField()).isEqualTo("ids");
        assertThat(api.get("/jobs/" + jobId + "/tasks?ids=" + String.join(",", manyIds(101)))
                        .problemField())
                .isEqualTo("ids");
        assertThat(api.get("/jobs/" + jobId + "/events?since=yesterday").problemField())
                .isEqualTo("since");
        assertThat(api.get("/jobs/" + jobId + "/tasks?ids=" + taskId + ","
                                + manyIds(1).get(0))
                        .json()
                        .get("tasks"))
                .extracting(t -> t.get("taskId").asText())
                .containsExactly(taskId);

        Http other = RealStack.as("delta-other-" + System.nanoTime());
        assertThat(other.get("/jobs/" + jobId + "/tasks?ids=" + taskId).status())
                .isEqualTo(404);
        assertThat(other.get("/jobs/" + jobId + "/events?since=2026-01-01T00:00:00Z")
                        .status())
                .isEqualTo(404);
    }

    private static List<String> manyIds(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++)
            ids.add("tsk_01JD8Z7B1C2D3E4F5G6H7J" + String.format("%04d", i).replace('0', 'A'));
        return ids;
    }

    private static String state(JsonNode task) {
        return task.get("status").asText() + "/" + task.get("attempts").asInt() + "/"
                + task.get("output").isNull();
    }

    /** What the web app's job view does, in Java: a full load once, then the log since the last entry seen. */
    private static final class Follower {
        final Http api;
        final String jobId;
        final Map<String, String> tasks = new HashMap<>();
        final Set<String> seenEvents = new HashSet<>();
        Instant newest = Instant.EPOCH;
        int fetchedByIds;

        Follower(Http api, String jobId) {
            this.api = api;
            this.jobId = jobId;
        }

        void loadAll() {
            for (JsonNode event : read("/jobs/" + jobId + "/events?limit=200")) see(event);
            for (JsonNode task :
                    api.get("/jobs/" + jobId + "/tasks?limit=200").json().get("tasks"))
                tasks.put(task.get("taskId").asText(), state(task));
        }

        void followOnce() {
            Set<String> changed = new HashSet<>();
            String since = newest.minusMillis(OVERLAP_MS).toString();
            for (JsonNode event : read("/jobs/" + jobId + "/events?limit=50&since=" + since)) {
                if (see(event) && event.hasNonNull("taskId"))
                    changed.add(event.get("taskId").asText());
            }
            if (changed.isEmpty()) return;
            for (JsonNode task : api.get("/jobs/" + jobId + "/tasks?ids=" + String.join(",", changed))
                    .json()
                    .get("tasks")) {
                tasks.put(task.get("taskId").asText(), state(task));
                fetchedByIds++;
            }
        }

        private boolean see(JsonNode event) {
            Instant at = Instant.parse(event.get("at").asText());
            if (at.isAfter(newest)) newest = at;
            return seenEvents.add(event.get("eventId").asText());
        }

        private List<JsonNode> read(String path) {
            List<JsonNode> all = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = api.get(path + (cursor == null ? "" : "&cursor=" + cursor))
                        .json();
                page.get("events").forEach(all::add);
                cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
            } while (cursor != null);
            return all;
        }
    }
}
