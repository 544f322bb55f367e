package io.atelier.core;

import io.atelier.model.Task;
import io.atelier.model.TaskInput;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives each new task the name its result will have (without the extension, which is the result's own), from the
 * job's {@code outputName} or the item's. Names are made unique at submit by refusing the job: two items that would
 * share a name (regardless of case) are a 400 naming both, rather than results renamed behind the caller's back.
 */
public final class TaskNames {
    private TaskNames() {}

    /** The tasks (in the order of the request's items, or generated) with their names; unchanged without templates. */
    static List<Task> named(List<Task> tasks, JobRequest request) {
        boolean anyTemplate =
                request.outputName() != null || request.items().stream().anyMatch(item -> item.outputName() != null);
        if (!anyTemplate) return tasks;
        List<String> stems = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            JobRequest.Item item = i < request.items().size() ? request.items().get(i) : null;
            String template = item != null && item.outputName() != null ? item.outputName() : request.outputName();
            if (template == null) {
                stems.add(null);
                continue;
            }
            Task task = tasks.get(i);
            TaskInput input = task.input();
            stems.add(OutputNames.of(template, "outputName")
                    .stem(new OutputNames.Values(
                            input == null ? null : input.sku(),
                            input == null ? null : input.role(),
                            task.input() == null ? null : task.input().name(),
                            null,
                            task.customId(),
                            i + 1)));
        }
        OutputNames.requireDistinct(stems, i -> request.items().isEmpty() ? "task " + (i + 1) : "items[" + i + "]");
        List<Task> out = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            Task.Work work = task.work();
            out.add(
                    stems.get(i) == null
                            ? task
                            : task.withWork(new Task.Work(
                                    work.customId(),
                                    work.input(),
                                    work.prompt(),
                                    work.params(),
                                    work.createdAt(),
                                    work.estimate(),
                                    stems.get(i))));
        }
        return out;
    }

    /**
     * The name of a task's result: its chosen name (folders and all) with the result's extension, or, without one,
     * the original's name (else the customId or task id) with it. Null while there is no result.
     */
    public static String resultName(Task task) {
        if (task.output() == null) return null;
        String ext = Archives.extension(task.output());
        if (task.outputName() != null) return OutputNames.withExtension(task.outputName(), ext);
        String base =
                ArchiveNames.base(task.input() == null ? null : task.input().name());
        if (base.isEmpty()) base = ArchiveNames.safe(task.customId() != null ? task.customId() : task.taskId());
        return OutputNames.withExtension(base.isEmpty() ? "result" : base, ext);
    }
}
