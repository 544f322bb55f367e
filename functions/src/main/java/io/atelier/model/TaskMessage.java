package io.atelier.model;

/** The small SQS body that drives one task: the task item holds the rest. */
public record TaskMessage(int v, String owner, String jobId, String taskId, int attempt) {
    public static TaskMessage of(Task task) {
        return new TaskMessage(1, task.owner(), task.jobId(), task.taskId(), task.attempt());
    }
}
