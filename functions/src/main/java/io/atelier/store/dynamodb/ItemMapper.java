package io.atelier.store.dynamodb;

import static io.atelier.store.dynamodb.Attr.*;

import io.atelier.json.Json;
import io.atelier.model.Cost;
import io.atelier.model.Counts;
import io.atelier.model.ErrorCode;
import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.model.Job;
import io.atelier.model.PendingWork;
import io.atelier.model.Pilot;
import io.atelier.model.Placement;
import io.atelier.model.Review;
import io.atelier.model.ReviewCounts;
import io.atelier.model.Spend;
import io.atelier.model.Step;
import io.atelier.model.Task;
import io.atelier.model.TaskError;
import io.atelier.model.TaskInput;
import io.atelier.model.TaskOutput;
import io.atelier.model.TaskStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Model records to and from DynamoDB items, by hand: no reflection, no enhanced client, quick cold starts. */
final class ItemMapper {
    /** The job's running total of what its succeeded tasks cost (a decimal number, added to atomically). */
    static final String SPENT = "spent";

    static final String COMMITTED = "committed";
    static final String BUDGET = "budget";
    static final String MONTHLY_LIMIT = "monthlyLimit";

    private ItemMapper() {}

    static String counter(TaskStatus status) {
        String name = status.name().toLowerCase(Locale.ROOT);
        return "c" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    static Map<String, AttributeValue> image(ImageRecord image, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.image(image.owner(), image.imageId()));
        item.put("type", s("image"));
        item.put("owner", s(image.owner()));
        item.put("imageId", s(image.imageId()));
        item.put("name", s(image.name()));
        item.put("status", s(image.status().name()));
        item.put("contentType", s(image.contentType()));
        item.put("size", n(image.size()));
        item.put("createdAt", time(image.createdAt()));
        item.put("updatedAt", time(image.updatedAt()));
        if (expiresAt != null) item.put("expiresAt", n(expiresAt.getEpochSecond()));
        putIfPresent(item, "project", image.placement().project());
        putIfPresent(item, "sku", image.placement().sku());
        putIfPresent(item, "role", image.placement().role());
        return item;
    }

    static ImageRecord image(Map<String, AttributeValue> item) {
        return new ImageRecord(
                str(item, "owner"),
                str(item, "imageId"),
                str(item, "name"),
                ImageStatus.valueOf(str(item, "status")),
                str(item, "contentType"),
                longValue(item, "size"),
                integer(item, "width"),
                integer(item, "height"),
                str(item, "sha256"),
                str(item, "reason"),
                instant(item, "createdAt"),
                instant(item, "updatedAt"),
                str(item, "previewKey"),
                integer(item, "components"),
                new Placement(str(item, "project"), str(item, "sku"), str(item, "role")));
    }

