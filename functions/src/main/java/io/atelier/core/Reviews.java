package io.atelier.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.json.Json;
import io.atelier.model.FieldError;
import io.atelier.model.Job;
import io.atelier.model.JobEvent;
import io.atelier.model.Review;
import io.atelier.model.Task;
import io.atelier.model.TaskMessage;
import io.atelier.model.TaskStatus;
import io.atelier.store.JobStore;
import io.atelier.store.TaskQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Review at scale: one result's mark, every result a filter picks in one call, and re-running the rejected ones as a
 * new attempt with another prompt or parameters. Each mark moves the job's review counters in the task's own
 * transaction; a mark that lost a race with another is read again and retried.
 */
final class Reviews {
    static final int MAX_TASK_IDS = 1_000;
    private static final int MAX_PROMPT = 32_000;
    private static final int TRIES = 3;
    private static final Set<String> FILTERS = Set.of("checks", "sku", "taskIds", "review");
    private final JobStore jobs;
    private final TaskQueue queue;
    private final StepChecks stepChecks;
    private final Clock clock;

    Reviews(JobStore jobs, TaskQueue queue, StepChecks stepChecks, Clock clock) {
        this.jobs = jobs;
        this.queue = queue;
        this.stepChecks = stepChecks;
        this.clock = clock;
    }

    /** Marks one succeeded result; false if it is not (or no longer) a succeeded result. */
    boolean mark(Task read, Review review) {
        Task task = read;
        for (int i = 0; i < TRIES && task != null && task.status() == TaskStatus.SUCCEEDED; i++) {
            if (decision(task.review()) == decision(review) && review == null) return true;
            if (jobs.review(task.owner(), task.jobId(), task.taskId(), decision(task.review()), review)) return true;
            task = jobs.findTask(task.jobId(), task.taskId()).orElse(null);
        }
        return false;
    }

    /** What a review by filter did: how many results the filter picked and how many of their marks changed. */
    record Outcome(int matched, int changed, Job job) {}

    /** {@code POST /jobs/{jobId}/review}: {@code {decision, filter: {checks, sku, taskIds, review}}}. */
    Outcome byFilter(Job job, Review review, JsonNode filterNode) {
        Predicate<Task> filter = filter(filterNode);
        List<Task> matched = jobs.tasksIn(job.jobId(), List.of(TaskStatus.SUCCEEDED)).stream()
                .filter(filter)
                .toList();
        List<Task> toChange = matched.stream()
                .filter(task -> decision(task.review()) != decision(review))
                .toList();
        int changed = 0;
        // A transaction of up to 99 marks and the job's counters; one that lost a race is done mark by mark instead.
        for (int from = 0; from < toChange.size(); from += JobStore.MAX_REVIEWS_AT_ONCE) {
            List<Task> batch = toChange.subList(from, Math.min(toChange.size(), from + JobStore.MAX_REVIEWS_AT_ONCE));
            if (jobs.reviewAll(
                    job.owner(),
                    job.jobId(),
                    batch.stream()
                            .map(task -> new JobStore.ReviewChange(task.taskId(), decision(task.review()), review))
                            .toList())) {
                changed += batch.size();
                continue;
            }
            for (Task task : batch) if (mark(task, review)) changed++;
        }
        return new Outcome(
                matched.size(), changed, jobs.findJob(job.owner(), job.jobId()).orElseThrow());
    }

    /**
     * {@code POST /jobs/{jobId}/rerun}: the job's rejected results (or those of {@code taskIds}) run again as a new
     * attempt, with {@code prompt} instead of the task's and {@code params} over its own; each earlier attempt stays
     * in the task's {@code previousAttempts}.
     */
    Job rerun(Job job, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode promptNode = body == null ? null : body.get("prompt");
        String prompt = null;
        if (promptNode != null && !promptNode.isNull()) {
            if (!promptNode.isTextual()
                    || promptNode.asText().isBlank()
                    || promptNode.asText().length() > MAX_PROMPT)
                errors.add(new FieldError(
                        "prompt", "prompt must be a non-blank string of at most " + MAX_PROMPT + " characters"));
            else prompt = promptNode.asText();
        }
        JsonNode paramsNode = body == null ? null : body.get("params");
        Map<String, Object> params = Map.of();
        if (paramsNode != null && !paramsNode.isNull()) {
            if (!paramsNode.isObject()) errors.add(new FieldError("params", "params must be an object"));
            else params = Json.map(paramsNode);
        }
        List<String> ids = taskIds(body == null ? null : body.get("taskIds"), "taskIds", errors);
        if (!errors.isEmpty()) throw new InvalidRequestException(JobRequestParser.summary(errors), errors);

        List<Task> rejected = jobs.tasksIn(job.jobId(), List.of(TaskStatus.SUCCEEDED)).stream()
                .filter(task -> decision(task.review()) == Review.Decision.REJECT)
                .toList();
        List<Task> chosen = rejected;
        if (ids != null) {
            Map<String, Task> byId = new HashMap<>();
            rejected.forEach(task -> byId.put(task.taskId(), task));
            chosen = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                Task task = byId.get(ids.get(i));
                if (task == null)
                    errors.add(new FieldError(
                            "taskIds[" + i + "]", "task " + ids.get(i) + " is not a rejected result of this job"));
                else chosen.add(task);
            }
            if (!errors.isEmpty()) throw new InvalidRequestException(JobRequestParser.summary(errors), errors);
        }
        if (chosen.isEmpty())
            throw new ConflictException(
                    "Job " + job.jobId() + " has no rejected results to re-run; reject some first.");

