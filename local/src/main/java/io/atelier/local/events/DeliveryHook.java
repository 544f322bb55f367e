package io.atelier.local.events;

import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A way into the SQS event source mappings for fault injection: see each batch before the function does, and decide
 * which processed messages are acknowledged (a message left out behaves as if the worker died after its work and
 * before the delete: it comes back after the visibility timeout). The default does nothing.
 */
public interface DeliveryHook {
    DeliveryHook NONE = new DeliveryHook() {};

    /** Called on the invoking thread just before the function gets the batch. */
    default void before(String functionId, List<Message> batch) {}

    /** Called on the invoking thread after the function returned or failed. */
    default void after(String functionId, List<Message> batch) {}

    /** The processed messages to delete; all of them unless a fault says otherwise. */
    default List<Message> acknowledge(String functionId, List<Message> processed) {
        return processed;
    }
}
