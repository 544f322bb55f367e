package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.http.Representations;
import io.atelier.json.Json;
import io.atelier.model.Job;
import io.atelier.model.Review;
import io.atelier.model.Task;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /jobs/{jobId}/tasks/{taskId}/review: approve, reject, clear; never a state change. */
class TaskReviewTest {
    private final CoreFixture fx = new CoreFixture();

    @Test
    void approveRejectAndClearASucceededResult() throws Exception {
        Job job = ResultFixture.job(fx, "alice", "a.png");
        Task task = ResultFixture.succeed(fx, ResultFixture.tasks(fx, job).get(0), new byte[] {1, 2, 3}, "png");
        Job before = fx.jobs.findJob("alice", job.jobId()).orElseThrow();

        Task approved = review("alice", job, task, "{\"decision\":\"approve\"}");
        assertThat(approved.review()).isEqualTo(new Review(Review.Decision.APPROVE, fx.now));
        Map<String, Object> view = new Representations(fx.blobs, fx.limits.downloadUrlTtl()).task(approved);
        assertThat(view.get("review")).isEqualTo(Map.of("decision", "approve", "at", "2026-11-22T10:00:00Z"));

        fx.now = fx.now.plusSeconds(60);
        assertThat(review("alice", job, task, "{\"decision\":\"reject\"}")
                        .review()
                        .decision())
                .isEqualTo(Review.Decision.REJECT);
        Task cleared = review("alice", job, task, "{\"decision\":null}");
        assertThat(cleared.review()).isNull();
        assertThat(new Representations(fx.blobs, fx.limits.downloadUrlTtl()).task(cleared))
                .containsEntry("review", null);

        Job after = fx.jobs.findJob("alice", job.jobId()).orElseThrow();
        assertThat(after.counts()).isEqualTo(before.counts());
        assertThat(after.updatedAt()).isEqualTo(before.updatedAt());
    }

    @Test
    void badDecisionsNameTheField() throws Exception {
        Job job = ResultFixture.job(fx, "alice", "a.png");
        Task task = ResultFixture.succeed(fx, ResultFixture.tasks(fx, job).get(0), new byte[] {1}, "png");
        for (String body :
                new String[] {"{}", "{\"decision\":\"maybe\"}", "{\"decision\":1}", "{\"decision\":\"APPROVE\"}"}) {
            InvalidRequestException problem =
                    problem(InvalidRequestException.class, () -> review("alice", job, task, body));
            assertThat(problem.errors())
                    .as(body)
                    .singleElement()
                    .satisfies(e -> assertThat(e.field()).isEqualTo("decision"));
        }
        assertThat(problem(
                                InvalidRequestException.class,
                                () -> fx.jobService().review("alice", job.jobId(), task.taskId(), null))
                        .errors())
                .singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("decision"));
    }

    @Test
    void unknownAndForeignJobsAndTasksAre404() throws Exception {
        Job job = ResultFixture.job(fx, "alice", "a.png");
        Task task = ResultFixture.succeed(fx, ResultFixture.tasks(fx, job).get(0), new byte[] {1}, "png");
        Job other = ResultFixture.job(fx, "alice", "b.png");
        String ok = "{\"decision\":\"approve\"}";
        problem(NotFoundException.class, () -> review("bob", job, task, ok));
        problem(NotFoundException.class, () -> fx.jobService().review("alice", job.jobId(), "tsk_nope", Json.tree(ok)));
        problem(
                NotFoundException.class,
                () -> fx.jobService().review("alice", "job_nope", task.taskId(), Json.tree(ok)));
        // A task of another job of the same owner is not found under this job.
        problem(
                NotFoundException.class,
                () -> fx.jobService().review("alice", other.jobId(), task.taskId(), Json.tree(ok)));
    }

    @Test
    void onlySucceededTasksCanBeReviewed() throws Exception {
        Job job = ResultFixture.job(fx, "alice", "a.png", "b.png");
        Task queued = ResultFixture.tasks(fx, job).get(0);
        Task failed = ResultFixture.fail(fx, ResultFixture.tasks(fx, job).get(1), "no");
        for (Task task : new Task[] {queued, failed}) {
            ConflictException problem =
                    problem(ConflictException.class, () -> review("alice", job, task, "{\"decision\":\"approve\"}"));
            assertThat(problem.getMessage()).contains(task.status().name()).contains("only a succeeded result");
        }
    }

    private Task review(String owner, Job job, Task task, String body) throws Exception {
        return fx.jobService().review(owner, job.jobId(), task.taskId(), Json.tree(body));
    }

    private static <E extends DomainException> E problem(Class<E> kind, ThrowingCall call) {
        try {
            call.run();
        } catch (DomainException e) {
            assertThat(e).isInstanceOf(kind);
            return kind.cast(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no problem raised");
    }

    interface ThrowingCall {
        void run() throws Exception;
    }
}
