package io.atelier.local.template;

/** An SQS event source mapping of a function. */
public record SqsSourceSpec(
        String functionId,
        String eventId,
        String queueArn,
        String queueName,
        int batchSize,
        int maxConcurrency,
        boolean reportBatchItemFailures,
        boolean enabled) {}
