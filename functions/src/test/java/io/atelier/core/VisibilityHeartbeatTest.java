package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.atelier.entrypoints.WorkerHandler;
import io.atelier.fakes.ScriptedProvider;
import io.atelier.json.Json;
import io.atelier.model.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A long provider call keeps its message invisible: the worker sends visibility heartbeats while it runs, and stops after. */
class VisibilityHeartbeatTest {
    private final CoreFixture fx = new CoreFixture();

    @Test
    void aLongCallExtendsItsMessagesVisibilityUntilItEnds() throws Exception {
        ScriptedProvider provider = new ScriptedProvider();
        provider.duringCall = () -> {
            try {
                Thread.sleep(450);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        fx.addProvider(provider);
        var job = fx.submit(
                "alice",
                "{\"operation\":\"edit\",\"provider\":\"scripted\",\"prompt\":\"p\",\"items\":[{\"imageId\":\""
                        + fx.readyImage("alice", 8, 8) + "\"}]}");
        List<String> beats = new ArrayList<>();
        fx.queue.onExtend = (handle, timeout) -> {
            synchronized (beats) {
                beats.add(handle + "/" + timeout.toMillis());
            }
        };
        WorkerHandler worker = new WorkerHandler(fx.runner(), fx.queue, Duration.ofMillis(200));
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId("m-1");
        record.setReceiptHandle("receipt-1");
        record.setBody(Json.write(fx.queue.sent.get(0)));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(record));
        assertThat(worker.handleRequest(event, null).getBatchItemFailures()).isEmpty();
        assertThat(fx.jobs.allTasks(job.jobId()).get(0).status()).isEqualTo(TaskStatus.SUCCEEDED);
        int seen;
        synchronized (beats) {
            seen = beats.size();
            assertThat(beats).isNotEmpty().allSatisfy(beat -> assertThat(beat).isEqualTo("receipt-1/200"));
        }
        Thread.sleep(300);
        synchronized (beats) {
            assertThat(beats).hasSize(seen); // none after the task ended
        }
    }
}
