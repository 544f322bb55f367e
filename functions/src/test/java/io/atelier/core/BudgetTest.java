package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.atelier.json.Json;
import io.atelier.model.ErrorCode;
import io.atelier.model.Job;
import io.atelier.model.JobEvent;
import io.atelier.model.JobStatus;
import io.atelier.model.Task;
import io.atelier.model.TaskMessage;
import io.atelier.model.TaskStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A job's budget: tasks that would go over it end canceled with budget_exceeded, and a higher budget runs them. */
class BudgetTest {
    private static final Duration LEASE = Duration.ofMinutes(2);
    private final CoreFixture fx = new CoreFixture();

    private String budgeted(String budget, String... images) {
        String job = CoreFixture.upscaleJob(images);
        return job.substring(0, job.length() - 1) + ",\"budget\":" + budget + "}";
    }

    @Test
    void tasksOverTheBudgetEndCanceledAndARaisedBudgetRunsThem() throws Exception {
        String[] images = {
            fx.readyImage("alice", 20, 10), fx.readyImage("alice", 20, 10), fx.readyImage("alice", 20, 10)
        };
        // Each local upscale is estimated at about 0.0002 USD: a budget of 0.0001 holds none of them.
        Job job = fx.submit("alice", budgeted("{\"amount\":\"0.0001\",\"currency\":\"USD\"}", images));
        assertThat(job.spend().budget()).isEqualByComparingTo("0.0001");
        runAll();
        List<Task> tasks = fx.jobs.allTasks(job.jobId());
        assertThat(tasks).allSatisfy(task -> {
            assertThat(task.status()).isEqualTo(TaskStatus.CANCELED);
            assertThat(task.error().code()).isEqualTo(ErrorCode.BUDGET_EXCEEDED);
            assertThat(task.error().message()).contains("over its budget of 0.0001");
        });
        Job stopped = fx.jobService().get("alice", job.jobId());
        assertThat(stopped.status()).isEqualTo(JobStatus.CANCELED);
        assertThat(stopped.spend().committed()).isEqualByComparingTo("0");
        assertThat(fx.jobs.events(job.jobId())).extracting(JobEvent::type).contains(JobEvent.BUDGET_EXCEEDED);

        Job raised = fx.jobService()
                .changeBudget("alice", job.jobId(), Json.tree("{\"budget\":{\"amount\":\"1\",\"currency\":\"USD\"}}"));
        assertThat(raised.spend().budget()).isEqualByComparingTo("1");
        assertThat(raised.counts().queued()).isEqualTo(3);
        runAll();
        Job done = fx.jobService().get("alice", job.jobId());
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.spend().spent()).isPositive().isLessThanOrEqualTo(new BigDecimal("1"));
        assertThat(done.spend().committed()).isEqualByComparingTo(done.spend().spent());
        assertThat(fx.jobs.events(job.jobId())).extracting(JobEvent::type).contains(JobEvent.BUDGET_CHANGED);
    }

    @Test
    void aDryRunSaysHowManyTasksTheBudgetHolds() throws Exception {
        String[] images = {
            fx.readyImage("alice", 20, 10), fx.readyImage("alice", 20, 10), fx.readyImage("alice", 20, 10)
        };
        var run = fx.jobService()
                .dryRun("alice", Json.tree(budgeted("{\"amount\":\"0.0005\",\"currency\":\"USD\"}", images)));
        BigDecimal each = run.estimate().total().amount().divide(BigDecimal.valueOf(3));
        assertThat(each.multiply(BigDecimal.valueOf(2)))
                .as("two local upscales fit in 0.0005, three do not")
                .isLessThanOrEqualTo(new BigDecimal("0.0005"));
        assertThat(run.refused()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("budget");
            assertThat(e.message()).contains("holds the estimates of 2 of 3 tasks");
        });
        assertThat(fx.jobService()
                        .dryRun("alice", Json.tree(budgeted("{\"amount\":\"1\",\"currency\":\"USD\"}", images)))
                        .refused())
                .isEmpty();
        assertThat(fx.queue.sent).isEmpty();
    }

    @Test
    void aJobWithoutABudgetRunsAsBefore() throws Exception {
        Job job = fx.submit("alice", CoreFixture.upscaleJob(fx.readyImage("alice", 20, 10)));
        assertThat(job.spend().budget()).isNull();
        runAll();
        assertThat(fx.jobService().get("alice", job.jobId()).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"amount\":\"-1\",\"currency\":\"USD\"}",
                "{\"amount\":\"0\",\"currency\":\"USD\"}",
                "{\"amount\":\"100000000\",\"currency\":\"USD\"}",
                "{\"amount\":\"5\",\"currency\":\"EUR\"}",
                "{\"amount\":2.5,\"currency\":\"USD\"}",
                "{\"amount\":\"1e3\",\"currency\":\"USD\"}",
                "\"10\"",
                "{\"currency\":\"USD\"}",
                "{\"amount\":\"0.0000001\",\"currency\":\"USD\"}"
            })
    void aBadBudgetIsA400NamingIt(String budget) {
        String image = fx.readyImage("alice", 20, 10);
        InvalidRequestException problem = catchThrowableOfType(
                InvalidRequestException.class,
                () -> fx.jobService().submit("alice", Json.tree(budgeted(budget, image)), Optional.empty()));
        assertThat(problem.errors())
                .singleElement()
                .satisfies(e -> assertThat(e.field()).startsWith("budget"));
        assertThat(fx.queue.sent).isEmpty();
        InvalidRequestException dryRun = catchThrowableOfType(
                InvalidRequestException.class,
                () -> fx.jobService().dryRun("alice", Json.tree(budgeted(budget, image))));
        assertThat(dryRun.errors())
                .singleElement()
                .satisfies(e -> assertThat(e.field()).startsWith("budget"));
    }

    @Test
    void aNewBudgetIsRequiredAndCheckedAndAnotherUsersJobIsUnknown() throws Exception {
        Job job = fx.submit("alice", CoreFixture.upscaleJob(fx.readyImage("alice", 20, 10)));
        InvalidRequestException missing = catchThrowableOfType(
                InvalidRequestException.class,
                () -> fx.jobService().changeBudget("alice", job.jobId(), Json.tree("{}")));
        assertThat(missing.errors())
                .singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("budget"));
        InvalidRequestException negative = catchThrowableOfType(
                InvalidRequestException.class,
                () -> fx.jobService()
                        .changeBudget(
                                "alice",
                                job.jobId(),
                                Json.tree("{\"budget\":{\"amount\":\"-3\",\"currency\":\"USD\"}}")));
        assertThat(negative.errors())
                .singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("budget.amount"));
        NotFoundException foreign = catchThrowableOfType(
                NotFoundException.class,
                () -> fx.jobService()
                        .changeBudget(
                                "bob", job.jobId(), Json.tree("{\"budget\":{\"amount\":\"3\",\"currency\":\"USD\"}}")));
        assertThat(foreign).isNotNull();
    }

    /** Delivers every message sent so far, and those they send, until none is left. */
    private void runAll() {
        for (int i = 0; i < 100; i++) {
            List<TaskMessage> batch;
            synchronized (fx.queue) {
                batch = new ArrayList<>(fx.queue.sent);
                fx.queue.sent.clear();
            }
            if (batch.isEmpty()) return;
            for (TaskMessage message : batch) fx.runner().run(message, LEASE);
        }
    }
}
