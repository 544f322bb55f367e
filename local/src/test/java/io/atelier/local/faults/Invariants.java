package io.atelier.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What must hold once a job has settled, whatever the faults: every task terminal; the job's counts equal the tasks'
 * states and sum to the total; each SUCCEEDED task has exactly one result object and nothing else has any; the event
 * log replays, task by task, to exactly the final states and counts. Each finding is a sentence; none is the goal.
 */
final class Invariants {
    private static final List<String> STATES =
            List.of("QUEUED", "RUNNING", "WAITING", "SUCCEEDED", "FAILED", "CANCELED");

    private Invariants() {}

    static List<String> check(FaultApi api, S3Client s3, String bucket, String owner, String jobId) {
        List<String> violations = new ArrayList<>();
        JsonNode job = api.get("/jobs/" + jobId).json();
        List<JsonNode> tasks = api.all("/jobs/" + jobId + "/tasks", "tasks");
        List<JsonNode> events = api.all("/jobs/" + jobId + "/events", "events");

        // 1. All tasks terminal; 2. counts equal the tasks' states and sum to the total.
        Map<String, Integer> tally = new HashMap<>();
        Map<String, String> finalState = new LinkedHashMap<>();
        for (JsonNode task : tasks) {
            String state = task.get("status").asText();
            finalState.put(task.get("taskId").asText(), state);
            tally.merge(state, 1, Integer::sum);
            if (!List.of("SUCCEEDED", "FAILED", "CANCELED").contains(state))
                violations.add("task " + task.get("taskId").asText() + " is not terminal: " + state);
        }
        JsonNode counts = job.get("counts");
        int sum = 0;
        for (String state : STATES) {
            int count = counts.get(state.toLowerCase(Locale.ROOT)).asInt();
            sum += count;
            if (count != tally.getOrDefault(state, 0))
                violations.add("count " + state + " is " + count + " but " + tally.getOrDefault(state, 0)
                        + " tasks are " + state);
        }
        int total = counts.get("total").asInt();
        if (sum != total) violations.add("counts sum to " + sum + ", total is " + total);
        if (tasks.size() != total) violations.add(tasks.size() + " tasks listed, total is " + total);

        // 3. One result object (and at most one preview) per SUCCEEDED task, none for any other (nor for unknown
        // tasks).
        Map<String, List<String>> objects = new HashMap<>();
        Map<String, List<String>> previews = new HashMap<>();
        String prefix = "results/" + owner + "/" + jobId + "/";
        for (S3Object object :
                s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            if (object.key().endsWith("/")) continue; // the emulator's file store lists its folders; S3 has none
            String taskId = object.key().substring(prefix.length()).split("/")[0];
            (object.key().endsWith("/thumb.jpg") ? previews : objects)
                    .computeIfAbsent(taskId, k -> new ArrayList<>())
                    .add(object.key());
        }
        previews.keySet().stream()
                .filter(id -> !"SUCCEEDED".equals(finalState.get(id)))
                .forEach(id -> violations.add("task " + id + " is " + finalState.get(id) + " but left a preview"));
        for (JsonNode task : tasks) {
            String taskId = task.get("taskId").asText();
            int found = objects.getOrDefault(taskId, List.of()).size();
            boolean succeeded = "SUCCEEDED".equals(task.get("status").asText());
            if (succeeded && found != 1)
                violations.add("SUCCEEDED task " + taskId + " has " + found + " result objects");
            if (succeeded && task.get("output").isNull()) violations.add("SUCCEEDED task " + taskId + " has no output");
            if (!succeeded && found != 0)
                violations.add(task.get("status").asText() + " task " + taskId + " left " + found + " result objects");
            if (!succeeded && !task.get("output").isNull())
                violations.add(task.get("status").asText() + " task " + taskId + " has an output");
        }
        objects.keySet().stream()
                .filter(id -> !finalState.containsKey(id))
                .forEach(id -> violations.add("result object of unknown task " + id));

        // 4. Events: submitted first; per task a chain QUEUED → … → its final state; replayed counts equal the job's.
        if (events.isEmpty()
                || !"job.submitted".equals(events.get(0).get("type").asText()))
            violations.add("the log does not start with job.submitted");
        Map<String, String> replayed = new HashMap<>();
        finalState.keySet().forEach(id -> replayed.put(id, "QUEUED"));
        for (JsonNode event : events) {
            if (event.get("taskId").isNull() || event.get("from").isNull()) continue; // job-level
            String taskId = event.get("taskId").asText();
            String before = replayed.get(taskId);
            if (before == null) {
                violations.add("event for unknown task " + taskId);
                continue;
            }
            if (!before.equals(event.get("from").asText()))
                violations.add(
                        "event moves " + taskId + " from " + event.get("from").asText() + " but it was " + before);
            replayed.put(taskId, event.get("to").asText());
        }
        Map<String, Integer> replayedTally = new HashMap<>();
        replayed.forEach((taskId, state) -> {
            replayedTally.merge(state, 1, Integer::sum);
            if (!state.equals(finalState.get(taskId)))
                violations.add("the log ends task " + taskId + " " + state + " but it is " + finalState.get(taskId));
        });
        for (String state : STATES) {
            if (!replayedTally
                    .getOrDefault(state, 0)
                    .equals(counts.get(state.toLowerCase(Locale.ROOT)).asInt()))
                violations.add(
                        "the log replays to " + replayedTally.getOrDefault(state, 0) + " " + state + ", the job counts "
                                + counts.get(state.toLowerCase(Locale.ROOT)).asInt());
        }
        return violations;
    }
}
