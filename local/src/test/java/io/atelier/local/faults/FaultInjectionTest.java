package io.atelier.local.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.json.Json;
import io.atelier.local.AtelierLocal;
import io.atelier.local.LocalOptions;
import io.atelier.local.TestStack;
import io.atelier.local.faults.FaultPlan.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The fault-injection suite: the real jobs, status, worker and dead-letter handlers on the local runner's emulators
 * (DynamoDB Local, ElasticMQ, S3Proxy) against a stand-in provider whose faults each scenario sets, and a queue that
 * duplicates deliveries or loses acknowledgements. After every run the job must settle and {@link Invariants} hold.
 * Each scenario reports its figures to target/fault-report.txt.
 */
@Timeout(60)
class FaultInjectionTest {
    private static final int TASKS = 12;
    private static AtelierLocal local;
    private static FaultyDeliveries deliveries;
    private String scenario;

    @BeforeAll
    static void start() throws Exception {
        local = AtelierLocal.start(LocalOptions.defaults()
                .withPort(0)
                .withTemplate(TestStack.resource("faults-template.yaml"))
                .withWebDir(TestStack.resource("web")));
        deliveries = new FaultyDeliveries(local.aws().sqs(), local.queueUrl("TasksQueue"));
        local.deliveryHook(deliveries);
    }

    @AfterAll
    static void stop() {
        if (local != null) local.close();
    }

    @BeforeEach
    void fresh(TestInfo test) {
        scenario = test.getTestMethod().orElseThrow().getName();
        FaultPlan.reset((task, call) -> Fault.OK);
        deliveries.duplicate = false;
        deliveries.loseAck = message -> false;
        deliveries.loseKilled = false;
        deliveries.deliveries.set(0);
        SteadyProvider.CALLS.set(0);
        AsyncProvider.reset(AsyncProvider.Outcome.SUCCEEDED);
    }

    @Test
    void throttledWithRetryHints() throws Exception {
        FaultPlan.reset((task, call) -> call <= 2 ? Fault.THROTTLE : Fault.OK);
        Run run = run(TASKS);
        assertThat(run.job().get("status").asText()).isEqualTo("SUCCEEDED");
        // Throttling is "not now" before any work: it uses up no attempt.
        assertThat(run.tasks())
                .allSatisfy(t -> assertThat(t.get("attempts").asInt()).isEqualTo(1));
        assertThat(FaultPlan.CALLS.get()).isEqualTo(3 * TASKS);
        assertThat(run.events())
                .anySatisfy(
                        e -> assertThat(e.path("error").path("code").asText()).isEqualTo("provider_throttled"));
    }

    @Test
    void unavailableForEverFallsBackToTheNextProvider() throws Exception {
        FaultPlan.reset((task, call) -> Fault.UNAVAILABLE);
        Run run = run(4, ",\"fallback\":[\"steady\"]");
        assertThat(run.job().get("status").asText()).isEqualTo("SUCCEEDED");
        // faulty has its three tries (MAX_ATTEMPTS) per task, then steady makes the result once.
        assertThat(FaultPlan.CALLS.get()).isEqualTo(3 * 4);
        assertThat(SteadyProvider.CALLS.get()).isEqualTo(4);
        assertThat(run.tasks()).allSatisfy(t -> {
            assertThat(t.get("provider").asText()).isEqualTo("steady");
            JsonNode from = t.path("provenance").path("fallbackFrom");
            assertThat(from.size()).isEqualTo(1);
            assertThat(from.get(0).get("provider").asText()).isEqualTo("faulty");
            assertThat(from.get(0).get("code").asText()).isEqualTo("provider_unavailable");
        });
        assertThat(run.events().stream()
                        .filter(e -> "task.fallback".equals(e.get("type").asText()))
                        .count())
                .isEqualTo(4);
    }

