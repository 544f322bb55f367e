package io.atelier.core;

import io.atelier.model.ImageRecord;
import io.atelier.model.Job;
import io.atelier.model.Project;
import io.atelier.model.Review;
import io.atelier.model.Task;
import io.atelier.model.TaskStatus;
import io.atelier.store.ImageStore;
import io.atelier.store.JobStore;
import io.atelier.store.Page;
import io.atelier.store.PageRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The caller's projects and their SKUs: which images each SKU has and how far its work is. An image counts as
 * processed when a task made a result from it, approved when that result was approved, failed when its latest task
 * failed; only the caller's most recent jobs are read for this ({@link #JOBS_READ}).
 */
public final class Projects {
    /** How many of the caller's newest jobs the SKU counts read. */
    static final int JOBS_READ = 50;
    /** The SKU list reads at most this many images of a project. */
    static final int MAX_IMAGES = 5_000;

    private final ImageStore images;
    private final JobStore jobs;

    public Projects(ImageStore images, JobStore jobs) {
        this.images = images;
        this.jobs = jobs;
    }

    /** One SKU of a project: its images (the main one first) and how many of them were processed, approved, failed. */
    public record Sku(String sku, List<ImageRecord> images, int processed, int approved, int failed) {
        public Optional<ImageRecord> main() {
            return images.stream().findFirst();
        }
    }

    public List<Project> list(String owner) {
        return images.projects(owner);
    }

    /** The images of a project, or of one of its SKUs. */
    public Page<ImageRecord> images(String owner, String projectId, Optional<String> sku, PageRequest page) {
        Placements.problem(projectId).ifPresent(problem -> {
            throw new InvalidRequestException("project", problem);
        });
        sku.flatMap(Placements::problem).ifPresent(problem -> {
            throw new InvalidRequestException("sku", problem);
        });
        return images.listInProject(owner, projectId, sku.orElse(null), page);
    }

    /** {@code GET /projects/{id}/skus}; another user's or an unknown project is not found. */
    public List<Sku> skus(String owner, String projectId) {
        if (Placements.problem(projectId).isPresent()
                || images.findProject(owner, projectId).isEmpty()) throw new NotFoundException("Project " + projectId);
        Map<String, List<ImageRecord>> bySku = new LinkedHashMap<>();
        String cursor = null;
        int read = 0;
        do {
            Page<ImageRecord> page =
                    images.listInProject(owner, projectId, null, new PageRequest(PageRequest.MAX_LIMIT, cursor));
            for (ImageRecord image : page.items())
                bySku.computeIfAbsent(Objects.toString(image.placement().sku(), ""), sku -> new ArrayList<>())
                        .add(image);
            read += page.items().size();
            cursor = page.nextCursor();
        } while (cursor != null && read < MAX_IMAGES);
        Map<String, Task> latest = latestTasks(owner);
        List<Sku> skus = new ArrayList<>();
        bySku.forEach((sku, list) -> {
            list.sort(Comparator.comparing((ImageRecord image) ->
                            !"main".equals(image.placement().role()))
                    .thenComparing(image -> Objects.toString(image.placement().role(), "~")));
            int processed = 0, approved = 0, failed = 0;
            for (ImageRecord image : list) {
                Task task = latest.get(image.imageId());
                if (task == null) continue;
                if (task.status() == TaskStatus.SUCCEEDED) processed++;
                if (task.status() == TaskStatus.FAILED) failed++;
                if (task.review() != null && task.review().decision() == Review.Decision.APPROVE) approved++;
            }
            skus.add(new Sku(sku, List.copyOf(list), processed, approved, failed));
        });
        return skus;
    }

    /** Each image's most recently finished task across the caller's newest jobs. */
    private Map<String, Task> latestTasks(String owner) {
        Map<String, Task> latest = new HashMap<>();
        for (Job job :
                jobs.listJobs(owner, null, new PageRequest(JOBS_READ, null)).items()) {
            for (Task task : jobs.tasksIn(job.jobId(), List.of(TaskStatus.SUCCEEDED, TaskStatus.FAILED))) {
                if (task.input() == null || task.finishedAt() == null) continue;
                latest.merge(
                        task.input().imageId(), task, (a, b) -> a.finishedAt().isAfter(b.finishedAt()) ? a : b);
            }
        }
        return latest;
    }
}
