package io.atelier.local.template;

import java.util.Map;

/**
 * An AWS::SQS::Queue: physical name, its SQS attributes as the API takes them (RedrivePolicy as a JSON string),
 * and the name of its dead-letter queue if it has one (that queue must exist first).
 */
public record QueueSpec(String logicalId, String name, Map<String, String> attributes, String deadLetterQueueName) {}
