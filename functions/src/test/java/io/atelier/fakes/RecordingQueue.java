package io.atelier.fakes;

import io.atelier.model.TaskMessage;
import io.atelier.store.TaskQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records what would be sent to SQS, with delays. */
public final class RecordingQueue implements TaskQueue {
    public final List<TaskMessage> sent = new ArrayList<>();
    public final List<Duration> delays = new ArrayList<>();
    public volatile long backlog;
    public volatile java.util.function.BiConsumer<String, Duration> onExtend = (handle, timeout) -> {};

    @Override
    public void extendVisibility(String receiptHandle, Duration timeout) {
        onExtend.accept(receiptHandle, timeout);
    }

    @Override
    public long backlog() {
        return backlog;
    }

    @Override
    public synchronized void enqueue(List<TaskMessage> messages) {
        sent.addAll(messages);
        messages.forEach(message -> delays.add(Duration.ZERO));
    }

    @Override
    public synchronized void enqueueLater(TaskMessage message, Duration delay) {
        sent.add(message);
        delays.add(delay);
    }
}
