package io.atelier.core;

import static io.atelier.metrics.EmfShape.find;
import static io.atelier.metrics.EmfShape.points;
import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.fakes.ScriptedProvider;
import io.atelier.metrics.EmfShape.Point;
import io.atelier.metrics.Metrics;
import io.atelier.model.ErrorCode;
import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.model.Job;
import io.atelier.model.Task;
import io.atelier.model.TaskStatus;
import io.atelier.pricing.CostEstimator;
import io.atelier.pricing.PriceTable;
import io.atelier.store.TaskTransition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The EMF lines the worker, the upload check and the sweeper write, read back as CloudWatch reads them. */
class PipelineMetricsTest {
    private static final Duration LEASE = Duration.ofMinutes(2);
    private final CoreFixture fx = new CoreFixture();
    private final List<String> lines = new ArrayList<>();
    private final Metrics metrics = new Metrics(lines::add, () -> fx.now.toEpochMilli());

    private TaskRunner runner() {
        return new TaskRunner(
                fx.jobs,
                fx.blobs,
                fx.queue,
                fx.providers,
                fx.limits,
                fx.clock,
                fx.slots,
                Delays.DEFAULTS,
                new CostEstimator(PriceTable.defaults()),
                metrics);
    }

    @Test
    void aSucceededTaskCountsItsOutcomeLatencyQueueWaitAndSpend() throws Exception {
        fx.submit("alice", CoreFixture.upscaleJob(fx.readyImage("alice", 20, 10)));
        fx.now = fx.now.plusSeconds(3); // three seconds in the queue
        runner().run(fx.queue.sent.get(0), LEASE);
        List<Point> points = points(lines);

        Point outcome = find(points, "Tasks", List.of("Provider", "Operation", "Status", "ErrorCode"));
        assertThat(outcome.values()).containsExactly("local", "upscale", "SUCCEEDED", "none");
        assertThat(outcome.value()).isEqualTo(1);
        assertThat(outcome.document().get("_aws").get("Timestamp").asLong()).isEqualTo(fx.now.toEpochMilli());
        assertThat(outcome.document().get("jobId").asText()).startsWith("job_");
        assertThat(find(points, "TasksFailed", List.of("Provider")).value()).isZero();
        assertThat(find(points, "Tasks", List.of("Provider")).values()).containsExactly("local");

        Point latency = find(points, "ProviderLatency", List.of("Provider", "Operation"));
        assertThat(latency.values()).containsExactly("local", "upscale");
        assertThat(latency.document().get("outcome").asText()).isEqualTo("done");
        Point wait = find(points, "QueueWait", List.of("Provider"));
        assertThat(wait.value()).isEqualTo(3000);
        Point spend = find(points, "Spend", List.of("Provider", "Currency"));
        assertThat(spend.values()).containsExactly("local", "USD");
        assertThat(spend.value()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aTaskThatFailsOnItsProvidersKeyCountsAsFailedUnderThatProviderAndErrorCode() throws Exception {
        ScriptedProvider provider = new ScriptedProvider();
        fx.addProvider(provider);
        provider.faults.add(ErrorCode.PROVIDER_AUTH);
        fx.submit(
                "alice",
                "{\"operation\":\"edit\",\"provider\":\"scripted\",\"prompt\":\"p\",\"items\":[{\"imageId\":\""
                        + fx.readyImage("alice", 8, 8) + "\"}]}");
        runner().run(fx.queue.sent.get(0), LEASE);
        List<Point> points = points(lines);

        assertThat(find(points, "Tasks", List.of("Provider", "Operation", "Status", "ErrorCode"))
                        .values())
                .containsExactly("scripted", "edit", "FAILED", "provider_auth");
        Point failed = find(points, "TasksFailed", List.of("Provider"));
        assertThat(failed.values()).containsExactly("scripted");
        assertThat(failed.value()).isEqualTo(1);
        assertThat(find(points, "ProviderLatency", List.of("Provider", "Operation"))
                        .document()
                        .get("outcome")
                        .asText())
                .isEqualTo("error");
        assertThat(points).noneMatch(point -> point.name().equals("Spend"));
    }

    @Test
    void uploadsCheckedAndRejectedAreCounted() throws Exception {
        UploadCheck check = new UploadCheck(fx.images, fx.blobs, fx.clock, metrics);
        ImageRecord pending = new ImageRecord(
                "alice",
                io.atelier.model.Ids.image(),
                "c.png",
                ImageStatus.PENDING,
                "image/png",
                1,
                null,
                null,
                null,
                null,
                fx.now,
                fx.now,
                null);
        fx.images.put(pending);
        byte[] notAnImage = "hello, this is not a picture".getBytes();
        fx.blobs.objects.put(pending.objectKey(), notAnImage);
        check.objectCreated(pending.objectKey(), notAnImage.length);

        List<Point> points = points(lines);
        assertThat(find(points, "ImagesChecked", List.of()).value()).isEqualTo(1);
        Point rejected = find(points, "ImagesRejected", List.of());
        assertThat(rejected.value()).isEqualTo(1);
        assertThat(rejected.document().get("imageId").asText()).isEqualTo(pending.imageId());
        assertThat(rejected.document().get("reason").asText()).isNotBlank();
    }

    @Test
    void theSweepersRescuesAreCounted() throws Exception {
        Job job = fx.submit("alice", CoreFixture.upscaleJob(fx.readyImage("alice", 20, 10)));
        Task task = fx.jobs.allTasks(job.jobId()).get(0);
        // Its worker claimed it and died: the lease runs out.
        fx.jobs.transition(
                TaskTransition.of("alice", job.jobId(), task.taskId(), TaskStatus.QUEUED, 1, TaskStatus.RUNNING, fx.now)
                        .countRun()
                        .lease(fx.now.plus(LEASE))
                        .build());
        fx.now = fx.now.plus(LEASE).plusSeconds(1);
        new Sweeper(fx.jobs, fx.queue, fx.limits, Delays.DEFAULTS, fx.clock, metrics).sweep();

        List<Point> points = points(lines);
        assertThat(find(points, "SweeperRequeued", List.of()).value()).isEqualTo(1);
        assertThat(find(points, "SweeperFailed", List.of()).value()).isZero();
        assertThat(find(points, "SweeperRequeued", List.of())
                        .document()
                        .get("examined")
                        .asInt())
                .isEqualTo(1);
    }
}
