package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.atelier.json.Json;
import io.atelier.model.ErrorCode;
import io.atelier.model.Job;
import io.atelier.model.JobStatus;
import io.atelier.model.Task;
import io.atelier.model.TaskMessage;
import io.atelier.model.TaskStatus;
import io.atelier.plans.Plan;
import io.atelier.plans.Plans;
import io.atelier.plans.Quotas;
import io.atelier.pricing.CostEstimator;
import io.atelier.pricing.PriceTable;
import io.atelier.store.UsageStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Plans at every path that starts paid work: 403 for what the plan lacks, 429 for a used-up quota, nothing counted twice. */
class PlanGateTest {
    private final CoreFixture fx = new CoreFixture();
    private final Plans plans = Plans.withOverride("""
            {"plans": {
              "tight": {"providers": ["local"], "operations": ["upscale"],
                        "quotas": {"imagesPerDay": 3, "concurrentJobs": 1, "itemsPerJob": 2}},
              "broke": {"quotas": {"monthlySpend": "0"}}
            }}""", "test");
    private final JobService service = new JobService(
            fx.jobs,
            fx.images,
            fx.queue,
            fx.providers,
            fx.limits,
            fx.clock,
            new CostEstimator(PriceTable.defaults()),
            null,
            null,
            null,
            null,
            new PlanGate(plans, fx.jobs.usage, fx.clock, Duration.ofDays(30)));

    private Plan plan(String name) {
        return plans.named(name).orElseThrow();
    }

    private Job submit(String plan, String json, String key) throws Exception {
        return service.accept("alice", plan(plan), Json.tree(json), Optional.ofNullable(key))
                .job();
    }

    private UsageStore.Usage usage() {
        LocalDate day = LocalDate.of(2026, 11, 22);
        return fx.jobs.usage.usage("alice", day, YearMonth.from(day));
    }

    @Test
    void whatThePlanLacksIsA403NamingTheFieldAndThePlan() {
        String image = fx.readyImage("alice", 20, 10);
        PlanRefusedException operation = catchThrowableOfType(
                PlanRefusedException.class,
                () -> submit(
                        "basic",
                        "{\"steps\":[{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2}},"
                                + "{\"operation\":\"remove-background\",\"provider\":\"local\"}],\"items\":[{\"imageId\":\""
                                + image + "\"}]}",
                        null));
        assertThat(operation.error().field()).isEqualTo("steps[1].operation");
        assertThat(operation.getMessage())
                .isEqualTo("Your plan (basic) does not include the operation remove-background.");
        PlanRefusedException items = catchThrowableOfType(
                PlanRefusedException.class,
                () -> submit(
                        "tight",
                        CoreFixture.upscaleJob(image, fx.readyImage("alice", 20, 10), fx.readyImage("alice", 20, 10)),
                        null));
        assertThat(items.error().field()).isEqualTo("items");
        assertThat(items.getMessage()).contains("tight", "at most 2 items per job");
        assertThat(catchThrowableOfType(
                                PlanRefusedException.class,
                                () -> service.dryRun(
                                        "alice",
                                        plan("basic"),
                                        Json.tree("{\"operation\":\"remove-background\",\"provider\":\"local\","
                                                + "\"items\":[{\"imageId\":\"" + image + "\"}]}")))
                        .error()
                        .field())
                .as("a dry run answers what a submission would")
                .isEqualTo("operation");
        assertThat(fx.queue.sent).isEmpty();
        assertThat(usage().imagesToday()).isZero();
    }

    @Test
    void aJobFromAnImportIsHeldToItsSubmittersPlanOnceItsImagesAreKnown() throws Exception {
        String a = fx.readyImage("alice", 20, 10), b = fx.readyImage("alice", 20, 10);
        com.fasterxml.jackson.databind.node.ObjectNode job =
                (com.fasterxml.jackson.databind.node.ObjectNode) Json.tree(CoreFixture.upscaleJob(a, b));
        job.put(JobService.IMPORT_PLAN, "tight");
        service.submitImported("alice", job, "import-1", java.util.Map.of());
        assertThat(usage().imagesToday()).isEqualTo(2);

        job.put(JobService.IMPORT_PLAN, "basic");
        job.put("operation", "remove-background");
        job.remove("params");
        assertThat(catchThrowableOfType(
                                PlanRefusedException.class,
                                () -> service.submitImported("alice", job, "import-2", java.util.Map.of()))
                        .error()
                        .field())
                .isEqualTo("operation");
    }

