package io.atelier.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.atelier.fakes.MemoryJobStore;
import io.atelier.json.Json;
import io.atelier.model.Counts;
import io.atelier.model.ErrorCode;
import io.atelier.model.Ids;
import io.atelier.model.Job;
import io.atelier.model.Step;
import io.atelier.model.Task;
import io.atelier.model.TaskStatus;
import io.atelier.outbound.GuardedHttp;
import io.atelier.outbound.UrlGuard;
import io.atelier.store.DeliveryStatus;
import io.atelier.store.TaskTransition;
import io.atelier.store.WebhookDelivery;
import io.atelier.store.WebhookEndpoint;
import io.atelier.store.WebhookMessage;
import io.atelier.store.WebhookQueue;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The consumer with a real receiver on 127.0.0.1 and time under the test's control. */
class WebhookDispatcherTest {
    private static final String OWNER = "alice";
    private final MemoryJobStore jobs = new MemoryJobStore();
    private final MemoryWebhookStore hooks = new MemoryWebhookStore();
    private final List<Sent> queue = new ArrayList<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T10:00:00Z"));
    private final AtomicReference<String> resolvesTo = new AtomicReference<>("127.0.0.1");
    private final AtomicInteger answer = new AtomicInteger(200);
    private final AtomicInteger slowAnswer = new AtomicInteger(0);
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> ids = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    record Sent(WebhookMessage message, Duration delay) {}

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ids.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            sleep(slowAnswer.get());
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private WebhookDispatcher dispatcher(RetrySchedule schedule) {
        // Through JSON as on SQS, so a message that does not survive the trip fails here.
        WebhookQueue recording =
                (message, delay) -> queue.add(new Sent(Json.read(Json.write(message), WebhookMessage.class), delay));
        UrlGuard guard = new UrlGuard(host -> new InetAddress[] {InetAddress.getByName(resolvesTo.get())}, true);
        return new WebhookDispatcher(
                hooks,
                jobs,
                recording,
                guard,
                new GuardedHttp(Duration.ofSeconds(2), Duration.ofSeconds(2), 1024),
                schedule,
                new io.atelier.fakes.MovableClock(now::get));
    }

    private WebhookEndpoint endpoint(List<String> events, boolean isDefault) {
        WebhookEndpoint endpoint = new WebhookEndpoint(
                OWNER,
                Ids.webhook(),
                "http://receiver.test:" + receiver.getAddress().getPort() + "/hook",
                null,
                events,
                isDefault,
                WebhookSignature.newSecret(),
                null,
                null,
                now.get(),
                null,
                null);
        hooks.put(endpoint);
        return endpoint;
    }

