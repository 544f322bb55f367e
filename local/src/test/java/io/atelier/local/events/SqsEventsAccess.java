package io.atelier.local.events;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.atelier.local.emulators.LocalCredentials;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;

/** The runner's SQS event, as its mapping builds it, for benches that deliver messages themselves. */
public final class SqsEventsAccess {
    private SqsEventsAccess() {}

    public static SQSEvent build(List<Message> messages, String queueArn) {
        return SqsEvents.build(messages, queueArn, LocalCredentials.REGION);
    }
}
