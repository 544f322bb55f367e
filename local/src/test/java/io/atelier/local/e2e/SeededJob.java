package io.atelier.local.e2e;

import io.atelier.local.AtelierLocal;
import io.atelier.model.Counts;
import io.atelier.model.Ids;
import io.atelier.model.Job;
import io.atelier.model.Keys;
import io.atelier.model.Step;
import io.atelier.model.Task;
import io.atelier.model.TaskInput;
import io.atelier.model.TaskOutput;
import io.atelier.model.TaskStatus;
import io.atelier.store.TaskTransition;
import io.atelier.store.dynamodb.DynamoJobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A job of many tasks written straight into the local stack's table (no worker runs them), task i named
 * {@code sku-%04d.png} (or {@code %03d} under 1,000 tasks), all queued; the test moves them on through the store's
 * own transitions, which write the job's counts and its log as the worker's do.
 */
final class SeededJob {
    final String owner;
    final String jobId;
    final List<Task> tasks;
    private final DynamoJobStore store;
    private final TaskOutput output;

    private SeededJob(String owner, String jobId, List<Task> tasks, DynamoJobStore store, TaskOutput output) {
        this.owner = owner;
        this.jobId = jobId;
        this.tasks = tasks;
        this.store = store;
        this.output = output;
    }

    /** {@code count} queued tasks over one uploaded image of {@code owner}'s (its preview serves every card). */
    static SeededJob create(String owner, String imageId, String name, int count) throws Exception {
        AtelierLocal local = RealStack.get();
        DynamoJobStore store =
                new DynamoJobStore(local.aws().dynamo(), local.tableName("AtelierTable"), Duration.ofDays(1));
        Instant now = Instant.now();
        String jobId = Ids.job();
        Job job = new Job(
                owner,
                jobId,
                name,
                List.of(new Step("upscale", "local", null, null, Map.of("factor", 2))),
                false,
                Counts.allQueued(count),
                false,
                now,
                now);
        String format = count > 1000 ? "sku-%04d.png" : "sku-%03d.png";
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++)
            tasks.add(Task.queued(
                    owner,
                    jobId,
                    Ids.task(),
                    new Task.Work(
                            "c" + i,
                            new TaskInput(
                                    imageId,
                                    String.format(format, i),
                                    Keys.upload(owner, imageId),
                                    "image/png",
                                    64,
                                    48,
                                    Keys.preview(owner, imageId)),
                            null,
                            Map.of("factor", 2),
                            now)));
        store.create(job, tasks, null);
        TaskOutput output =
                new TaskOutput(Keys.upload(owner, imageId), "image/png", 64, 48, 1000, Keys.preview(owner, imageId));
        return new SeededJob(owner, jobId, tasks, store, output);
    }

    void start(int i) {
        Instant now = Instant.now();
        store.transition(
                TaskTransition.of(owner, jobId, tasks.get(i).taskId(), TaskStatus.QUEUED, 1, TaskStatus.RUNNING, now)
                        .countRun()
                        .lease(now.plusSeconds(600))
                        .started(now)
                        .build());
    }

    /** Running → succeeded, with the image itself as its result. */
    void succeed(int i) {
        Instant now = Instant.now();
        store.transition(
                TaskTransition.of(owner, jobId, tasks.get(i).taskId(), TaskStatus.RUNNING, 1, TaskStatus.SUCCEEDED, now)
                        .output(output)
                        .finished(now, 10L)
                        .build());
    }

    void cancel(int i) {
        Instant now = Instant.now();
        store.transition(
                TaskTransition.of(owner, jobId, tasks.get(i).taskId(), TaskStatus.QUEUED, 1, TaskStatus.CANCELED, now)
                        .finished(now, null)
                        .build());
    }
}
