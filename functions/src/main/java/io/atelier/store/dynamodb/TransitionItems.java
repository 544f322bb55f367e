package io.atelier.store.dynamodb;

import static io.atelier.store.dynamodb.Attr.json;
import static io.atelier.store.dynamodb.Attr.n;
import static io.atelier.store.dynamodb.Attr.s;
import static io.atelier.store.dynamodb.Attr.time;

import io.atelier.model.TaskError;
import io.atelier.store.TaskChange;
import io.atelier.store.TaskField;
import io.atelier.store.TaskLifecycle;
import io.atelier.store.TaskTransition;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The items of one task transition, carrying out what {@link TaskLifecycle} decided: the task (conditional on state and attempt), its job's counters, and the entry
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
        TaskChange change = TaskLifecycle.change(t, queuedStale);
        UpdateExpression task = new UpdateExpression()
                .set("status", s(change.status().name()))
                .set("attempt", change.attempt() == null ? null : n(change.attempt()));
        change.set().forEach((field, value) -> task.set(attribute(field), encode(field, value)));
        change.cleared().forEach(field -> task.remove(attribute(field)));
        if (change.runsDelta() != 0) task.add("runs", change.runsDelta());
        // The sweeper's sparse index: only unfinished tasks are in it, by when they are overdue.
        if (change.sweepAt() == null) task.remove(SweepIndex.SHARD).remove(SweepIndex.AT);
        else
            task.set(SweepIndex.SHARD, s(SweepIndex.shard(t.taskId())))
                    .set(SweepIndex.AT, n(change.sweepAt().toEpochMilli()));
        String condition = task.name("status") + " = " + task.value(s(t.from().name())) + " AND " + task.name("attempt")
                + " = " + task.value(n(t.attempt()));
        Update taskUpdate = Update.builder()
                .tableName(table)
                .key(TableKeys.task(t.jobId(), t.taskId()))
                .updateExpression(task.expression())
                .conditionExpression(condition)
                .expressionAttributeNames(task.names())
                .expressionAttributeValues(task.values())
                .build();

        UpdateExpression job = new UpdateExpression().set("updatedAt", time(t.at()));
        if (t.from() != t.to()) job.add(ItemMapper.counter(t.from()), -1).add(ItemMapper.counter(t.to()), 1);
        if (TaskLifecycle.charge(t).signum() > 0) job.add(ItemMapper.SPENT, TaskLifecycle.charge(t));
        BigDecimal commitment = TaskLifecycle.commitment(t);
        if (commitment.signum() != 0) job.add(ItemMapper.COMMITTED, commitment);
        String jobCondition = "attribute_exists(" + job.name("PK") + ")";
        // A start under a budget: the committed spend, read and raised in this one conditional write, stays within it.
        BigDecimal limit = TaskLifecycle.budgetLimit(t);
        if (limit != null)
            jobCondition += " AND (attribute_not_exists(" + job.name(ItemMapper.COMMITTED) + ") OR "
                    + job.name(ItemMapper.COMMITTED) + " <= " + job.value(AttributeValue.fromN(limit.toPlainString()))
                    + ")";
        Update jobUpdate = Update.builder()
                .tableName(table)
                .key(TableKeys.job(t.owner(), t.jobId()))
                .updateExpression(job.expression())
                .conditionExpression(jobCondition)
                .expressionAttributeNames(job.names())
                .expressionAttributeValues(job.values())
                .build();
        List<TransactWriteItem> items = new java.util.ArrayList<>(List.of(
                TransactWriteItem.builder().update(taskUpdate).build(),
                TransactWriteItem.builder().update(jobUpdate).build(),
                EventItems.put(table, t.owner(), t.jobId(), t.logEntry(), retention)));
        if (commitment.signum() != 0) items.add(month(table, t, commitment));
        return List.copyOf(items);
    }

    /** The owner's committed spend of the month moves with the job's, under the plan's monthly spend as the budget. */
    private static TransactWriteItem month(String table, TaskTransition t, BigDecimal commitment) {
        UpdateExpression month = new UpdateExpression()
                .set(
                        "expiresAt",
                        n(t.spendMonth()
                                .plusMonths(4)
                                .atDay(1)
                                .atStartOfDay(java.time.ZoneOffset.UTC)
                                .toEpochSecond()))
                .add(DynamoUsageStore.COMMITTED, commitment);
        BigDecimal limit = TaskLifecycle.monthlyLimit(t);
        String condition = limit == null
                ? null
                : limit.signum() < 0
                        ? "attribute_exists(" + month.name("PK") + ") AND attribute_not_exists(" + month.name("PK")
                                + ")"
                        : "attribute_not_exists(" + month.name(DynamoUsageStore.COMMITTED) + ") OR "
                                + month.name(DynamoUsageStore.COMMITTED) + " <= "
                                + month.value(AttributeValue.fromN(limit.toPlainString()));
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table)
                        .key(TableKeys.usageMonth(t.owner(), t.spendMonth()))
                        .updateExpression(month.expression())
                        .conditionExpression(condition)
                        .expressionAttributeNames(month.names())
                        .expressionAttributeValues(month.values())
                        .build())
                .build();
    }

    /** The item attribute that holds each field. */
    private static String attribute(TaskField field) {
        return switch (field) {
            case LEASE_UNTIL -> "leaseUntil";
            case STARTED_AT -> "startedAt";
            case FINISHED_AT -> "finishedAt";
            case DURATION_MS -> "durationMs";
            case OUTPUT -> "output";
            case ERROR -> "error";
            case PROVIDER -> "provider";
            case MODEL -> "model";
            case PROVENANCE -> "provenance";
            case PENDING -> "pending";
            case COST -> "cost";
        };
    }

    private static AttributeValue encode(TaskField field, Object value) {
        return switch (field) {
            case LEASE_UNTIL -> n(((Instant) value).toEpochMilli());
            case STARTED_AT, FINISHED_AT -> time((Instant) value);
            case DURATION_MS -> n((Long) value);
            case ERROR -> json(ItemMapper.error((TaskError) value));
            case PROVIDER, MODEL -> s((String) value);
            case OUTPUT, PROVENANCE, PENDING, COST -> json(value);
        };
    }
}
