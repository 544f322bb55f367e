package io.atelier.store.dynamodb;

import static io.atelier.store.dynamodb.Attr.json;
import static io.atelier.store.dynamodb.Attr.n;
import static io.atelier.store.dynamodb.Attr.s;
import static io.atelier.store.dynamodb.Attr.time;

import io.atelier.model.Ids;
import io.atelier.model.JobEvent;
import io.atelier.model.Review;
import io.atelier.model.Task;
import io.atelier.model.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The items of a review and of a re-run: the task (conditional on what it was read as) and the job's counters in one
 * transaction, so the job's review progress always agrees with its tasks' reviews.
 */
final class ReviewItems {
    /**
     * What a re-run forgets of the previous attempt (its result and review live on in its history); unlike a retry of
     * a failure, it also starts its own clock, so its duration is its own.
     */
    private static final List<String> RESET = List.of(
            "output",
            "error",
            "startedAt",
            "finishedAt",
            "durationMs",
            "leaseUntil",
            "provenance",
            "cost",
            "pending",
            "reviewDecision",
            "reviewedAt");

    private ReviewItems() {}

    static List<TransactWriteItem> review(
            String table, String owner, String jobId, String taskId, Review.Decision from, Review review) {
        UpdateExpression task = new UpdateExpression();
        if (review == null) task.remove("reviewDecision").remove("reviewedAt");
        else task.set("reviewDecision", s(review.decision().wire())).set("reviewedAt", time(review.at()));
        String condition = "attribute_exists(" + task.name("PK") + ") AND " + task.name("status") + " = "
                + task.value(s(TaskStatus.SUCCEEDED.name())) + " AND " + isDecision(task, from);
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(update(table, TableKeys.task(jobId, taskId), task, condition));
        Review.Decision to = review == null ? null : review.decision();
        if (from != to) {
            // Not a state change: updatedAt (and so a finished job's completedAt) stays as it was.
            UpdateExpression job = new UpdateExpression();
            if (from != null) job.add(ItemMapper.reviewCounter(from), -1);
            if (to != null) job.add(ItemMapper.reviewCounter(to), 1);
            items.add(update(table, TableKeys.job(owner, jobId), job, "attribute_exists(" + job.name("PK") + ")"));
        }
        return items;
    }

    /** Every task's conditional update, then the job's counters moved by the sum of the changes, in one transaction. */
    static List<TransactWriteItem> reviewAll(
            String table, String owner, String jobId, List<io.atelier.store.JobStore.ReviewChange> changes) {
        List<TransactWriteItem> items = new ArrayList<>();
        int approved = 0, rejected = 0;
        for (var change : changes) {
            items.add(review(table, owner, jobId, change.taskId(), change.from(), change.review())
                    .get(0));
            Review.Decision to =
                    change.review() == null ? null : change.review().decision();
            approved += (to == Review.Decision.APPROVE ? 1 : 0) - (change.from() == Review.Decision.APPROVE ? 1 : 0);
            rejected += (to == Review.Decision.REJECT ? 1 : 0) - (change.from() == Review.Decision.REJECT ? 1 : 0);
        }
        if (approved != 0 || rejected != 0) {
            UpdateExpression job = new UpdateExpression();
            if (approved != 0) job.add(ItemMapper.APPROVED, approved);
            if (rejected != 0) job.add(ItemMapper.REJECTED, rejected);
            items.add(update(table, TableKeys.job(owner, jobId), job, "attribute_exists(" + job.name("PK") + ")"));
        }
        return items;
    }

    static List<TransactWriteItem> rerun(
            String table, Task task, Task.Work work, Instant at, Duration retention, Instant sweepAt) {
        int next = task.attempt() + 1;
        List<Task.Attempt> history = new ArrayList<>(task.history());
        history.add(task.asAttempt());
        UpdateExpression update = new UpdateExpression()
                .set("status", s(TaskStatus.QUEUED.name()))
                .set("attempt", n(next))
                .set(ItemMapper.HISTORY, ItemMapper.history(history))
                .set(SweepIndex.SHARD, s(SweepIndex.shard(task.taskId())))
                .set(SweepIndex.AT, n(sweepAt.toEpochMilli()));
        if (work.prompt() == null) update.remove("prompt");
        else update.set("prompt", s(work.prompt()));
        if (work.params().isEmpty()) update.remove("params");
        else update.set("params", json(work.params()));
        RESET.forEach(update::remove);
        String condition = update.name("status") + " = " + update.value(s(TaskStatus.SUCCEEDED.name()))
                + " AND " + update.name("attempt") + " = " + update.value(n(task.attempt()))
                + " AND " + isDecision(update, Review.Decision.REJECT);
        UpdateExpression job = new UpdateExpression()
                .set("updatedAt", time(at))
                .add(ItemMapper.counter(TaskStatus.SUCCEEDED), -1)
                .add(ItemMapper.counter(TaskStatus.QUEUED), 1)
                .add(ItemMapper.REJECTED, -1);
        JobEvent event = new JobEvent(
                Ids.event(),
                at,
                JobEvent.TRANSITION,
                task.taskId(),
                TaskStatus.SUCCEEDED,
                TaskStatus.QUEUED,
                next,
                null);
        return List.of(
                update(table, TableKeys.task(task.jobId(), task.taskId()), update, condition),
                update(
                        table,
                        TableKeys.job(task.owner(), task.jobId()),
                        job,
                        "attribute_exists(" + job.name("PK") + ")"),
                EventItems.put(table, task.owner(), task.jobId(), event, retention));
    }

    private static String isDecision(UpdateExpression update, Review.Decision decision) {
        return decision == null
                ? "attribute_not_exists(" + update.name("reviewDecision") + ")"
                : update.name("reviewDecision") + " = " + update.value(s(decision.wire()));
    }

    private static TransactWriteItem update(
            String table,
            java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key,
            UpdateExpression update,
            String condition) {
        return Transactions.update(table, key, update, condition);
    }
}
