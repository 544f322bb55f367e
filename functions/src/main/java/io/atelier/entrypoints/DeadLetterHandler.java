package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.atelier.config.Adapters;
import io.atelier.core.DeadLetters;
import io.atelier.model.TaskMessage;
import java.time.Clock;
import java.util.Map;

/** Consumes the tasks DLQ: each message's task ends FAILED with {@code exhausted}, so no job waits forever. */
public final class DeadLetterHandler extends TaskMessageHandler {
    private final DeadLetters deadLetters;

    /** Lambda: the runtime's environment, read once. */
    public DeadLetterHandler() {
        this(System.getenv());
    }

    /** Configured from {@code environment} alone: the local runner gives each function its own. */
    public DeadLetterHandler(Map<String, String> environment) {
        this(Adapters.from(environment));
    }

    private DeadLetterHandler(Adapters adapters) {
        this(new DeadLetters(adapters.jobStore(), Clock.systemUTC()));
    }

    public DeadLetterHandler(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    protected boolean handle(TaskMessage message, SQSEvent.SQSMessage record, Context context) {
        String count =
                record.getAttributes() == null ? null : record.getAttributes().get("ApproximateReceiveCount");
        deadLetters.exhausted(message, count == null ? 0 : Integer.parseInt(count));
        return false;
    }
}
