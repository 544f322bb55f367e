package io.atelier.core;

import io.atelier.model.ErrorCode;
import io.atelier.model.Ids;
import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.model.Job;
import io.atelier.model.Keys;
import io.atelier.model.Task;
import io.atelier.model.TaskOutput;
import io.atelier.model.TaskStatus;
import io.atelier.store.TaskTransition;
import java.util.List;
import java.util.Map;

/** Jobs whose tasks already ended, without running a worker: review and archive tests need results, not providers. */
final class ResultFixture {
    private ResultFixture() {}

    /** A READY image with this file name. */
    static String image(CoreFixture fx, String owner, String name) {
        String id = Ids.image();
        fx.images.put(new ImageRecord(
                owner, id, name, ImageStatus.READY, "image/png", 1000, 8, 8, null, null, fx.now, fx.now, null));
        return id;
    }

    /** Submits an upscale job of images with these names. */
    static Job job(CoreFixture fx, String owner, String... names) throws Exception {
        String[] ids = new String[names.length];
        for (int i = 0; i < names.length; i++) ids[i] = image(fx, owner, names[i]);
        return fx.submit(owner, CoreFixture.upscaleJob(ids));
    }

    static List<Task> tasks(CoreFixture fx, Job job) {
        return fx.jobs.allTasks(job.jobId());
    }

    /** Ends a queued task SUCCEEDED with these result bytes stored under its result key. */
    static Task succeed(CoreFixture fx, Task task, byte[] result, String extension) {
        String key = Keys.result(task.owner(), task.jobId(), task.taskId(), 0, extension);
        fx.blobs.write(key, result, "image/" + extension);
        boolean moved = fx.jobs.transition(TaskTransition.of(
                        task.owner(),
                        task.jobId(),
                        task.taskId(),
                        TaskStatus.QUEUED,
                        task.attempt(),
                        TaskStatus.SUCCEEDED,
                        fx.now)
                .output(new TaskOutput(key, "image/" + extension, 16, 16, result.length, null))
                .producedBy("local", null, Map.of())
                .started(fx.now)
                .finished(fx.now, 5L)
                .build());
        if (!moved) throw new IllegalStateException("task " + task.taskId() + " was not QUEUED");
        return fx.jobs.findTask(task.jobId(), task.taskId()).orElseThrow();
    }

    static Task fail(CoreFixture fx, Task task, String message) {
        fx.jobs.transition(TaskTransition.of(
                        task.owner(),
                        task.jobId(),
                        task.taskId(),
                        TaskStatus.QUEUED,
                        task.attempt(),
                        TaskStatus.FAILED,
                        fx.now)
                .error(ErrorCode.PROVIDER_REFUSED, message, false)
                .finished(fx.now, 5L)
                .build());
        return fx.jobs.findTask(task.jobId(), task.taskId()).orElseThrow();
    }
}