    @Test
    void imagesPerDayAndConcurrentJobsAre429sWithTheSecondsUntilTheyFreeUp() throws Exception {
        String a = fx.readyImage("alice", 20, 10), b = fx.readyImage("alice", 20, 10);
        Job first = submit("tight", CoreFixture.upscaleJob(a, b), "k1");
        assertThat(submit("tight", CoreFixture.upscaleJob(a, b), "k1").jobId())
                .as("a replay counts nothing")
                .isEqualTo(first.jobId());
        assertThat(usage()).isEqualTo(new UsageStore.Usage(2, 1, java.math.BigDecimal.ZERO));

        QuotaExceededException busy = catchThrowableOfType(
                QuotaExceededException.class, () -> submit("tight", CoreFixture.upscaleJob(a), null));
        assertThat(busy.quota()).isEqualTo("concurrentJobs");
        assertThat(busy.retryAfterSeconds()).isEqualTo(PlanGate.CONCURRENT_RETRY_SECONDS);
        assertThat(usage().imagesToday()).as("given back").isEqualTo(2);

        runAll();
        assertThat(service.get("alice", first.jobId()).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(usage().activeJobs()).as("the ended job gave its slot back").isZero();
        QuotaExceededException day = catchThrowableOfType(
                QuotaExceededException.class, () -> submit("tight", CoreFixture.upscaleJob(a, b), null));
        assertThat(day.quota()).isEqualTo("imagesPerDay");
        assertThat(day.retryAfterSeconds()).as("10:00 UTC to midnight").isEqualTo(14 * 3600 + 1);
        assertThat(day.getMessage()).contains("allows 3 images a day; 2 are used today and this needs 2");
        assertThat(usage()).isEqualTo(new UsageStore.Usage(2, 0, usage().spendThisMonth()));
        assertThat(submit("tight", CoreFixture.upscaleJob(a), null)).isNotNull();
    }

    @Test
    void aRetryOfAnEndedJobTakesASlotAgainAndCountsItsImages() throws Exception {
        String a = fx.readyImage("alice", 20, 10);
        Job canceled = submit("tight", CoreFixture.upscaleJob(a), null);
        service.cancel("alice", canceled.jobId());
        assertThat(usage().activeJobs()).isZero();
        Job other = submit("tight", CoreFixture.upscaleJob(a), null);
        QuotaExceededException busy = catchThrowableOfType(
                QuotaExceededException.class,
                () -> service.retry("alice", plan("tight"), canceled.jobId(), Optional.empty()));
        assertThat(busy.quota()).isEqualTo("concurrentJobs");
        service.cancel("alice", other.jobId());
        Plan withoutLocal = new Plan("remote", List.of("gemini"), List.of("*"), List.of("*"), null);
        PlanRefusedException downgraded = catchThrowableOfType(
                PlanRefusedException.class,
                () -> service.retry("alice", withoutLocal, canceled.jobId(), Optional.empty()));
        assertThat(downgraded.error().field()).isEqualTo("provider");
        assertThat(downgraded.getMessage()).isEqualTo("Your plan (remote) does not include the provider local.");
        Job retried = service.retry("alice", plan("tight"), canceled.jobId(), Optional.empty());
        assertThat(retried.counts().queued()).isEqualTo(1);
        assertThat(usage().imagesToday()).isEqualTo(3);
        assertThat(usage().activeJobs()).isEqualTo(1);
    }

    @Test
    void aReRunOfRejectedResultsCountsItsImagesAndTakesASlotUntilItEnds() throws Exception {
        Job job = submit("tight", CoreFixture.upscaleJob(fx.readyImage("alice", 20, 10)), null);
        runAll();
        assertThat(usage().activeJobs()).isZero();
        Task result = fx.jobs.allTasks(job.jobId()).get(0);
        service.review("alice", job.jobId(), result.taskId(), Json.tree("{\"decision\":\"reject\"}"));
        Job again = service.rerun("alice", plan("tight"), job.jobId(), null);
        assertThat(again.counts().queued()).isEqualTo(1);
        assertThat(usage().imagesToday()).isEqualTo(2);
        assertThat(usage().activeJobs()).isEqualTo(1);
        runAll();
        assertThat(service.get("alice", job.jobId()).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(usage().activeJobs()).isZero();
    }

    @Test
    void aRaisedBudgetRunsTheStoppedTasksUnderThePlanWithoutCountingTheirImagesTwice() throws Exception {
        String job = CoreFixture.upscaleJob(fx.readyImage("alice", 20, 10));
        Job stopped = submit(
                "tight",
                job.substring(0, job.length() - 1) + ",\"budget\":{\"amount\":\"0.000001\",\"currency\":\"USD\"}}",
                null);
        runAll();
        assertThat(service.get("alice", stopped.jobId()).status()).isEqualTo(JobStatus.CANCELED);
        assertThat(usage().activeJobs()).isZero();
        Job raised = service.changeBudget(
                "alice",
                plan("tight"),
                stopped.jobId(),
                Json.tree("{\"budget\":{\"amount\":\"1\",\"currency\":\"USD\"}}"));
        assertThat(raised.counts().queued()).isEqualTo(1);
        assertThat(usage().imagesToday()).isEqualTo(1);
        assertThat(usage().activeJobs()).isEqualTo(1);
        runAll();
        assertThat(service.get("alice", stopped.jobId()).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(usage().activeJobs()).isZero();
    }

    @Test
    void theMonthlySpendStopsTasksAtTheirStartAndThenRefusesSubmissions() throws Exception {
        String[] images = {fx.readyImage("alice", 20, 10), fx.readyImage("alice", 20, 10)};
        BigDecimal each = service.dryRun("alice", Json.tree(CoreFixture.upscaleJob(images[0])))
                .estimate()
                .total()
                .amount();
        // The month holds one task's estimate: the first start commits it, its success leaves its (smaller) actual
        // cost, and the second start would take the month over.
        Plan month = new Plan("month", List.of("*"), List.of("*"), List.of("*"), new Quotas(null, null, null, each));
        Job job = service.accept("alice", month, Json.tree(CoreFixture.upscaleJob(images)), Optional.empty())
                .job();
        assertThat(job.spend().monthlyLimit()).isEqualByComparingTo(each);
        runAll();
        List<Task> tasks = fx.jobs.allTasks(job.jobId());
        assertThat(tasks).filteredOn(t -> t.status() == TaskStatus.SUCCEEDED).hasSize(1);
        assertThat(tasks)
                .filteredOn(t -> t.status() == TaskStatus.CANCELED)
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.error().code()).isEqualTo(ErrorCode.BUDGET_EXCEEDED);
                    assertThat(t.error().message())
                            .contains("this month's committed spend", each.toPlainString() + " a month");
                });
        assertThat(usage().spendThisMonth()).isPositive().isLessThan(each);

        QuotaExceededException broke = catchThrowableOfType(
                QuotaExceededException.class, () -> submit("broke", CoreFixture.upscaleJob(images[0]), null));
        assertThat(broke.quota()).isEqualTo("monthlySpend");
        assertThat(broke.retryAfterSeconds())
                .as("to 1 December")
                .isEqualTo(Duration.ofHours(24 * 8 + 14).toSeconds() + 1);
    }

    /** Delivers every message sent so far, and those they send, until none is left. */
    private void runAll() {
        for (int i = 0; i < 100; i++) {
            List<TaskMessage> batch = new ArrayList<>(fx.queue.sent);
            fx.queue.sent.clear();
            if (batch.isEmpty()) return;
            for (TaskMessage message : batch) fx.runner().run(message, Duration.ofMinutes(2));
        }
    }
}