    /** A job of {@code size} tasks, each moved to RUNNING, through a store that reports to the recording queue. */
    private List<Task> runningJob(String jobId, int size) {
        Instant at = now.get();
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < size; i++)
            tasks.add(Task.queued(OWNER, jobId, Ids.task(), new Task.Work("c" + i, null, null, Map.of(), at)));
        jobs.create(
                new Job(
                        OWNER,
                        jobId,
                        "hooks",
                        List.of(new Step("upscale", "local", null, null, Map.of("factor", 2))),
                        false,
                        Counts.allQueued(size),
                        false,
                        at,
                        at),
                tasks,
                null);
        for (Task task : tasks)
            assertThat(jobs.transition(TaskTransition.of(task, TaskStatus.RUNNING, at)
                            .countRun()
                            .build()))
                    .isTrue();
        return tasks.stream()
                .map(task -> jobs.findTask(jobId, task.taskId()).orElseThrow())
                .toList();
    }

    private NotifyingJobStore reporting() {
        return new NotifyingJobStore(
                jobs,
                (message, delay) -> queue.add(new Sent(Json.read(Json.write(message), WebhookMessage.class), delay)));
    }

    private void drain(WebhookDispatcher dispatcher) {
        while (!queue.isEmpty()) dispatcher.handle(queue.remove(0).message());
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<String> types() {
        return bodies.stream()
                .map(body -> Json.map(body).get("type").toString())
                .toList();
    }

    @Test
    void aPartialJobSendsEachTasksEventAndTheJobsOnceEvenWhenReportedTwice() {
        endpoint(WebhookEvents.ALL, true);
        String jobId = Ids.job();
        List<Task> tasks = runningJob(jobId, 2);
        NotifyingJobStore store = reporting();
        Instant at = now.get();
        assertThat(store.transition(TaskTransition.of(tasks.get(0), TaskStatus.SUCCEEDED, at)
                        .build()))
                .isTrue();
        assertThat(store.transition(TaskTransition.of(tasks.get(1), TaskStatus.FAILED, at)
                        .error(ErrorCode.INVALID_INPUT, "not an image", false)
                        .build()))
                .isTrue();
        assertThat(queue)
                .hasSize(2)
                .allMatch(sent -> sent.delay().isZero() && sent.message().kind().equals(WebhookMessage.TRANSITION));
        queue.add(queue.get(1)); // SQS delivers at least once
        drain(dispatcher(RetrySchedule.DEFAULTS));

        assertThat(types()).containsExactlyInAnyOrder("task.succeeded", "task.failed", "job.partial");
        assertThat(ids).doesNotHaveDuplicates();
        String failed = bodies.stream()
                .filter(body -> body.contains("task.failed"))
                .findFirst()
                .orElseThrow();
        assertThat(Json.map(failed).get("data").toString())
                .contains("invalid_input", "not an image", tasks.get(1).taskId());
    }

    @Test
    void theLastTasksReportedSideBySideSendTheJobsEventOnce() throws Exception {
        endpoint(List.of(WebhookEvents.JOB_COMPLETED), true);
        List<Task> tasks = runningJob(Ids.job(), 3);
        NotifyingJobStore store = reporting();
        for (Task task : tasks)
            assertThat(store.transition(TaskTransition.of(task, TaskStatus.SUCCEEDED, now.get())
                            .build()))
                    .isTrue();
        List<WebhookMessage> reports = queue.stream().map(Sent::message).toList();
        queue.clear();
        WebhookDispatcher dispatcher = dispatcher(RetrySchedule.DEFAULTS);
        slowAnswer.set(300); // the first attempt is still under way when the other reports see its delivery
        var start = new java.util.concurrent.CountDownLatch(1);
        List<Thread> lanes = reports.stream()
                .map(report -> Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    dispatcher.handle(report);
                }))
                .toList();
        start.countDown();
        for (Thread lane : lanes) lane.join();
        assertThat(types()).containsExactly("job.completed");
    }

    @Test
    void aJobThatNamesAnEndpointReportsThereAndTheFilterHolds() {
        endpoint(WebhookEvents.ALL, true);
        WebhookEndpoint named = endpoint(List.of(WebhookEvents.JOB_FAILED), false);
        String jobId = Ids.job();
        hooks.linkJob(OWNER, jobId, named.webhookId(), now.get().plus(Duration.ofDays(30)));
        Task task = runningJob(jobId, 1).get(0);
        reporting()
                .transition(TaskTransition.of(task, TaskStatus.FAILED, now.get())
                        .error(ErrorCode.PROVIDER_REFUSED, "boom", false)
                        .build());
        drain(dispatcher(RetrySchedule.DEFAULTS));
        assertThat(types()).containsExactly("job.failed");
        assertThat(hooks.deliveries.values()).allMatch(d -> d.webhookId().equals(named.webhookId()));

        hooks.delete(OWNER, named.webhookId()); // the job's endpoint is gone: nothing falls back to the default
        String second = Ids.job();
        hooks.linkJob(OWNER, second, named.webhookId(), now.get().plus(Duration.ofDays(30)));
        reporting()
                .transition(TaskTransition.of(runningJob(second, 1).get(0), TaskStatus.SUCCEEDED, now.get())
                        .build());
        drain(dispatcher(RetrySchedule.DEFAULTS));
        assertThat(bodies).hasSize(1);
    }

    @Test
    void aFailingReceiverIsRetriedWithGrowingDelaysUntilTheWindowCloses() {
        WebhookEndpoint endpoint = endpoint(List.of(WebhookEvents.TASK_SUCCEEDED), true);
        answer.set(503);
        String jobId = Ids.job();
        reporting()
                .transition(TaskTransition.of(runningJob(jobId, 1).get(0), TaskStatus.SUCCEEDED, now.get())
                        .build());
        WebhookDispatcher dispatcher =
                dispatcher(new RetrySchedule(Duration.ofSeconds(10), Duration.ofSeconds(80), Duration.ofMinutes(5)));
        dispatcher.handle(queue.remove(0).message());
        List<Duration> delays = new ArrayList<>();
        while (!queue.isEmpty()) {
            Sent next = queue.remove(0);
            delays.add(next.delay());
            now.set(next.message().notBefore());
            dispatcher.handle(next.message());
        }
        assertThat(delays.get(0)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(11));
        assertThat(delays.get(1)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(22));
        assertThat(delays.get(3)).isEqualTo(Duration.ofSeconds(80)); // capped
        WebhookDelivery delivery = hooks.deliveries.values().iterator().next();
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(delivery.attempts()).isEqualTo(ids.size()).isEqualTo(delays.size() + 1);
        assertThat(delivery.lastStatusCode()).isEqualTo(503);
        assertThat(delivery.lastError()).isEqualTo("The receiver answered 503.");
        assertThat(ids).containsOnly(delivery.deliveryId());
        assertThat(endpoint.webhookId()).isEqualTo(delivery.webhookId());
    }

    @Test
    void aWaitLongerThanSqsAllowsHopsThroughTheQueueWithoutAnAttempt() {
        endpoint(List.of(WebhookEvents.TASK_SUCCEEDED), true);
        answer.set(500);
        reporting()
                .transition(TaskTransition.of(runningJob(Ids.job(), 1).get(0), TaskStatus.SUCCEEDED, now.get())
                        .build());
        WebhookDispatcher dispatcher =
                dispatcher(new RetrySchedule(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(24)));
        dispatcher.handle(queue.remove(0).message());
        Sent scheduled = queue.remove(0);
        assertThat(scheduled.delay()).isEqualTo(WebhookQueue.MAX_DELAY);
        assertThat(Duration.between(now.get(), scheduled.message().notBefore()))
                .isBetween(Duration.ofHours(1), Duration.ofMinutes(66));
        now.set(now.get().plus(WebhookQueue.MAX_DELAY));
        dispatcher.handle(scheduled.message());
        assertThat(ids).hasSize(1); // not yet
        assertThat(queue).hasSize(1);
        assertThat(queue.get(0).delay()).isEqualTo(WebhookQueue.MAX_DELAY);
        answer.set(200);
        now.set(queue.get(0).message().notBefore());
        dispatcher.handle(queue.remove(0).message());
        assertThat(ids)
                .hasSize(2)
                .containsOnly(
                        hooks.deliveries.values().iterator().next().deliveryId()); // one event, its id on every attempt
        assertThat(hooks.deliveries.values().iterator().next().status()).isEqualTo(DeliveryStatus.SUCCEEDED);
    }

    @Test
    void goneDisablesTheEndpointAndAnAddressThatTurnedPrivateIsNeverCalled() {
        WebhookEndpoint endpoint = endpoint(List.of(WebhookEvents.TASK_SUCCEEDED), true);
        answer.set(410);
        reporting()
                .transition(TaskTransition.of(runningJob(Ids.job(), 1).get(0), TaskStatus.SUCCEEDED, now.get())
                        .build());
        drain(dispatcher(RetrySchedule.DEFAULTS));
        WebhookDelivery gone = hooks.deliveries.values().iterator().next();
        assertThat(gone.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(gone.attempts()).isEqualTo(1);
        WebhookEndpoint disabled = hooks.endpoint(OWNER, endpoint.webhookId()).orElseThrow();
        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.disabledAt()).isEqualTo(now.get());
        assertThat(disabled.disabledReason()).contains("410 Gone");

        // Disabled: the next event is neither sent nor logged.
        answer.set(200);
        hooks.deliveries.clear();
        bodies.clear();
        reporting()
                .transition(TaskTransition.of(runningJob(Ids.job(), 1).get(0), TaskStatus.SUCCEEDED, now.get())
                        .build());
        drain(dispatcher(RetrySchedule.DEFAULTS));
        assertThat(bodies).isEmpty();
        assertThat(hooks.deliveries).isEmpty();

        // Enabled again by its owner: events flow, and an address that turned private is still refused.
        assertThat(hooks.setDisabled(OWNER, endpoint.webhookId(), null, null)).isTrue();
        resolvesTo.set("10.0.0.7"); // the name now points inside: DNS rebinding after the endpoint was checked
        reporting()
                .transition(TaskTransition.of(runningJob(Ids.job(), 1).get(0), TaskStatus.SUCCEEDED, now.get())
                        .build());
        WebhookDispatcher dispatcher = dispatcher(RetrySchedule.DEFAULTS);
        dispatcher.handle(queue.remove(0).message());
        assertThat(bodies).isEmpty();
        WebhookDelivery refused = hooks.deliveries.values().iterator().next();
        assertThat(refused.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(refused.lastStatusCode()).isNull();
        assertThat(refused.lastError()).contains("private");
        assertThat(queue).hasSize(1); // retried later, in case the name is fixed

        hooks.delete(OWNER, endpoint.webhookId());
        now.set(queue.get(0).message().notBefore());
        dispatcher.handle(queue.remove(0).message());
        assertThat(hooks.deliveries.values().iterator().next().status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(hooks.deliveries.values().iterator().next().lastError()).isEqualTo("The endpoint was deleted.");
        assertThat(queue).isEmpty();
    }

    @Test
    void aQueueThatFailsNeverFailsTheTransition() {
        Task task = runningJob(Ids.job(), 1).get(0);
        NotifyingJobStore store = new NotifyingJobStore(jobs, (message, delay) -> {
            throw new IllegalStateException("SQS is down");
        });
        assertThat(store.transition(
                        TaskTransition.of(task, TaskStatus.SUCCEEDED, now.get()).build()))
                .isTrue();
        assertThat(jobs.findTask(task.jobId(), task.taskId()).orElseThrow().status())
                .isEqualTo(TaskStatus.SUCCEEDED);
        // Moves that end nothing are not reported.
        Task other = runningJob(Ids.job(), 1).get(0);
        reporting()
                .transition(
                        TaskTransition.of(other, TaskStatus.QUEUED, now.get()).build());
        assertThat(queue).isEmpty();
    }

    @Test
    void aDeliveryStoredButNeverAttemptedIsAttemptedWhenTheEventIsReportedAgain() {
        WebhookEndpoint endpoint = endpoint(List.of(WebhookEvents.TASK_SUCCEEDED), true);
        Task task = runningJob(Ids.job(), 1).get(0);
        reporting()
                .transition(
                        TaskTransition.of(task, TaskStatus.SUCCEEDED, now.get()).build());
        WebhookMessage report = queue.remove(0).message();
        WebhookDispatcher dispatcher = dispatcher(RetrySchedule.DEFAULTS);
        // The consumer died right after storing the delivery: what it stored is all there is.
        String id = WebhookDispatcher.id(report.at(), endpoint.webhookId(), task.taskId(), "SUCCEEDED", "1");
        hooks.createDelivery(WebhookDelivery.pending(
                OWNER, endpoint.webhookId(), id, WebhookEvents.TASK_SUCCEEDED, "{}", now.get()));
        dispatcher.handle(report);
        assertThat(ids).as("its maker may still be attempting it").isEmpty();
        now.set(now.get().plusSeconds(4)); // past the attempt's 2 s deadline: the SQS redelivery of the report
        dispatcher.handle(report);
        assertThat(ids).containsExactly(id);
        dispatcher.handle(report); // attempted once now: a third report sends nothing
        assertThat(ids).hasSize(1);
    }
}
