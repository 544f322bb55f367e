package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.json.Json;
import io.atelier.model.Counts;
import io.atelier.model.FanOutMessage;
import io.atelier.model.Job;
import io.atelier.model.JobStatus;
import io.atelier.model.Task;
import io.atelier.model.TaskMessage;
import io.atelier.model.TaskStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A pilot runs a job's first items; the rest waits, counted, until the owner continues or cancels. */
class PilotTest {
    private static final Duration LEASE = Duration.ofMinutes(15);
    private final CoreFixture fx = new CoreFixture();
    private final List<FanOutMessage> fanOuts = new ArrayList<>();

    private JobService service() {
        return fx.jobService(fanOuts::add);
    }

    private Job submit(int items, String pilot) throws Exception {
        String[] ids = new String[items];
        for (int i = 0; i < items; i++) ids[i] = fx.readyImage("alice", 8, 8);
        String body = CoreFixture.upscaleJob(ids).replaceFirst("^\\{", "{\"pilot\":" + pilot + ",");
        return service().submit("alice", Json.tree(body), Optional.empty());
    }

    /** Runs what the fan-out message makes, then every queued message, as the functions would. */
    private void fanOutAndRun() {
        new FanOut(fx.jobs, fx.queue, fx.clock).run(fanOuts.remove(0));
        while (!fx.queue.sent.isEmpty()) {
            List<TaskMessage> batch = new ArrayList<>(fx.queue.sent);
            fx.queue.sent.clear();
            for (TaskMessage message : batch) fx.runner().run(message, LEASE);
        }
    }

    private Job job(Job job) {
        return service().get("alice", job.jobId());
    }

    @Test
    void thePilotRunsItsItemsThenTheJobAwaitsApprovalAndContinueRunsTheRest() throws Exception {
        Job job = submit(5, "2");
        assertThat(job.pilot().size()).isEqualTo(2);
        assertThat(job.pilot().held()).isTrue();
        assertThat(job.pilot().rest())
                .as("the dry run's estimate of the three tasks after the pilot")
                .isEqualByComparingTo(job.spend().estimated().multiply(new BigDecimal("0.6")));
        assertThat(job(job).counts()).as("exact from the first poll").isEqualTo(Counts.allQueued(5));

        fanOutAndRun();
        List<Task> ran = fx.jobs.allTasks(job.jobId());
        assertThat(ran).hasSize(2).allMatch(task -> task.status() == TaskStatus.SUCCEEDED);
        Job awaiting = job(job);
        assertThat(awaiting.status()).isEqualTo(JobStatus.AWAITING_APPROVAL);
        assertThat(awaiting.counts()).isEqualTo(new Counts(5, 3, 0, 0, 2, 0, 0));
        assertThat(awaiting.completedAt()).isNull();
        assertThat(fanOuts).as("nothing more until the owner says so").isEmpty();

        Job continued = service().continuePilot("alice", job.jobId());
        assertThat(continued.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(continued.pilot().held()).isFalse();
        assertThatThrownBy(() -> service().continuePilot("alice", job.jobId()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("AWAITING_APPROVAL");
        fanOutAndRun();
        Job done = job(job);
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.counts()).isEqualTo(new Counts(5, 0, 0, 0, 5, 0, 0));
        assertThat(fx.jobs.events(job.jobId()))
                .extracting(event -> event.type())
                .contains("job.continued");
    }

    @Test
    void aCanceledPilotCancelsTheHeldRestToo() throws Exception {
        Job job = submit(4, "1");
        fanOutAndRun();
        assertThat(job(job).status()).isEqualTo(JobStatus.AWAITING_APPROVAL);
        service().cancel("alice", job.jobId());
        fanOutAndRun();
        Job canceled = job(job);
        assertThat(canceled.counts()).isEqualTo(new Counts(4, 0, 0, 0, 1, 0, 3));
        assertThat(canceled.status()).isEqualTo(JobStatus.PARTIAL);
        assertThatThrownBy(() -> service().continuePilot("alice", job.jobId())).isInstanceOf(ConflictException.class);
    }

    @Test
    void continueIsOnlyForAJobAwaitingApprovalAndOnlyForItsOwner() throws Exception {
        Job job = submit(3, "1");
        assertThatThrownBy(() -> service().continuePilot("alice", job.jobId()))
                .as("the pilot has not run yet")
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("QUEUED");
        assertThatThrownBy(() -> service().continuePilot("mallory", job.jobId()))
                .isInstanceOf(NotFoundException.class);
        Job plain = submit(2, "null");
        assertThat(plain.pilot()).isNull();
        assertThatThrownBy(() -> service().continuePilot("alice", plain.jobId()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("no pilot");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "3", "4", "1.5", "\"1\"", "true", "99999999999", "[1]"})
    void aPilotOutsideOneToItemsLessOneIsA400NamingIt(String pilot) {
        assertThatThrownBy(() -> submit(3, pilot))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors())
                                .singleElement()
                                .satisfies(error -> assertThat(error.field()).isEqualTo("pilot")));
        assertThat(fanOuts).isEmpty();
    }
}
