package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.model.ErrorCode;
import io.atelier.model.Job;
import io.atelier.model.Task;
import io.atelier.model.TaskStatus;
import io.atelier.store.TaskTransition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A retry re-runs only what could succeed: a task that failed on its input or parameters would fail the same way. */
class RetryScopeTest {
    private final CoreFixture fx = new CoreFixture();

    @Test
    void aRetrySkipsTasksWhoseErrorARetryCannotFix() throws Exception {
        Job job =
                fx.submit("alice", CoreFixture.upscaleJob(fx.readyImage("alice", 8, 8), fx.readyImage("alice", 8, 8)));
        List<Task> tasks = fx.jobs.allTasks(job.jobId());
        fail(tasks.get(0), ErrorCode.INVALID_INPUT);
        fail(tasks.get(1), ErrorCode.PROVIDER_UNAVAILABLE);
        JobService service = fx.jobService();
        service.retry("alice", job.jobId(), Optional.empty());
        assertThat(fx.jobs
                        .findTask(job.jobId(), tasks.get(0).taskId())
                        .orElseThrow()
                        .status())
                .isEqualTo(TaskStatus.FAILED);
        assertThat(fx.jobs
                        .findTask(job.jobId(), tasks.get(1).taskId())
                        .orElseThrow()
                        .status())
                .isEqualTo(TaskStatus.QUEUED);
        assertThatThrownBy(() -> service.retry(
                        "alice", job.jobId(), Optional.of(tasks.get(0).taskId())))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.getMessage()).contains("invalid_input");
                });
    }

    @Test
    void aJobWhoseFailuresAllNeedAnotherInputSaysSo() throws Exception {
        Job job = fx.submit("alice", CoreFixture.upscaleJob(fx.readyImage("alice", 8, 8)));
        fail(fx.jobs.allTasks(job.jobId()).get(0), ErrorCode.PROVIDER_INVALID_REQUEST);
        assertThatThrownBy(() -> fx.jobService().retry("alice", job.jobId(), Optional.empty()))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.getMessage())
                            .contains("None of the 1 failed tasks")
                            .contains("provider_invalid_request");
                });
    }

    private void fail(Task task, ErrorCode code) {
        assertThat(fx.jobs.transition(TaskTransition.of(
                                task.owner(),
                                task.jobId(),
                                task.taskId(),
                                task.status(),
                                task.attempt(),
                                TaskStatus.FAILED,
                                fx.now)
                        .finished(fx.now, 1L)
                        .error(code, "no", code.transientFault())
                        .build()))
                .isTrue();
    }
}