    static Map<String, AttributeValue> job(Job job) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.job(job.owner(), job.jobId()));
        item.put("type", s("job"));
        item.put("owner", s(job.owner()));
        item.put("jobId", s(job.jobId()));
        item.put("name", s(job.name()));
        item.put("steps", json(job.steps()));
        item.put("workflow", bool(job.workflow()));
        item.put("cTotal", n(job.counts().total()));
        for (TaskStatus status : TaskStatus.values())
            item.put(counter(status), n(job.counts().of(status)));
        item.put("cancelRequested", bool(job.cancelRequested()));
        item.put("createdAt", time(job.createdAt()));
        item.put("updatedAt", time(job.updatedAt()));
        item.put("currency", s(job.spend().currency()));
        item.put("estimated", AttributeValue.fromN(job.spend().estimated().toPlainString()));
        item.put(SPENT, AttributeValue.fromN(job.spend().spent().toPlainString()));
        item.put(APPROVED, n(job.reviews().approved()));
        item.put(REJECTED, n(job.reviews().rejected()));
        item.put(COMMITTED, AttributeValue.fromN(job.spend().committed().toPlainString()));
        if (job.spend().budget() != null)
            item.put(BUDGET, AttributeValue.fromN(job.spend().budget().toPlainString()));
        putIfPresent(item, "outputName", job.outputName());
        if (job.spend().monthlyLimit() != null)
            item.put(
                    MONTHLY_LIMIT,
                    AttributeValue.fromN(job.spend().monthlyLimit().toPlainString()));
        if (job.pilot() != null) {
            item.put(PILOT, n(job.pilot().size()));
            item.put(PILOT_HELD, bool(job.pilot().held()));
            item.put(PILOT_REST, AttributeValue.fromN(job.pilot().rest().toPlainString()));
        }
        return item;
    }

    /** A pilot job's size, whether the rest is still held, and the rest's estimate (absent without a pilot). */
    static final String PILOT = "pilot", PILOT_HELD = "pilotHeld", PILOT_REST = "pilotRest";

    private static Pilot pilot(Map<String, AttributeValue> item) {
        if (!item.containsKey(PILOT)) return null;
        return new Pilot(integer(item, PILOT), flag(item, PILOT_HELD), decimal(item, PILOT_REST));
    }

    static Job job(Map<String, AttributeValue> item) {
        Counts counts = new Counts(
                integer(item, "cTotal"),
                count(item, TaskStatus.QUEUED),
                count(item, TaskStatus.RUNNING),
                count(item, TaskStatus.WAITING),
                count(item, TaskStatus.SUCCEEDED),
                count(item, TaskStatus.FAILED),
                count(item, TaskStatus.CANCELED));
        List<Step> steps = Arrays.asList(Json.read(str(item, "steps"), Step[].class));
        return new Job(
                str(item, "owner"),
                str(item, "jobId"),
                str(item, "name"),
                steps,
                flag(item, "workflow"),
                counts,
                flag(item, "cancelRequested"),
                instant(item, "createdAt"),
                instant(item, "updatedAt"),
                spend(item),
                new ReviewCounts(orZero(integer(item, APPROVED)), orZero(integer(item, REJECTED))),
                str(item, "outputName"),
                pilot(item));
    }

    /** The job's review counters, added to in the transaction of each review (absent on older jobs: 0). */
    static final String APPROVED = "rApproved", REJECTED = "rRejected";

    static String reviewCounter(Review.Decision decision) {
        return decision == Review.Decision.APPROVE ? APPROVED : REJECTED;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static Spend spend(Map<String, AttributeValue> item) {
        String currency = str(item, "currency");
        if (currency == null) return Spend.NONE;
        BigDecimal budget = item.containsKey(BUDGET) ? decimal(item, BUDGET) : null;
        BigDecimal monthly = item.containsKey(MONTHLY_LIMIT) ? decimal(item, MONTHLY_LIMIT) : null;
        return new Spend(
                currency, decimal(item, "estimated"), decimal(item, SPENT), budget, decimal(item, COMMITTED), monthly);
    }

    private static BigDecimal decimal(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? BigDecimal.ZERO : new BigDecimal(value.n());
    }

    private static int count(Map<String, AttributeValue> item, TaskStatus status) {
        Integer value = integer(item, counter(status));
        return value == null ? 0 : value;
    }

    static Map<String, AttributeValue> task(Task task) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.task(task.jobId(), task.taskId()));
        item.put("type", s("task"));
        item.put("owner", s(task.owner()));
        item.put("jobId", s(task.jobId()));
        item.put("taskId", s(task.taskId()));
        putIfPresent(item, "customId", task.customId());
        if (task.input() != null) item.put("input", json(task.input()));
        putIfPresent(item, "prompt", task.prompt());
        if (!task.params().isEmpty()) item.put("params", json(task.params()));
        item.put("status", s(task.status().name()));
        item.put("attempt", n(task.attempt()));
        item.put("runs", n(task.runs()));
        item.put("createdAt", time(task.createdAt()));
        if (task.estimate() != null) item.put("estimate", json(task.estimate()));
        putIfPresent(item, "outputName", task.outputName());
        if (!task.history().isEmpty()) item.put(HISTORY, history(task.history()));
        return item;
    }

    static Task task(Map<String, AttributeValue> item) {
        Long lease = longValue(item, "leaseUntil");
        return new Task(
                new Task.Key(str(item, "owner"), str(item, "jobId"), str(item, "taskId")),
                new Task.Work(
                        str(item, "customId"),
                        jsonValue(item, "input", TaskInput.class),
                        str(item, "prompt"),
                        jsonMap(item, "params"),
                        instant(item, "createdAt"),
                        jsonValue(item, "estimate", Cost.class),
                        str(item, "outputName")),
                new Task.State(
                        TaskStatus.valueOf(str(item, "status")),
                        integer(item, "attempt"),
                        integer(item, "runs"),
                        lease == null ? null : Instant.ofEpochMilli(lease),
                        instant(item, "startedAt"),
                        instant(item, "finishedAt"),
                        longValue(item, "durationMs"),
                        jsonValue(item, "pending", PendingWork.class)),
                new Task.Result(
                        jsonValue(item, "output", TaskOutput.class),
                        error(item),
                        str(item, "provider"),
                        str(item, "model"),
                        jsonMap(item, "provenance"),
                        jsonValue(item, "cost", Cost.class)),
                review(item),
                history(item));
    }

    /** A task's earlier attempts, kept by a re-run: JSON text, written whole and only under the attempt's condition. */
    static final String HISTORY = "history";

    static AttributeValue history(List<Task.Attempt> attempts) {
        return s(Json.write(attempts.stream().map(ItemMapper::attempt).toList()));
    }

    private static Map<String, Object> attempt(Task.Attempt attempt) {
        Map<String, Object> out = new HashMap<>();
        out.put("attempt", attempt.attempt());
        out.put("prompt", attempt.prompt());
        out.put("params", attempt.params());
        out.put("output", attempt.output());
        out.put("provider", attempt.provider());
        out.put("model", attempt.model());
        out.put(
                "reviewDecision",
                attempt.review() == null ? null : attempt.review().decision().wire());
        out.put(
                "reviewedAt",
                attempt.review() == null ? null : Json.time(attempt.review().at()));
        out.put("finishedAt", Json.time(attempt.finishedAt()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Task.Attempt> history(Map<String, AttributeValue> item) {
        String text = str(item, HISTORY);
        if (text == null) return List.of();
        return Arrays.stream(Json.read(text, Map[].class))
                .map(entry -> {
                    Map<String, Object> map = (Map<String, Object>) entry;
                    Review review = map.get("reviewDecision") == null
                            ? null
                            : Review.Decision.fromWire((String) map.get("reviewDecision"))
                                    .map(decision -> new Review(decision, parseTime(map.get("reviewedAt"))))
                                    .orElse(null);
                    TaskOutput output = map.get("output") == null
                            ? null
                            : Json.MAPPER.convertValue(map.get("output"), TaskOutput.class);
                    return new Task.Attempt(
                            ((Number) map.get("attempt")).intValue(),
                            (String) map.get("prompt"),
                            (Map<String, Object>) map.get("params"),
                            output,
                            (String) map.get("provider"),
                            (String) map.get("model"),
                            review,
                            parseTime(map.get("finishedAt")));
                })
                .toList();
    }

    private static Instant parseTime(Object value) {
        return value == null ? null : Instant.parse((String) value);
    }

    /** A review lives in its own two attributes, written only by {@link DynamoJobStore#review}. */
    static Review review(Map<String, AttributeValue> item) {
        String decision = str(item, "reviewDecision");
        return decision == null
                ? null
                : Review.Decision.fromWire(decision)
                        .map(value -> new Review(value, instant(item, "reviewedAt")))
                        .orElse(null);
    }

    static Map<String, Object> error(TaskError error) {
        return Map.of("code", error.code().wire(), "message", error.message(), "retryable", error.retryable());
    }

    static TaskError error(Map<String, AttributeValue> item) {
        Map<String, Object> error = jsonMap(item, "error");
        if (error.isEmpty()) return null;
        return new TaskError(
                ErrorCode.fromWire((String) error.get("code")),
                (String) error.get("message"),
                Boolean.TRUE.equals(error.get("retryable")));
    }
}
