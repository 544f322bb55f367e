package io.atelier.store.dynamodb;

import static io.atelier.store.dynamodb.Attr.json;
import static io.atelier.store.dynamodb.Attr.n;
import static io.atelier.store.dynamodb.Attr.s;
import static io.atelier.store.dynamodb.Attr.time;

import io.atelier.model.TaskStatus;
import io.atelier.store.TaskTransition;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The items of one task transition: the task (conditional on state and attempt), its job's counters, and the entry
 * in the job's log that records it.
 */
final class TransitionItems {
    private TransitionItems() {}

    static List<TransactWriteItem> of(String table, TaskTransition t) {
        return of(table, t, null, DynamoJobStore.QUEUED_STALE_AFTER);
    }

    /**
     * @param retention    how long the log entry is kept after the job's creation (its TTL), null for ever
     * @param queuedStale  how long a task may stay QUEUED untouched before the sweeper looks at it
     */
    static List<TransactWriteItem> of(String table, TaskTransition t, Duration retention, Duration queuedStale) {
        UpdateExpression task = new UpdateExpression()
                .set("status", s(t.to().name()))
                .set("attempt", t.newAttempt() == null ? null : n(t.newAttempt()))
                .set("leaseUntil", t.leaseUntil() == null ? null : n(t.leaseUntil().toEpochMilli()))
                .set("startedAt", t.startedAt() == null ? null : time(t.startedAt()))
                .set("finishedAt", t.finishedAt() == null ? null : time(t.finishedAt()))
                .set("durationMs", t.durationMs() == null ? null : n(t.durationMs()))
                .set("output", t.output() == null ? null : json(t.output()))
                .set("error", t.error() == null ? null : json(ItemMapper.error(t.error())))
                .set("provider", t.provider() == null ? null : s(t.provider()))
                .set("model", t.model() == null ? null : s(t.model()))
                .set("provenance", t.provenance() == null ? null : json(t.provenance()))
                .set("pending", t.pending() == null ? null : json(t.pending()));
        // The sweeper's sparse index: only unfinished tasks are in it, by when they are overdue.
        if (t.to().terminal()) task.remove(SweepIndex.SHARD).remove(SweepIndex.AT);
        else task.set(SweepIndex.SHARD, s(SweepIndex.shard(t.taskId()))).set(SweepIndex.AT, n(
                (t.to() != TaskStatus.QUEUED && t.leaseUntil() != null ? t.leaseUntil() : t.at().plus(queuedStale)).toEpochMilli()));
        if (t.countRun()) task.add("runs", 1);
        if (t.refundRun()) task.add("runs", -1);
        if (t.pending() == null && t.to() != TaskStatus.RUNNING && t.to() != TaskStatus.WAITING) task.remove("pending");
        if (t.resetResult()) List.of("output", "error", "finishedAt", "durationMs", "leaseUntil", "provenance").forEach(task::remove);
        else if (t.to() == TaskStatus.SUCCEEDED && t.error() == null) task.remove("error"); // an earlier transient error is history
        String condition = task.name("status") + " = " + task.value(s(t.from().name()))
                + " AND " + task.name("attempt") + " = " + task.value(n(t.attempt()));
        Update taskUpdate = Update.builder().tableName(table).key(TableKeys.task(t.jobId(), t.taskId()))
                .updateExpression(task.expression())
                .conditionExpression(condition)
                .expressionAttributeNames(task.names())
                .expressionAttributeValues(task.values())
                .build();

        UpdateExpression job = new UpdateExpression().set("updatedAt", time(t.at()));
        if (t.from() != t.to()) job.add(ItemMapper.counter(t.from()), -1).add(ItemMapper.counter(t.to()), 1);
        Update jobUpdate = Update.builder().tableName(table).key(TableKeys.job(t.owner(), t.jobId()))
                .updateExpression(job.expression())
                .conditionExpression("attribute_exists(" + job.name("PK") + ")")
                .expressionAttributeNames(job.names())
                .expressionAttributeValues(job.values())
                .build();
        return List.of(TransactWriteItem.builder().update(taskUpdate).build(), TransactWriteItem.builder().update(jobUpdate).build(),
                EventItems.put(table, t.owner(), t.jobId(), t.logEntry(), retention));
    }
}