    @Test
    void aResultPaidForOnceIsReusedWithoutCallingTheProvider() throws Exception {
        Run paid = run(1, ",\"params\":{\"seed\":5}");
        assertThat(paid.job().get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(FaultPlan.CALLS.get()).isEqualTo(1);
        Run reused = rerunAs(paid.owner(), 2, ",\"params\":{\"seed\":5}");
        assertThat(reused.job().get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(FaultPlan.CALLS.get())
                .as("cache hits never reach the provider")
                .isEqualTo(1);
        String source = paid.tasks().get(0).get("taskId").asText();
        assertThat(reused.tasks()).allSatisfy(t -> {
            assertThat(t.get("cached").asBoolean()).isTrue();
            assertThat(t.path("provenance").path("sourceTaskId").asText()).isEqualTo(source);
            assertThat(new java.math.BigDecimal(t.path("cost").path("amount").asText()))
                    .isZero();
        });
        Run fresh = rerunAs(paid.owner(), 1, ",\"params\":{\"seed\":5},\"cache\":false");
        assertThat(fresh.tasks().get(0).get("cached").asBoolean()).isFalse();
        assertThat(FaultPlan.CALLS.get())
                .as("cache: false pays for a fresh sample")
                .isEqualTo(2);
    }

    @Test
    void aRefusalDoesNotFallBack() throws Exception {
        FaultPlan.reset((task, call) -> Fault.REFUSE);
        Run run = run(3, ",\"fallback\":[\"steady\"]");
        assertThat(run.job().get("status").asText()).isEqualTo("FAILED");
        assertThat(run.tasks())
                .allSatisfy(
                        t -> assertThat(t.path("error").path("code").asText()).isEqualTo("provider_refused"));
        assertThat(SteadyProvider.CALLS.get()).isZero();
        assertThat(run.events())
                .noneSatisfy(e -> assertThat(e.get("type").asText()).isEqualTo("task.fallback"));
    }

    @Test
    void anAsynchronousProviderWhoseTasksFailFallsBackToTheNextProvider() throws Exception {
        AsyncProvider.reset(AsyncProvider.Outcome.FAILED_UNAVAILABLE);
        Run run = runOn("async", 4, ",\"fallback\":[\"steady\"]");
        assertThat(run.job().get("status").asText()).isEqualTo("SUCCEEDED");
        // Each task's async work fails three times (MAX_ATTEMPTS), as a start would, then steady makes the result once.
        // A run that outlives its 3 s lease on a loaded machine is taken over (one more run) and may call again.
        int takeovers =
                run.tasks().stream().mapToInt(t -> t.get("attempts").asInt()).sum() - 3 * 4;
        assertThat(takeovers).isNotNegative();
        assertThat(AsyncProvider.STARTS.get()).isBetween(3 * 4, 3 * 4 + takeovers);
        assertThat(SteadyProvider.CALLS.get()).isBetween(4, 4 + takeovers);
        assertThat(run.tasks()).allSatisfy(t -> {
            assertThat(t.get("provider").asText()).isEqualTo("steady");
            JsonNode from = t.path("provenance").path("fallbackFrom");
            assertThat(from.size()).isEqualTo(1);
            assertThat(from.get(0).get("provider").asText()).isEqualTo("async");
            assertThat(from.get(0).get("code").asText()).isEqualTo("provider_unavailable");
            assertThat(t.path("provenance").has("reuseKey")).isFalse();
        });
        assertThat(run.events().stream()
                        .filter(e -> "task.fallback".equals(e.get("type").asText()))
                        .count())
                .isBetween(4L, 4L + takeovers);
    }

    @Test
    void anAsynchronousProviderPastItsWaitFallsBack() throws Exception {
        AsyncProvider.reset(AsyncProvider.Outcome.RUNNING_FOR_EVER);
        Run run = runOn("async", 2, ",\"fallback\":[\"steady\"]");
        assertThat(run.job().get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(SteadyProvider.CALLS.get()).isEqualTo(2);
        assertThat(run.tasks())
                .allSatisfy(t -> assertThat(t.path("provenance")
                                .path("fallbackFrom")
                                .get(0)
                                .get("code")
                                .asText())
                        .isEqualTo("timeout"));
    }

    @Test
    void anAsynchronousRefusalDoesNotFallBack() throws Exception {
        AsyncProvider.reset(AsyncProvider.Outcome.REFUSED);
        Run run = runOn("async", 3, ",\"fallback\":[\"steady\"]");
        assertThat(run.job().get("status").asText()).isEqualTo("FAILED");
        assertThat(run.tasks())
                .allSatisfy(
                        t -> assertThat(t.path("error").path("code").asText()).isEqualTo("provider_refused"));
        assertThat(AsyncProvider.STARTS.get()).as("a refusal is final").isEqualTo(3);
        assertThat(SteadyProvider.CALLS.get()).isZero();
        assertThat(run.events())
                .noneSatisfy(e -> assertThat(e.get("type").asText()).isEqualTo("task.fallback"));
    }

    @Test
    void anAsynchronousResultPaidForOnceIsReusedWithoutCallingTheProvider() throws Exception {
        Run paid = runOn("async", 1, ",\"params\":{\"seed\":7}");
        assertThat(paid.job().get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(AsyncProvider.STARTS.get()).isEqualTo(1);
        int polls = AsyncProvider.POLLS.get();
        Run reused = runAs(paid.owner(), "async", 2, ",\"params\":{\"seed\":7}", api -> jobId -> {});
        assertThat(reused.job().get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(AsyncProvider.STARTS.get())
                .as("cache hits never submit a task")
                .isEqualTo(1);
        assertThat(AsyncProvider.POLLS.get()).as("nor poll one").isEqualTo(polls);
        String source = paid.tasks().get(0).get("taskId").asText();
        assertThat(reused.tasks()).allSatisfy(t -> {
            assertThat(t.get("cached").asBoolean()).isTrue();
            assertThat(t.path("provenance").path("sourceTaskId").asText()).isEqualTo(source);
            assertThat(new java.math.BigDecimal(t.path("cost").path("amount").asText()))
                    .isZero();
        });
    }

    @Test
    void unavailable503s() throws Exception {
        // 0 to 3 failures per task: three use up MAX_ATTEMPTS=3 and fail, the others succeed on a later attempt.
        FaultPlan.reset((task, call) -> call <= FaultPlan.bucket(task, 4) ? Fault.UNAVAILABLE : Fault.OK);
        Run run = run(TASKS);
        assertThat(run.tasks()).allSatisfy(t -> {
            int failures = FaultPlan.bucket(t.get("taskId").asText(), 4);
            assertThat(t.get("status").asText()).isEqualTo(failures >= 3 ? "FAILED" : "SUCCEEDED");
            assertThat(t.get("attempts").asInt()).isEqualTo(Math.min(3, failures + 1));
            if (failures >= 3) assertThat(t.get("error").get("code").asText()).isEqualTo("provider_unavailable");
        });
    }

    @Test
    void timeoutsAndCallsLongerThanTheVisibilityTimeout() throws Exception {
        FaultPlan.reset((task, call) -> call == 1 && FaultPlan.bucket(task, 2) == 0 ? Fault.TIMEOUT : Fault.OK);
        // Some calls outlast the queue's 2 s visibility timeout: the message comes back while the call runs.
        FaultPlan.slowCall = (task, call) -> call == 1 && FaultPlan.bucket(task, 3) == 1;
        FaultPlan.slowMillis = 2300;
        Run run = run(TASKS);
        assertThat(run.job().get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(FaultPlan.CALLS.get())
                .isEqualTo(TASKS
                        + (int) run.tasks().stream()
                                .filter(t -> FaultPlan.bucket(t.get("taskId").asText(), 2) == 0)
                                .count());
    }

    @Test
    void refusalsFailAtOnceWithTheirReason() throws Exception {
        FaultPlan.reset((task, call) -> FaultPlan.bucket(task, 3) == 0 ? Fault.REFUSE : Fault.OK);
        Run run = run(TASKS);
        assertThat(run.tasks()).allSatisfy(t -> {
            if (FaultPlan.bucket(t.get("taskId").asText(), 3) != 0) return;
            assertThat(t.get("status").asText()).isEqualTo("FAILED");
            assertThat(t.get("attempts").asInt()).isEqualTo(1);
            assertThat(t.get("error").get("code").asText()).isEqualTo("provider_refused");
            assertThat(t.get("error").get("message").asText()).contains("content policy");
        });
        assertThat(FaultPlan.CALLS.get()).isEqualTo(TASKS);
    }

    @Test
    void everyMessageDeliveredTwoOrThreeTimes() throws Exception {
        deliveries.duplicate = true;
        int copiesBefore = deliveries.copiesSent.get();
        Run run = run(TASKS);
        assertThat(run.job().get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(deliveries.copiesSent.get() - copiesBefore).isGreaterThanOrEqualTo(TASKS);
        // Duplicates never reach the provider a second time.
        assertThat(FaultPlan.CALLS.get()).isEqualTo(TASKS);
    }

    @Test
    void workerKilledAfterTheProviderCallBeforeTheStateWrite() throws Exception {
        FaultPlan.reset((task, call) -> call == 1 && FaultPlan.bucket(task, 2) == 0 ? Fault.KILL : Fault.OK);
        Run run = run(TASKS);
        // The lease of the dead worker expires and the next delivery takes the task over.
        assertThat(run.job().get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.tasks())
                .allSatisfy(t -> assertThat(t.get("attempts").asInt())
                        .isEqualTo(FaultPlan.bucket(t.get("taskId").asText(), 2) == 0 ? 2 : 1));
    }

    @Test
    void workerKilledAfterTheStateWriteBeforeTheAcknowledgement() throws Exception {
        deliveries.loseAck = message -> FaultPlan.bucket(message.taskId(), 2) == 0;
        int lostBefore = deliveries.acksLost.get();
        Run run = run(TASKS);
        assertThat(run.job().get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(deliveries.acksLost.get() - lostBefore).isPositive();
        assertThat(FaultPlan.CALLS.get()).isEqualTo(TASKS); // the redelivery finds the task done
    }

    @Test
    void aPoisonMessage() throws Exception {
        // One task kills every worker that runs it: after maxReceiveCount deliveries its message goes to the DLQ and
        // the dead-letter consumer fails it `exhausted`. A body that is no task message at all is dropped.
        java.util.concurrent.atomic.AtomicReference<String> poisoned =
                new java.util.concurrent.atomic.AtomicReference<>();
        FaultPlan.reset((task, call) -> {
            poisoned.compareAndSet(null, task);
            return task.equals(poisoned.get()) ? Fault.KILL : Fault.OK;
        });
        local.aws()
                .sqs()
                .sendMessage(b -> b.queueUrl(local.queueUrl("TasksQueue")).messageBody("{not a task message"));
        Run run = run(6);
        assertThat(run.job().get("status").asText()).isEqualTo("PARTIAL");
        JsonNode failed = run.tasks().stream()
                .filter(t -> t.get("status").asText().equals("FAILED"))
                .findFirst()
                .orElseThrow();
        assertThat(failed.get("taskId").asText()).isEqualTo(poisoned.get());
        assertThat(failed.get("error").get("code").asText()).isEqualTo("exhausted");
    }

    @Test
    void cancelInTheMiddleOfARunningJob() throws Exception {
        FaultPlan.reset((task, call) -> Fault.OK);
        FaultPlan.callMillis = 150;
        Run run = run(24, api -> jobId -> {
            await(api, jobId, job -> job.get("counts").get("succeeded").asInt() >= 3);
            assertThat(api.post("/jobs/" + jobId + "/cancel", "{}").status()).isEqualTo(202);
        });
        assertThat(run.job().get("status").asText()).isIn("CANCELED", "PARTIAL");
        assertThat(run.job().get("counts").get("canceled").asInt()).isPositive();
        assertThat(run.job().get("counts").get("succeeded").asInt()).isPositive();
        assertThat(run.events())
                .anySatisfy(e -> assertThat(e.get("type").asText()).isEqualTo("job.cancel_requested"));
    }

    @Test
    void retryAfterFailures() throws Exception {
        FaultPlan.reset((task, call) -> call == 1 && FaultPlan.bucket(task, 2) == 0 ? Fault.REFUSE : Fault.OK);
        Run first = run(TASKS);
        assertThat(first.job().get("status").asText()).isEqualTo("PARTIAL");
        Run retried = rerun(
                first,
                api -> jobId -> assertThat(
                                api.post("/jobs/" + jobId + "/retry", "{}").status())
                        .isEqualTo(202));
        assertThat(retried.job().get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(retried.events())
                .anySatisfy(e -> assertThat(e.get("type").asText()).isEqualTo("job.retry"));
        assertThat(retried.events().stream()
                        .filter(e -> "QUEUED".equals(e.path("to").asText())
                                && e.path("attempt").asInt() == 2))
                .hasSize((int) first.tasks().stream()
                        .filter(t -> t.get("status").asText().equals("FAILED"))
                        .count());
    }

    @Test
    void aDynamoDbConditionalConflict() throws Exception {
        // While some calls run, the dead-letter consumer fails their task (a message it believes exhausted): the
        // worker's conditional write of SUCCEEDED loses, and its result object must not stay behind. Duplicates race
        // every claim as well.
        deliveries.duplicate = true;
        AtomicInteger raced = new AtomicInteger();
        FaultPlan.reset(
                (task, call) -> call == 1 && FaultPlan.bucket(task, 3) == 0 ? Fault.DEAD_LETTER_RACE : Fault.OK);
        FaultPlan.race = message -> {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId("race-" + raced.incrementAndGet());
            record.setBody(Json.write(message));
            record.setAttributes(Map.of("ApproximateReceiveCount", "5"));
            SQSEvent event = new SQSEvent();
            event.setRecords(List.of(record));
            local.function("DeadLetterFunction").invoke(event);
        };
        Run run = run(TASKS);
        assertThat(raced.get()).isPositive();
        assertThat(run.tasks())
                .allSatisfy(t -> assertThat(t.get("status").asText())
                        .isEqualTo(FaultPlan.bucket(t.get("taskId").asText(), 3) == 0 ? "FAILED" : "SUCCEEDED"));
    }

    @Test
    void lostWorkIsSweptUp() throws Exception {
        // Workers die mid-task and their messages are lost with them: the tasks stay RUNNING with nothing running
        // until the sweeper (the scheduled SweeperFunction, run here at once) finds their expired leases.
        deliveries.loseKilled = true;
        FaultPlan.reset((task, call) -> call == 1 && FaultPlan.bucket(task, 3) == 0 ? Fault.KILL : Fault.OK);
        int lostBefore = deliveries.messagesLost.get();
        Run run = run(TASKS, api -> jobId -> {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < deadline) {
                JsonNode job = api.get("/jobs/" + jobId).json();
                if (!job.get("status").asText().equals("RUNNING")
                        && !job.get("status").asText().equals("QUEUED")) return;
                local.runSchedule("SweeperFunction");
                Thread.sleep(500);
            }
        });
        assertThat(deliveries.messagesLost.get() - lostBefore).isPositive();
        assertThat(run.job().get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.events()).anySatisfy(e -> {
            assertThat(e.get("type").asText()).isEqualTo("task.swept");
            assertThat(e.get("from").asText()).isEqualTo("RUNNING");
            assertThat(e.get("to").asText()).isEqualTo("QUEUED");
        });
    }

    // ------------------------------------------------------------------------------------------------ machinery

    record Run(String owner, String jobId, JsonNode job, List<JsonNode> tasks, List<JsonNode> events) {}

    private Run run(int count) throws Exception {
        return run(count, api -> jobId -> {});
    }

    private interface During {
        Step with(FaultApi api);
    }

    private interface Step {
        void on(String jobId) throws Exception;
    }

    private Run run(int count, String extraFields) throws Exception {
        return run(count, extraFields, api -> jobId -> {});
    }

    private Run run(int count, During during) throws Exception {
        return run(count, "", during);
    }

    private Run run(int count, String extraFields, During during) throws Exception {
        return runAs(
                "faults-" + Integer.toHexString(scenario.hashCode()) + "-" + System.nanoTime(),
                count,
                extraFields,
                during);
    }

    /** Another job of the same owner. */
    private Run rerunAs(String owner, int count, String extraFields) throws Exception {
        return runAs(owner, count, extraFields, api -> jobId -> {});
    }

    private Run runAs(String owner, int count, String extraFields, During during) throws Exception {
        return runAs(owner, "faulty", count, extraFields, during);
    }

    /** A job of {@code count} tasks on another of the suite's providers. */
    private Run runOn(String provider, int count, String extraFields) throws Exception {
        return runAs(
                "faults-" + Integer.toHexString(scenario.hashCode()) + "-" + System.nanoTime(),
                provider,
                count,
                extraFields,
                api -> jobId -> {});
    }

    private Run runAs(String owner, String provider, int count, String extraFields, During during) throws Exception {
        FaultApi api = new FaultApi(local.apiUrl(), local.token(owner));
        FaultApi.Reply submitted = api.post(
                "/jobs",
                "{\"name\":\"" + scenario + "\",\"operation\":\"generate\",\"provider\":\"" + provider + "\","
                        + "\"prompt\":\"a studio photo\",\"count\":" + count + extraFields + "}");
        assertThat(submitted.status()).as(String.valueOf(submitted.json())).isEqualTo(202);
        String jobId = submitted.json().get("jobId").asText();
        during.with(api).on(jobId);
        return settle(api, owner, jobId);
    }

    private Run rerun(Run before, During during) throws Exception {
        FaultApi api = new FaultApi(local.apiUrl(), local.token(before.owner()));
        during.with(api).on(before.jobId());
        return settle(api, before.owner(), before.jobId());
    }

    /** Waits for the job to end and the queues to drain, checks the invariants and reports the figures. */
    private Run settle(FaultApi api, String owner, String jobId) throws Exception {
        long start = System.nanoTime();
        await(
                api,
                jobId,
                job -> Set.of("SUCCEEDED", "FAILED", "PARTIAL", "CANCELED")
                        .contains(job.get("status").asText()));
        drained();
        List<String> violations =
                Invariants.check(api, local.aws().s3(), local.bucketName("MediaBucket"), owner, jobId);
        JsonNode job = api.get("/jobs/" + jobId).json();
        List<JsonNode> tasks = api.all("/jobs/" + jobId + "/tasks", "tasks");
        List<JsonNode> events = api.all("/jobs/" + jobId + "/events", "events");
        report(job, tasks, events, violations, (System.nanoTime() - start) / 1_000_000);
        assertThat(violations).as("invariant violations in " + scenario).isEmpty();
        assertThat(FaultPlan.MAX_IN_FLIGHT.get())
                .as("provider calls in flight (cap faulty=3)")
                .isLessThanOrEqualTo(3);
        return new Run(owner, jobId, job, tasks, events);
    }

    private static void await(FaultApi api, String jobId, Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.nanoTime() + 40_000_000_000L;
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = api.get("/jobs/" + jobId).json();
            if (done.test(last)) return;
            Thread.sleep(50);
        }
        throw new AssertionError("job " + jobId + " did not get there: " + last);
    }

    /** No message visible, in flight or delayed on either queue, twice in a row (at most 10 s). */
    private static void drained() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        int quiet = 0;
        while (quiet < 2 && System.nanoTime() < deadline) {
            quiet = messages("TasksQueue") + messages("TasksDeadLetterQueue") == 0 ? quiet + 1 : 0;
            Thread.sleep(250);
        }
    }

    private static int messages(String queue) {
        Map<QueueAttributeName, String> attributes = local.aws()
                .sqs()
                .getQueueAttributes(b -> b.queueUrl(local.queueUrl(queue))
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    private void report(JsonNode job, List<JsonNode> tasks, List<JsonNode> events, List<String> violations, long millis)
            throws IOException {
        int runs = tasks.stream().mapToInt(t -> t.get("attempts").asInt()).sum();
        String line = String.format(
                "%-58s tasks=%-3d status=%-9s counts=%s runs=%d providerCalls=%d maxInFlight=%d deliveries=%d events=%d settledMs=%d violations=%d%s%n",
                scenario,
                tasks.size(),
                job.get("status").asText(),
                counts(job.get("counts")),
                runs,
                FaultPlan.CALLS.get(),
                FaultPlan.MAX_IN_FLIGHT.get(),
                deliveries.deliveries.get(),
                events.size(),
                millis,
                violations.size(),
                violations.isEmpty() ? "" : " " + violations);
        System.out.print("FAULTS " + line);
        Files.writeString(
                Path.of("target", "fault-report.txt"), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String counts(JsonNode counts) {
        StringBuilder out = new StringBuilder();
        counts.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("total") && e.getValue().asInt() > 0)
                out.append(out.isEmpty() ? "" : ",")
                        .append(e.getKey())
                        .append(':')
                        .append(e.getValue().asInt());
        });
        return out.toString();
    }
}
