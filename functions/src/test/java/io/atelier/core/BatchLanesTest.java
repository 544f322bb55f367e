package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.atelier.entrypoints.WorkerHandler;
import io.atelier.fakes.MemoryProviderSlots;
import io.atelier.fakes.ScriptedProvider;
import io.atelier.json.Json;
import io.atelier.model.Job;
import io.atelier.model.Task;
import io.atelier.model.TaskMessage;
import io.atelier.model.TaskStatus;
import io.atelier.store.ProviderConcurrency;
import io.atelier.store.ProviderSlots;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A batch of task messages in one worker invocation: its tasks run side by side on the slots the store grants, each
 * slot taken once, passed from call to call and given back at the end; the cap holds, and nothing is lost.
 */
class BatchLanesTest {
    private final CoreFixture fx = new CoreFixture();
    private final ScriptedProvider provider = new ScriptedProvider();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final AtomicInteger storeTakes = new AtomicInteger();

    BatchLanesTest() {
        provider.duringCall = () -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        };
        fx.addProvider(provider);
    }

    @Test
    void aBatchRunsEveryTaskWithOneCallAtATimeOnOneSlotTakenOnce() throws Exception {
        MemoryProviderSlots slots = capOf(1);
        Job job = job(6);
        var answer = worker().handleRequest(event(fx.queue.sent), null);
        assertThat(answer.getBatchItemFailures()).isEmpty();
        assertThat(fx.jobs.allTasks(job.jobId())).extracting(Task::status).containsOnly(TaskStatus.SUCCEEDED);
        assertThat(fx.jobs.findJob("alice", job.jobId()).orElseThrow().counts().succeeded())
                .isEqualTo(6);
        assertThat(provider.calls.get()).isEqualTo(6);
        assertThat(mostInFlight.get()).isOne();
        assertThat(storeTakes.get()).as("the slot passes from call to call").isOne();
        assertThat(slots.held("scripted", fx.now)).as("given back at the end").isZero();
    }

    @Test
    void aRemoteProvidersCallsRunSideBySideUpToItsCap() throws Exception {
        MemoryProviderSlots slots = capOf(3);
        Job job = job(9);
        provider.duringCall = () -> { // calls long enough for the waiting tasks to ask for more slots
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            sleep(InvocationSlots.MORE_AFTER.toMillis() + 30);
            inFlight.decrementAndGet();
        };
        assertThat(worker().handleRequest(event(fx.queue.sent), null).getBatchItemFailures())
                .isEmpty();
        assertThat(fx.jobs.allTasks(job.jobId())).extracting(Task::status).containsOnly(TaskStatus.SUCCEEDED);
        assertThat(provider.calls.get()).isEqualTo(9);
        assertThat(mostInFlight.get()).as("never more than the cap").isBetween(2, 3);
        assertThat(storeTakes.get()).as("each slot taken once").isBetween(mostInFlight.get(), 3);
        assertThat(slots.held("scripted", fx.now)).isZero();
    }

    @Test
    void theInProcessEnginesCallsRunOneAtATimeOnOneSlot() throws Exception {
        MemoryProviderSlots store = new MemoryProviderSlots(ProviderConcurrency.parse("local=3"));
        InvocationSlots slots = new InvocationSlots(store, "local"::equals);
        ProviderSlots.Slot first =
                slots.acquire("local", "a", fx.now, fx.now.plusSeconds(60)).orElseThrow();
        var second = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> slots.acquire("local", "b", fx.now, fx.now.plusSeconds(60)));
        Thread.sleep(100);
        assertThat(second).as("waits for the call in flight").isNotDone();
        assertThat(store.held("local", fx.now)).isOne();
        slots.release(first);
        assertThat(second.get(5, java.util.concurrent.TimeUnit.SECONDS)).contains(first);
        slots.release(first);
        slots.close();
        assertThat(store.held("local", fx.now)).isZero();
    }

    @Test
    void theNextTaskIsClaimedWhileTheCallBeforeItIsInFlight() throws Exception {
        capOf(1);
        Job job = job(6);
        java.util.Set<String> called = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicInteger claimedAhead = new AtomicInteger();
        Runnable sleep = provider.duringCall;
        provider.duringCall = () -> {
            called.add(io.atelier.logging.LogContext.get(io.atelier.logging.LogContext.TASK_ID));
            sleep.run();
            // A loaded machine may schedule the claiming lane late: the first call waits (bounded) to see it.
            long giveUp = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (claimedAhead.get() == 0 && System.nanoTime() < giveUp) {
                long waiting = fx.jobs.allTasks(job.jobId()).stream()
                        .filter(task -> task.status() == TaskStatus.RUNNING && !called.contains(task.taskId()))
                        .count();
                claimedAhead.accumulateAndGet((int) waiting, Math::max);
                if (claimedAhead.get() == 0) BatchLanesTest.sleep(5);
            }
        };
        assertThat(worker().handleRequest(event(fx.queue.sent), null).getBatchItemFailures())
                .isEmpty();
        assertThat(fx.jobs.allTasks(job.jobId())).extracting(Task::status).containsOnly(TaskStatus.SUCCEEDED);
        assertThat(claimedAhead.get())
                .as("a task claimed, waiting for the call in flight")
                .isPositive();
        assertThat(mostInFlight.get()).isOne();
    }

    @Test
    void withEverySlotTakenTheBatchComesBackShortlyWithoutStarting() throws Exception {
        MemoryProviderSlots slots = capOf(1);
        Job job = job(4);
        List<TaskMessage> messages = List.copyOf(fx.queue.sent);
        var other = slots.acquire("scripted", "another invocation", fx.now, fx.now.plusSeconds(60))
                .orElseThrow();
        assertThat(worker().handleRequest(event(messages), null).getBatchItemFailures())
                .isEmpty();
        assertThat(provider.calls.get()).isZero();
        assertThat(fx.jobs.allTasks(job.jobId())).extracting(Task::status).containsOnly(TaskStatus.QUEUED);
        assertThat(fx.queue.sent.subList(messages.size(), fx.queue.sent.size()))
                .containsExactlyInAnyOrderElementsOf(messages);
        slots.release(other);
        assertThat(slots.held("scripted", fx.now)).isZero();
    }

    @Test
    void anErrorFailsTheWholeInvocationAndStillGivesTheSlotBack() throws Exception {
        MemoryProviderSlots slots = capOf(1);
        job(3);
        AtomicInteger calls = new AtomicInteger();
        Runnable sleep = provider.duringCall;
        provider.duringCall = () -> {
            sleep.run();
            if (calls.incrementAndGet() == 2) throw new OutOfMemoryError("the process dies");
        };
        assertThatThrownBy(() -> worker().handleRequest(event(fx.queue.sent), null))
                .isInstanceOf(OutOfMemoryError.class);
        assertThat(slots.held("scripted", fx.now)).isZero();
    }

    @Test
    void tasksThatWouldOutrunTheInvocationAreHandedBackAsNewMessages() throws Exception {
        capOf(1);
        Job job = job(5);
        List<TaskMessage> messages = List.copyOf(fx.queue.sent);
        // The first task takes about 30 ms of the 60 ms left: the others would not fit in three times that.
        long deadline = System.currentTimeMillis() + 60;
        Context context = remaining(() -> (int) Math.max(0, deadline - System.currentTimeMillis()));
        var answer = new WorkerHandler(fx.runner(), fx.queue, Duration.ofMinutes(12), Duration.ofSeconds(30))
                .handleRequest(event(messages), context);
        assertThat(answer.getBatchItemFailures()).isEmpty();
        List<TaskMessage> handedBack = fx.queue.sent.subList(messages.size(), fx.queue.sent.size());
        long succeeded = fx.jobs.allTasks(job.jobId()).stream()
                .filter(task -> task.status() == TaskStatus.SUCCEEDED)
                .count();
        assertThat(succeeded).isPositive();
        assertThat(handedBack).hasSize(5 - (int) succeeded);
        assertThat(fx.jobs.allTasks(job.jobId()).stream()
                        .filter(task -> task.status() != TaskStatus.SUCCEEDED)
                        .map(TaskMessage::of))
                .containsExactlyInAnyOrderElementsOf(handedBack)
                .allSatisfy(message -> assertThat(fx.jobs
                                .findTask(message.jobId(), message.taskId())
                                .orElseThrow()
                                .status())
                        .isEqualTo(TaskStatus.QUEUED));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private MemoryProviderSlots capOf(int cap) {
        MemoryProviderSlots slots = new MemoryProviderSlots(ProviderConcurrency.parse("scripted=" + cap));
        fx.slots = new ProviderSlots() {
            @Override
            public Optional<Slot> acquire(String provider, String holder, Instant now, Instant leaseUntil) {
                Optional<Slot> taken = slots.acquire(provider, holder, now, leaseUntil);
                if (taken.isPresent()) storeTakes.incrementAndGet();
                return taken;
            }

            @Override
            public void release(Slot slot) {
                slots.release(slot);
            }
        };
        return slots;
    }

    private WorkerHandler worker() {
        return new WorkerHandler(fx.runner(), fx.queue, Duration.ofMinutes(12));
    }

    private Job job(int images) throws Exception {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < images; i++)
            items.append(i == 0 ? "" : ",")
                    .append("{\"imageId\":\"")
                    .append(fx.readyImage("alice", 8, 8))
                    .append("\",\"prompt\":\"p")
                    .append(i) // a prompt of its own: no task reuses another's result
                    .append("\"}");
        return fx.submit(
                "alice",
                "{\"operation\":\"edit\",\"provider\":\"scripted\",\"prompt\":\"p\",\"items\":[" + items + "]}");
    }

    private static SQSEvent event(List<TaskMessage> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (TaskMessage message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId("m-" + records.size());
            record.setReceiptHandle("receipt-" + records.size());
            record.setBody(Json.write(message));
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    /** A Lambda context that only knows its remaining time. */
    private static Context remaining(java.util.function.IntSupplier millis) {
        return (Context) Proxy.newProxyInstance(
                Context.class.getClassLoader(),
                new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemainingTimeInMillis" -> millis.getAsInt();
                    case "getAwsRequestId" -> "request-1";
                    default -> null;
                });
    }
}
