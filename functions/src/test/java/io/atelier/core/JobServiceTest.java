package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.json.Json;
import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.model.Job;
import io.atelier.model.JobEvent;
import io.atelier.model.JobStatus;
import io.atelier.model.TaskStatus;
import io.atelier.store.PageRequest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobServiceTest {
    private final CoreFixture fx = new CoreFixture();

    @Test
    void submitQueuesOneMessagePerImage() throws Exception {
        String a = fx.readyImage("alice", 8, 8), b = fx.readyImage("alice", 8, 8);
        Job job = fx.submit("alice", CoreFixture.upscaleJob(a, b));
        assertThat(job.counts().total()).isEqualTo(2);
        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(fx.queue.sent)
                .hasSize(2)
                .allSatisfy(m -> assertThat(m.jobId()).isEqualTo(job.jobId()));
        assertThat(job.name()).isEqualTo("upscale · 2 images");
    }

    @Test
    void everyBadFieldIsNamed() {
        String pending = fx.readyImage("alice", 8, 8);
        fx.images.put(new ImageRecord(
                "alice",
                pending,
                "p.png",
                ImageStatus.PENDING,
                "image/png",
                1,
                null,
                null,
                null,
                null,
                fx.now,
                fx.now,
                null));
        assertThat(problem("{\"operation\":\"sharpen\",\"items\":[{\"imageId\":\"x\"}]}")
                        .errors())
                .anySatisfy(e -> assertThat(e.field()).isEqualTo("operation"));
        assertThat(problem("{\"operation\":\"upscale\",\"items\":[]}").errors())
                .anySatisfy(e -> assertThat(e.field()).isEqualTo("items"));
        assertThat(problem("{\"operation\":\"upscale\",\"params\":{\"factor\":3},\"items\":[{\"imageId\":\"x\"}]}")
                        .errors())
                .anySatisfy(e -> assertThat(e.field()).isEqualTo("params.factor"));
        assertThat(problem("{\"operation\":\"upscale\",\"provider\":\"nope\",\"items\":[{\"imageId\":\"x\"}]}")
                        .errors())
                .anySatisfy(e -> assertThat(e.message()).contains("unknown provider"));
        assertThat(problem("{\"operation\":\"generate\",\"count\":2}").errors())
                .anySatisfy(e -> assertThat(e.message()).contains("cannot generate"));
        assertThat(problem("{\"operation\":\"upscale\",\"items\":[{\"imageId\":\"" + pending + "\"}]}")
                        .errors())
                .anySatisfy(e -> assertThat(e.message()).contains("still being checked"));
    }

    @Test
    void aJobAboveTheItemLimitIsRefusedWithoutStoringAnything() {
        String image = fx.readyImage("alice", 8, 8);
        StringBuilder items = new StringBuilder();
        for (int i = 0; i <= fx.limits.maxItemsPerJob(); i++)
            items.append(i == 0 ? "" : ",")
                    .append("{\"imageId\":\"")
                    .append(image)
                    .append("\"}");
        assertThat(problem("{\"operation\":\"upscale\",\"items\":[" + items + "]}")
                        .errors())
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("items");
                    assertThat(e.message()).contains("at most " + fx.limits.maxItemsPerJob());
                });
        assertThat(fx.queue.sent).isEmpty();
    }

    @Test
    void anotherUsersImageIsUnknown() {
        String bobs = fx.readyImage("bob", 8, 8);
        InvalidRequestException problem = problem(CoreFixture.upscaleJob(bobs));
        assertThat(problem.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("items[0].imageId");
            assertThat(e.message()).startsWith("unknown image");
        });
    }

    @Test
    void theSameIdempotencyKeyAnswersTheFirstJob() throws Exception {
        String a = fx.readyImage("alice", 8, 8);
        JobService service = fx.jobService();
        Job first = service.submit("alice", Json.tree(CoreFixture.upscaleJob(a)), Optional.of("k-1"));
        Job again = service.submit("alice", Json.tree(CoreFixture.upscaleJob(a)), Optional.of("k-1"));
        Job other = service.submit(
                "bob",
                Json.tree(
                        "{\"operation\":\"upscale\",\"items\":[{\"imageId\":\"" + fx.readyImage("bob", 8, 8) + "\"}]}"),
                Optional.of("k-1"));
        assertThat(again.jobId()).isEqualTo(first.jobId());
        assertThat(other.jobId()).isNotEqualTo(first.jobId());
        assertThat(fx.queue.sent).hasSize(2);
    }

    @Test
    void cancelEndsQueuedTasksAndRetryRequeuesThem() throws Exception {
        Job job =
                fx.submit("alice", CoreFixture.upscaleJob(fx.readyImage("alice", 8, 8), fx.readyImage("alice", 8, 8)));
        JobService service = fx.jobService();
        Job canceled = service.cancel("alice", job.jobId());
        assertThat(canceled.status()).isEqualTo(JobStatus.CANCELED);
        assertThat(canceled.counts().canceled()).isEqualTo(2);
        assertThat(service.cancel("alice", job.jobId()).counts()).isEqualTo(canceled.counts()); // a no-op now

        Job retried = service.retry("alice", job.jobId(), Optional.empty());
        assertThat(retried.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(fx.jobs.allTasks(job.jobId())).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(TaskStatus.QUEUED);
            assertThat(t.attempt()).isEqualTo(2);
        });
        assertThat(fx.queue.sent).hasSize(4);
    }

    @Test
    void anotherUsersJobIsNotFound() throws Exception {
        Job job = fx.submit("alice", CoreFixture.upscaleJob(fx.readyImage("alice", 8, 8)));
        JobService service = fx.jobService();
        for (Runnable call : new Runnable[] {
            () -> service.get("bob", job.jobId()),
            () -> service.cancel("bob", job.jobId()),
            () -> service.retry("bob", job.jobId(), Optional.empty()),
            () -> service.tasks("bob", job.jobId(), Optional.empty(), new io.atelier.store.PageRequest(50, null)),
            () -> service.events("bob", job.jobId(), new io.atelier.store.PageRequest(50, null)),
            () -> service.events("alice", "job_01JDEXAMPLE0000000000000000", new io.atelier.store.PageRequest(50, null))
        }) {
            assertThatThrownBy(call::run).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void theLogRecordsSubmissionEveryTransitionCancelAndRetryInOrder() throws Exception {
        Job job =
                fx.submit("alice", CoreFixture.upscaleJob(fx.readyImage("alice", 8, 8), fx.readyImage("alice", 8, 8)));
        JobService service = fx.jobService();
        String first = fx.jobs.allTasks(job.jobId()).get(0).taskId();
        service.cancel("alice", job.jobId());
        service.retry("alice", job.jobId(), Optional.of(first));
        List<JobEvent> log =
                service.events("alice", job.jobId(), new PageRequest(50, null)).items();
        assertThat(log)
                .extracting(JobEvent::type)
                .containsExactly(
                        JobEvent.SUBMITTED,
                        JobEvent.CANCEL_REQUESTED,
                        JobEvent.TRANSITION,
                        JobEvent.TRANSITION,
                        JobEvent.RETRY,
                        JobEvent.TRANSITION);
        assertThat(log.get(2).from()).isEqualTo(TaskStatus.QUEUED);
        assertThat(log.get(2).to()).isEqualTo(TaskStatus.CANCELED);
        assertThat(log.get(4).taskId()).isEqualTo(first);
        JobEvent requeued = log.get(5);
        assertThat(requeued.taskId()).isEqualTo(first);
        assertThat(requeued.from()).isEqualTo(TaskStatus.CANCELED);
        assertThat(requeued.to()).isEqualTo(TaskStatus.QUEUED);
        assertThat(requeued.attempt()).isEqualTo(2);

        // Pages of two, oldest first, until the last page has no cursor.
        List<JobEvent> paged = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var page = service.events("alice", job.jobId(), new PageRequest(2, cursor));
            paged.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(paged).isEqualTo(log);
    }

    private InvalidRequestException problem(String json) {
        try {
            fx.submit("alice", json);
        } catch (InvalidRequestException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted: " + json);
    }
}
