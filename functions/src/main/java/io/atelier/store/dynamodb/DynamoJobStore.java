package io.atelier.store.dynamodb;

import static io.atelier.store.dynamodb.Attr.bool;
import static io.atelier.store.dynamodb.Attr.n;
import static io.atelier.store.dynamodb.Attr.s;
import static io.atelier.store.dynamodb.Attr.time;

import io.atelier.model.FanOutMessage;
import io.atelier.model.Ids;
import io.atelier.model.Job;
import io.atelier.model.JobEvent;
import io.atelier.model.JobStatus;
import io.atelier.model.Review;
import io.atelier.model.Task;
import io.atelier.model.TaskStatus;
import io.atelier.store.FanOutProgress;
import io.atelier.store.IdempotencyKey;
import io.atelier.store.JobStore;
import io.atelier.store.KeyedJob;
import io.atelier.store.Page;
import io.atelier.store.PageRequest;
import io.atelier.store.TaskQueue;
import io.atelier.store.TaskTransition;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Jobs under {@code USER#<owner>}, tasks under {@code JOB#<jobId>}. Every task state change and its job's counters
 * are one TransactWriteItems, conditional on the task's previous state and attempt: counts stay exact.
 */
public final class DynamoJobStore implements JobStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final PagedQuery pages;
    private final Transactions transactions;
    private final Duration retention;
    private final Duration queuedStale;
    /** The longest queue delay and a margin: a QUEUED task untouched for longer lost its message. */
    /** Items in one TransactWriteItems: DynamoDB's limit. */
    private static final int MAX_TRANSACTION = 100;

    public static final Duration QUEUED_STALE_AFTER = TaskQueue.MAX_DELAY.plusMinutes(5);

    /** @param retention jobs and tasks expire (TTL) this long after submission, like their results in S3 */
    public DynamoJobStore(DynamoDbClient dynamo, String table, Duration retention) {
        this(dynamo, table, retention, QUEUED_STALE_AFTER);
    }

    /** @param queuedStale how long a task may stay QUEUED untouched before the sweeper re-sends its message */
    public DynamoJobStore(DynamoDbClient dynamo, String table, Duration retention, Duration queuedStale) {
        this.queuedStale = queuedStale;
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
        this.pages = new PagedQuery(dynamo, table);
        this.transactions = new Transactions(dynamo);
    }

    /** Tasks first, then the job (and key) in one transaction: a job is never visible without all its tasks. */
    @Override
    public KeyedJob create(Job job, List<Task> tasks, IdempotencyKey idempotencyKey) {
        BatchWriter.write(
                dynamo,
                table,
                tasks.stream()
                        .map(task -> WriteRequest.builder()
                                .putRequest(PutRequest.builder()
                                        .item(sweepable(expiring(ItemMapper.task(task), job), task))
                                        .build())
                                .build())
                        .toList());
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table)
                        .item(expiring(ItemMapper.job(job), job))
                        .conditionExpression("attribute_not_exists(PK)")
                        .build())
                .build());
        items.add(EventItems.put(
                table, job.owner(), job.jobId(), JobEvent.ofJob(JobEvent.SUBMITTED, job.createdAt(), null), retention));
        if (idempotencyKey != null)
            items.add(IdempotencyItems.claim(table, job.owner(), job.jobId(), idempotencyKey, job.createdAt()));
        List<CancellationReason> refused = transactions.writeOrReasons(items);
        if (refused.isEmpty())
            return new KeyedJob(job.jobId(), idempotencyKey == null ? null : idempotencyKey.requestHash());
        // Another request with the same key won: drop our tasks and answer with its job.
        BatchWriter.write(
                dynamo,
                table,
                tasks.stream()
                        .map(task -> WriteRequest.builder()
                                .deleteRequest(DeleteRequest.builder()
                                        .key(TableKeys.task(task.jobId(), task.taskId()))
                                        .build())
                                .build())
                        .toList());
        if (idempotencyKey == null)
            throw new IllegalStateException("job " + job.jobId() + " was refused without an idempotency key");
        return IdempotencyItems.holder(
                refused.get(items.size() - 1), dynamo, table, job.owner(), idempotencyKey.key(), job.createdAt());
    }

    /**
     * The job (and key) in one transaction with its fan-out progress, after the task list's chunks: the job is never
     * visible without the list its tasks are made from, and its counts are the list's from the start.
     */
    @Override
    public KeyedJob createFanOut(Job job, List<Task> tasks, IdempotencyKey idempotencyKey, Instant stalledAt) {
        long expiresAt = job.createdAt().plus(retention).getEpochSecond();
        List<Map<String, AttributeValue>> chunks = FanOutItems.chunks(job.jobId(), tasks, expiresAt);
        BatchWriter.write(
                dynamo,
                table,
                chunks.stream()
                        .map(chunk -> WriteRequest.builder()
                                .putRequest(PutRequest.builder().item(chunk).build())
                                .build())
                        .toList());
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table)
                        .item(expiring(ItemMapper.job(job), job))
                        .conditionExpression("attribute_not_exists(PK)")
                        .build())
                .build());
        items.add(TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table)
                        .item(FanOutItems.progress(
                                job.owner(),
                                job.jobId(),
                                tasks.size(),
                                job.pilot() == null ? null : job.pilot().size(),
                                stalledAt,
                                expiresAt))
                        .build())
                .build());
        items.add(EventItems.put(
                table, job.owner(), job.jobId(), JobEvent.ofJob(JobEvent.SUBMITTED, job.createdAt(), null), retention));
        if (idempotencyKey != null)
            items.add(IdempotencyItems.claim(table, job.owner(), job.jobId(), idempotencyKey, job.createdAt()));
        List<CancellationReason> refused = transactions.writeOrReasons(items);
        if (refused.isEmpty())
            return new KeyedJob(job.jobId(), idempotencyKey == null ? null : idempotencyKey.requestHash());
        deleteAll(chunks.stream()
                .map(chunk -> Map.of(TableKeys.PK, chunk.get(TableKeys.PK), TableKeys.SK, chunk.get(TableKeys.SK)))
                .toList());
        if (idempotencyKey == null)
            throw new IllegalStateException("job " + job.jobId() + " was refused without an idempotency key");
        return IdempotencyItems.holder(
                refused.get(items.size() - 1), dynamo, table, job.owner(), idempotencyKey.key(), job.createdAt());
    }

    @Override
    public Optional<FanOutProgress> fanOut(String jobId) {
        return Items.get(dynamo, table, FanOutItems.progressKey(jobId)).map(progress -> {
            List<Task> tasks = pages.all(TableKeys.JOB + jobId, FanOutItems.CHUNK, FanOutItems::tasks).stream()
                    .flatMap(List::stream)
                    .toList();
            Integer heldFrom = Attr.integer(progress, FanOutItems.HELD_FROM);
            return new FanOutProgress(
                    Attr.str(progress, "owner"),
                    jobId,
                    tasks,
                    Attr.integer(progress, "done"),
                    heldFrom == null ? tasks.size() : heldFrom);
        });
    }

    /** Conditional puts, up to 100 to a transaction: a task that already exists (it may have run) is left as it is. */
    @Override
    public int createTasks(List<Task> tasks) {
        int created = 0;
        for (int from = 0; from < tasks.size(); from += MAX_TRANSACTION) {
            List<Task> pending = new ArrayList<>(tasks.subList(from, Math.min(tasks.size(), from + MAX_TRANSACTION)));
            while (!pending.isEmpty()) {
                List<TransactWriteItem> puts = pending.stream()
                        .map(task -> TransactWriteItem.builder()
                                .put(Put.builder()
                                        .tableName(table)
                                        .item(sweepable(expiring(ItemMapper.task(task), task.createdAt()), task))
                                        .conditionExpression("attribute_not_exists(PK)")
                                        .build())
                                .build())
                        .toList();
                List<CancellationReason> refused = transactions.writeOrReasons(puts);
                if (refused.isEmpty()) {
                    created += pending.size();
                    break;
                }
                List<Task> absent = new ArrayList<>();
                for (int i = 0; i < pending.size(); i++)
                    if (!"ConditionalCheckFailed".equals(refused.get(i).code())) absent.add(pending.get(i));
                pending = absent;
            }
        }
        return created;
    }

    @Override
    public boolean advanceFanOut(String jobId, int from, int to, Instant stalledAt) {
        Optional<Map<String, AttributeValue>> progress = Items.get(dynamo, table, FanOutItems.progressKey(jobId));
        if (progress.isEmpty()) return false;
        int total = Attr.integer(progress.get(), "total");
        Integer heldFrom = Attr.integer(progress.get(), FanOutItems.HELD_FROM);
        if (heldFrom != null && heldFrom == to && holdAt(jobId, from, to)) return true;
        UpdateExpression update =
                new UpdateExpression().set("done", n(to)).set(SweepIndex.AT, n(stalledAt.toEpochMilli()));
        String condition = update.name("done") + " = " + update.value(n(from));
        if (to < total) return conditionalUpdate(FanOutItems.progressKey(jobId), update, condition);
        // Finished: the progress goes first (conditionally), then the list it was made from.
        try {
            dynamo.deleteItem(b -> b.tableName(table)
                    .key(FanOutItems.progressKey(jobId))
                    .conditionExpression("#done = :from")
                    .expressionAttributeNames(Map.of("#done", "done"))
                    .expressionAttributeValues(Map.of(":from", n(from))));
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
        deleteAll(pages.all(
                TableKeys.JOB + jobId,
                FanOutItems.CHUNK,
                chunk -> Map.of(TableKeys.PK, chunk.get(TableKeys.PK), TableKeys.SK, chunk.get(TableKeys.SK))));
        return true;
    }

    /** The pilot's tasks exist: the fan-out rests out of the Sweep index, if it is still held (not continued meanwhile). */
    private boolean holdAt(String jobId, int from, int to) {
        UpdateExpression update = new UpdateExpression()
                .set("done", n(to))
                .remove(SweepIndex.SHARD)
                .remove(SweepIndex.AT);
        String condition = update.name("done") + " = " + update.value(n(from)) + " AND "
                + update.name(FanOutItems.HELD_FROM) + " = " + update.value(n(to));
        return conditionalUpdate(FanOutItems.progressKey(jobId), update, condition);
    }

    /** The job's pilot no longer held and its fan-out's hold gone, back in the Sweep index, in one transaction. */
    @Override
    public boolean releasePilot(String owner, String jobId, Instant at, Instant stalledAt) {
        UpdateExpression job =
                new UpdateExpression().set(ItemMapper.PILOT_HELD, bool(false)).set("updatedAt", time(at));
        String held = job.name(ItemMapper.PILOT_HELD) + " = " + job.value(bool(true));
        UpdateExpression fanOut = new UpdateExpression()
                .remove(FanOutItems.HELD_FROM)
                .set(SweepIndex.SHARD, s(SweepIndex.shard(jobId)))
                .set(SweepIndex.AT, n(stalledAt.toEpochMilli()));
        String exists = "attribute_exists(" + fanOut.name("PK") + ")";
        return transactions.write(List.of(
                Transactions.update(table, TableKeys.job(owner, jobId), job, held),
                Transactions.update(table, FanOutItems.progressKey(jobId), fanOut, exists)));
    }

    @Override
    public List<FanOutMessage> stalledFanOuts(Instant now, int limit) {
        List<FanOutMessage> found = new ArrayList<>();
        for (Map<String, AttributeValue> keys : overdueKeys(now, FanOutItems.PROGRESS, limit)) {
            Items.get(
                            dynamo,
                            table,
                            TableKeys.key(keys.get("PK").s(), keys.get("SK").s()))
                    .ifPresent(item -> found.add(FanOutMessage.of(Attr.str(item, "owner"), Attr.str(item, "jobId"))));
        }
        return found;
    }

    private void deleteAll(List<Map<String, AttributeValue>> keys) {
        BatchWriter.write(
                dynamo,
                table,
                keys.stream()
                        .map(key -> WriteRequest.builder()
                                .deleteRequest(DeleteRequest.builder().key(key).build())
                                .build())
                        .toList());
    }

    private Map<String, AttributeValue> sweepable(Map<String, AttributeValue> item, Task task) {
        item.put(SweepIndex.SHARD, s(SweepIndex.shard(task.taskId())));
        item.put(SweepIndex.AT, n(task.createdAt().plus(queuedStale).toEpochMilli()));
        return item;
    }

    private Map<String, AttributeValue> expiring(Map<String, AttributeValue> item, Job job) {
        return expiring(item, job.createdAt());
    }

    private Map<String, AttributeValue> expiring(Map<String, AttributeValue> item, Instant created) {
        Map<String, AttributeValue> out = new HashMap<>(item);
        out.put("expiresAt", n(created.plus(retention).getEpochSecond()));
        return out;
    }

    @Override
    public Optional<KeyedJob> findIdempotencyKey(String owner, String idempotencyKey, Instant now) {
        return IdempotencyItems.find(dynamo, table, owner, idempotencyKey, now);
    }

    @Override
    public Optional<Job> findJob(String owner, String jobId) {
        return Items.get(dynamo, table, TableKeys.job(owner, jobId)).map(ItemMapper::job);
    }

    @Override
    public Page<Job> listJobs(String owner, JobStatus status, PageRequest page) {
        return pages.page(
                TableKeys.user(owner),
                TableKeys.JOB,
                true,
                page,
                ItemMapper::job,
                job -> status == null || job.status() == status,
                status != null);
    }

    @Override
    public Optional<Task> findTask(String jobId, String taskId) {
        return Items.get(dynamo, table, TableKeys.task(jobId, taskId)).map(ItemMapper::task);
    }

    @Override
    public Page<Task> listTasks(String jobId, TaskStatus status, PageRequest page) {
        return pages.page(
                TableKeys.JOB + jobId,
                TableKeys.TASK,
                false,
                page,
                ItemMapper::task,
                task -> status == null || task.status() == status,
                status != null);
    }

    @Override
    public List<Task> tasksIn(String jobId, List<TaskStatus> states) {
        return pages.all(TableKeys.JOB + jobId, TableKeys.TASK, ItemMapper::task).stream()
                .filter(task -> states.contains(task.status()))
                .toList();
    }

    @Override
    public boolean transition(TaskTransition t) {
        boolean moved = transactions.write(TransitionItems.of(table, t, retention, queuedStale));
        if (moved && t.to().terminal() && !t.from().terminal()) releaseSlotIfEnded(t.owner(), t.jobId());
        return moved;
    }

    /**
     * A job's concurrent-job slot goes back once the job has ended, whoever ended its last task (worker, cancel,
     * sweeper, dead letters): a consistent read of the job, then the release, which only one caller can make.
     */
    private void releaseSlotIfEnded(String owner, String jobId) {
        Items.get(dynamo, table, TableKeys.job(owner, jobId))
                .map(ItemMapper::job)
                .filter(job -> job.status().terminal())
                .ifPresent(job -> DynamoUsageStore.release(transactions, table, owner, jobId));
    }

    @Override
    public List<Task> sweepable(Instant now, int limit) {
        List<Task> found = new ArrayList<>();
        // The index is eventually consistent and holds keys only: read each task for real.
        for (Map<String, AttributeValue> keys : overdueKeys(now, TableKeys.TASK, limit))
            Items.get(
                            dynamo,
                            table,
                            TableKeys.key(keys.get("PK").s(), keys.get("SK").s()))
                    .map(ItemMapper::task)
                    .filter(task -> !task.status().terminal())
                    .ifPresent(found::add);
        return found;
    }

    /** Keys of the Sweep index overdue at {@code now} whose sort key starts with {@code skPrefix} (tasks, or fan-outs). */
    private List<Map<String, AttributeValue>> overdueKeys(Instant now, String skPrefix, int limit) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int shard = 0; shard < SweepIndex.SHARDS && found.size() < limit; shard++) {
            String value = SweepIndex.PREFIX + shard;
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                var response = dynamo.query(b -> b.tableName(table)
                        .indexName(SweepIndex.NAME)
                        .keyConditionExpression("#shard = :shard AND #at < :now")
                        .expressionAttributeNames(Map.of("#shard", SweepIndex.SHARD, "#at", SweepIndex.AT))
                        .expressionAttributeValues(Map.of(":shard", s(value), ":now", n(now.toEpochMilli())))
                        .exclusiveStartKey(from)
                        .limit(100));
                for (var keys : response.items()) {
                    if (found.size() >= limit) break;
                    if (keys.get("SK").s().startsWith(skPrefix)) found.add(keys);
                }
                start = response.hasLastEvaluatedKey()
                                && !response.lastEvaluatedKey().isEmpty()
                        ? response.lastEvaluatedKey()
                        : null;
            } while (start != null && found.size() < limit);
        }
        return found;
    }

    @Override
    public Page<JobEvent> listEvents(String jobId, PageRequest page) {
        return pages.page(
                TableKeys.JOB + jobId, EventItems.PREFIX, false, page, EventItems::event, event -> true, false);
    }

    @Override
    public Page<JobEvent> listEventsSince(String jobId, Instant since, PageRequest page) {
        if (page.cursor() != null) return listEvents(jobId, page);
        String from = Cursors.encode(EventItems.PREFIX + Ids.lowerBound(Ids.EVENT, since.toEpochMilli()));
        return listEvents(jobId, new PageRequest(page.limit(), from));
    }

    @Override
    public List<Task> findTasks(String jobId, List<String> taskIds) {
        Map<String, Task> found = new HashMap<>();
        TaskBatches.get(
                        dynamo,
                        table,
                        taskIds.stream()
                                .distinct()
                                .map(id -> TableKeys.task(jobId, id))
                                .toList())
                .forEach(item -> {
                    Task task = ItemMapper.task(item);
                    found.put(task.taskId(), task);
                });
        return taskIds.stream()
                .distinct()
                .map(found::get)
                .filter(Objects::nonNull)
                .toList();
    }

    @Override
    public void appendEvent(String owner, String jobId, JobEvent event) {
        dynamo.putItem(b -> b.tableName(table).item(EventItems.item(owner, jobId, event, retention)));
    }

    @Override
    public boolean takeOverLease(Task task, Instant now, Instant newLeaseUntil) {
        UpdateExpression update = new UpdateExpression()
                .set("leaseUntil", n(newLeaseUntil.toEpochMilli()))
                .set(SweepIndex.AT, n(newLeaseUntil.toEpochMilli()))
                .add("runs", 1);
        String condition = update.name("status") + " = "
                + update.value(s(task.status().name()))
                + " AND " + update.name("attempt") + " = " + update.value(n(task.attempt()))
                + " AND (attribute_not_exists(" + update.name("leaseUntil") + ") OR " + update.name("leaseUntil")
                + " < " + update.value(n(now.toEpochMilli())) + ")";
        return conditionalUpdate(TableKeys.task(task.jobId(), task.taskId()), update, condition);
    }

    @Override
    public boolean requestCancel(String owner, String jobId, Instant at) {
        return setCancel(owner, jobId, true, at);
    }

    @Override
    public void clearCancel(String owner, String jobId, Instant at) {
        setCancel(owner, jobId, false, at);
    }

    @Override
    public boolean setBudget(String owner, String jobId, BigDecimal budget, Instant at) {
        UpdateExpression update = new UpdateExpression()
                .set(ItemMapper.BUDGET, AttributeValue.fromN(budget.toPlainString()))
                .set("updatedAt", time(at));
        return conditionalUpdate(TableKeys.job(owner, jobId), update, "attribute_exists(" + update.name("PK") + ")");
    }

    @Override
    public boolean review(String owner, String jobId, String taskId, Review.Decision from, Review review) {
        return transactions.write(ReviewItems.review(table, owner, jobId, taskId, from, review));
    }

    @Override
    public boolean reviewAll(String owner, String jobId, List<ReviewChange> changes) {
        if (changes.isEmpty()) return true;
        if (changes.size() > MAX_REVIEWS_AT_ONCE)
            throw new IllegalArgumentException(changes.size() + " reviews at once");
        return transactions.write(ReviewItems.reviewAll(table, owner, jobId, changes));
    }

    @Override
    public boolean rerun(Task task, Task.Work work, Instant at) {
        return transactions.write(ReviewItems.rerun(table, task, work, at, retention, at.plus(queuedStale)));
    }

    private boolean setCancel(String owner, String jobId, boolean value, Instant at) {
        UpdateExpression update =
                new UpdateExpression().set("cancelRequested", bool(value)).set("updatedAt", time(at));
        return conditionalUpdate(TableKeys.job(owner, jobId), update, "attribute_exists(" + update.name("PK") + ")");
    }

    private boolean conditionalUpdate(Map<String, AttributeValue> key, UpdateExpression update, String condition) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key)
                    .updateExpression(update.expression())
                    .conditionExpression(condition)
                    .expressionAttributeNames(update.names())
                    .expressionAttributeValues(update.values()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
