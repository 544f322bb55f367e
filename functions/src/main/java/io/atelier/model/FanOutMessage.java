package io.atelier.model;

/** The SQS body that asks the fan-out to create and queue a job's tasks from its stored list. */
public record FanOutMessage(int v, String owner, String jobId) {
    public static FanOutMessage of(String owner, String jobId) {
        return new FanOutMessage(1, owner, jobId);
    }
}