        List<Task.Work> works = new ArrayList<>();
        List<JobRequest.Item> items = new ArrayList<>();
        for (Task task : chosen) {
            Map<String, Object> merged = new HashMap<>(task.params());
            merged.putAll(params);
            Task.Work work = task.work().rerun(prompt != null ? prompt : task.prompt(), merged);
            works.add(work);
            items.add(new JobRequest.Item(
                    task.input() == null ? null : task.input().imageId(),
                    task.customId(),
                    work.prompt(),
                    work.params()));
        }
        stepChecks.check(job.steps(), items, job.workflow(), errors);
        if (!errors.isEmpty()) {
            // The new prompt and parameters are the same for every task: name them as the request does.
            List<FieldError> named = new ArrayList<>(new LinkedHashSet<>(errors.stream()
                    .map(error -> new FieldError(error.field().replaceFirst("^items\\[\\d+]\\.", ""), error.message()))
                    .toList()));
            throw new InvalidRequestException(JobRequestParser.summary(named), named);
        }
        Instant now = clock.instant();
        jobs.clearCancel(job.owner(), job.jobId(), now);
        jobs.appendEvent(job.owner(), job.jobId(), JobEvent.ofJob(JobEvent.RETRY, now, null));
        List<TaskMessage> messages = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            Task task = chosen.get(i);
            if (jobs.rerun(task, works.get(i), now))
                messages.add(new TaskMessage(1, task.owner(), task.jobId(), task.taskId(), task.attempt() + 1));
        }
        queue.enqueue(messages);
        return jobs.findJob(job.owner(), job.jobId()).orElseThrow();
    }

    private static Predicate<Task> filter(JsonNode node) {
        if (node == null || node.isNull()) return task -> true;
        if (!node.isObject())
            throw new InvalidRequestException("filter", "filter must be an object with checks, sku, taskIds or review");
        List<FieldError> errors = new ArrayList<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!FILTERS.contains(name))
                errors.add(new FieldError("filter." + name, "unknown filter; use checks, sku, taskIds or review"));
        });
        Predicate<Task> filter = task -> true;
        JsonNode checks = node.get("checks");
        if (checks != null && !checks.isNull()) {
            if (checks.isTextual() && checks.asText().equals("passed"))
                filter = filter.and(task -> !ResultChecks.anyFailed(task));
            else if (checks.isTextual() && checks.asText().equals("failed"))
                filter = filter.and(ResultChecks::anyFailed);
            else errors.add(new FieldError("filter.checks", "checks must be \"passed\" or \"failed\""));
        }
        JsonNode sku = node.get("sku");
        if (sku != null && !sku.isNull()) {
            if (!sku.isTextual() || sku.asText().isEmpty())
                errors.add(new FieldError("filter.sku", "sku must be a non-empty string"));
            else
                filter = filter.and(task ->
                        task.input() != null && sku.asText().equals(task.input().sku()));
        }
        JsonNode review = node.get("review");
        if (review != null && !review.isNull()) {
            String wanted = review.isTextual() ? review.asText() : "";
            switch (wanted) {
                case "unreviewed" -> filter = filter.and(task -> task.review() == null);
                case "approved" -> filter = filter.and(task -> decision(task.review()) == Review.Decision.APPROVE);
                case "rejected" -> filter = filter.and(task -> decision(task.review()) == Review.Decision.REJECT);
                default ->
                    errors.add(new FieldError(
                            "filter.review", "review must be \"unreviewed\", \"approved\" or \"rejected\""));
            }
        }
        List<String> ids = taskIds(node.get("taskIds"), "filter.taskIds", errors);
        if (ids != null) {
            Set<String> wanted = new HashSet<>(ids);
            filter = filter.and(task -> wanted.contains(task.taskId()));
        }
        if (!errors.isEmpty()) throw new InvalidRequestException(JobRequestParser.summary(errors), errors);
        return filter;
    }

    /** Null when absent; otherwise 1 to {@value #MAX_TASK_IDS} task ids. */
    private static List<String> taskIds(JsonNode node, String field, List<FieldError> errors) {
        if (node == null || node.isNull()) return null;
        if (!node.isArray() || node.isEmpty() || node.size() > MAX_TASK_IDS) {
            errors.add(new FieldError(field, field + " must list 1 to " + MAX_TASK_IDS + " task ids"));
            return null;
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) errors.add(new FieldError(field + "[" + i + "]", "must be a task id"));
            else ids.add(node.get(i).asText());
        }
        return ids;
    }

    static Review.Decision decision(Review review) {
        return review == null ? null : review.decision();
    }
}
