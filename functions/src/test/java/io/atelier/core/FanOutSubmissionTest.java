package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.json.Json;
import io.atelier.model.Counts;
import io.atelier.model.FanOutMessage;
import io.atelier.model.Job;
import io.atelier.model.Task;
import io.atelier.model.TaskMessage;
import io.atelier.model.TaskStatus;
import io.atelier.pricing.CostEstimator;
import io.atelier.pricing.PriceTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Large jobs are answered once stored with their task list; the fan-out then makes and queues their tasks. */
class FanOutSubmissionTest {
    private final CoreFixture fx = new CoreFixture();
    private final List<FanOutMessage> fanOuts = new ArrayList<>();

    private JobService service() {
        return fx.jobService(fanOuts::add);
    }

    private Job submit(int items) throws Exception {
        String[] ids = new String[items];
        for (int i = 0; i < items; i++) ids[i] = fx.readyImage("alice", 8, 8);
        return service().submit("alice", Json.tree(CoreFixture.upscaleJob(ids)), Optional.empty());
    }

    @Test
    void aLargeJobIsStoredWithItsListAndCountedAtOnceItsTasksMadeByTheFanOut() throws Exception {
        int n = JobService.FAN_OUT_ABOVE + 50;
        Job job = submit(n);

        assertThat(fanOuts).containsExactly(FanOutMessage.of("alice", job.jobId()));
        assertThat(fx.jobs.allTasks(job.jobId()))
                .as("no task yet: the answer did not wait for them")
                .isEmpty();
        assertThat(fx.queue.sent).isEmpty();
        Job polled = service().get("alice", job.jobId());
        assertThat(polled.counts()).as("exact from the first poll").isEqualTo(Counts.allQueued(n));
        assertThat(polled.spend()).isEqualTo(job.spend());

        FanOut.Result result = new FanOut(fx.jobs, fx.queue, fx.clock).run(fanOuts.get(0));
        assertThat(result).isEqualTo(new FanOut.Result(n, n, true));
        List<Task> tasks = fx.jobs.allTasks(job.jobId());
        assertThat(tasks).hasSize(n).allMatch(task -> task.status() == TaskStatus.QUEUED && task.estimate() != null);
        assertThat(tasks).extracting(task -> task.input().imageId()).doesNotHaveDuplicates();
        assertThat(fx.queue.sent)
                .extracting(TaskMessage::taskId)
                .containsExactlyElementsOf(tasks.stream().map(Task::taskId).toList());
        assertThat(service().get("alice", job.jobId()).counts()).isEqualTo(Counts.allQueued(n));
    }

    @Test
    void aLargeJobsTasksAreNamedAndCarryTheirSkuAsADirectJobsDo() throws Exception {
        int n = JobService.FAN_OUT_ABOVE + 1;
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < n; i++)
            items.append(i == 0 ? "" : ",")
                    .append("{\"imageId\":\"")
                    .append(fx.readyImage("alice", 8, 8))
                    .append("\",\"sku\":\"SKU-")
                    .append(i % 3)
                    .append("\"}");
        Job job = service()
                .submit(
                        "alice",
                        Json.tree("{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2},"
                                + "\"outputName\":\"{sku}/{n}.{ext}\",\"items\":[" + items + "]}"),
                        Optional.empty());

        new FanOut(fx.jobs, fx.queue, fx.clock).run(fanOuts.get(0));
        List<Task> tasks = fx.jobs.allTasks(job.jobId());
        assertThat(tasks).hasSize(n);
        assertThat(tasks)
                .extracting(Task::outputName)
                .contains("SKU-0/1", "SKU-1/2", "SKU-1/" + n)
                .doesNotContainNull();
        assertThat(tasks).extracting(task -> task.input().sku()).containsOnly("SKU-0", "SKU-1", "SKU-2");
    }

    @Test
    void aSmallJobStillHasItsTasksAtOnce() throws Exception {
        Job job = submit(3);
        assertThat(fanOuts).isEmpty();
        assertThat(fx.jobs.allTasks(job.jobId())).hasSize(3);
        assertThat(fx.queue.sent).hasSize(3);
    }

    @Test
    void aJobWhoseFanOutMessageIsLostIsStillAnsweredAndTheSweeperMakesItsTasks() throws Exception {
        JobService lossy = new JobService(
                fx.jobs,
                fx.images,
                fx.queue,
                fx.providers,
                fx.limits,
                fx.clock,
                new CostEstimator(PriceTable.defaults()),
                message -> {
                    throw new IllegalStateException("SQS is down");
                });
        String[] ids = new String[JobService.FAN_OUT_ABOVE + 1];
        for (int i = 0; i < ids.length; i++) ids[i] = fx.readyImage("alice", 8, 8);
        Job job = lossy.submit("alice", Json.tree(CoreFixture.upscaleJob(ids)), Optional.empty());
        assertThat(fx.jobs.allTasks(job.jobId())).isEmpty();

        Sweeper sweeper = new Sweeper(fx.jobs, fx.queue, fx.limits, Delays.DEFAULTS, fx.clock);
        assertThat(sweeper.sweep().fanOuts())
                .as("not before it counts as stalled")
                .isZero();
        fx.now = fx.now.plus(FanOut.STALL).plusSeconds(1);
        assertThat(sweeper.sweep().fanOuts()).isEqualTo(1);
        assertThat(fx.jobs.allTasks(job.jobId())).hasSize(ids.length);
        assertThat(fx.queue.sent).hasSize(ids.length);
    }
}
