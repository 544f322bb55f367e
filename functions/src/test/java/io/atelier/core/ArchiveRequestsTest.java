package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.json.Json;
import io.atelier.model.Job;
import io.atelier.model.Task;
import io.atelier.store.ArchiveRecords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "Download all" at any size: small zips at once, large ones planned, queued, built once and polled. */
class ArchiveRequestsTest {
    private final CoreFixture fx = new CoreFixture();
    private final Map<String, ArchiveRecords.ArchiveRecord> records = new HashMap<>();
    private final List<Archives.Plan> queued = new ArrayList<>();
    private final ArchiveRecords store = new ArchiveRecords() {
        @Override
        public void put(ArchiveRecord record) {
            records.put(record.owner() + "|" + record.archiveId(), record);
        }

        @Override
        public Optional<ArchiveRecord> find(String owner, String archiveId) {
            return Optional.ofNullable(records.get(owner + "|" + archiveId));
        }
    };

    private ArchiveRequests requests(int maxEntries, long maxBytes) {
        Archives archives = new Archives(fx.jobs, fx.blobs, fx.clock, fx.limits.downloadUrlTtl());
        // Through JSON, as the plan travels on SQS.
        return new ArchiveRequests(
                archives,
                store,
                plan -> queued.add(Json.read(Json.write(plan), Archives.Plan.class)),
                maxEntries,
                maxBytes,
                fx.clock);
    }

    private Job jobWithResults(int results) throws Exception {
        String[] names = new String[results];
        for (int i = 0; i < results; i++) names[i] = "p" + i + ".png";
        Job job = ResultFixture.job(fx, "alice", names);
        for (Task task : ResultFixture.tasks(fx, job)) ResultFixture.succeed(fx, task, new byte[1000], "png");
        return job;
    }

    @Test
    void aSmallZipIsBuiltAtOnce() throws Exception {
        Job job = jobWithResults(3);
        ArchiveRequests.Answer answer = requests(3, 3000).request("alice", job.jobId(), null);
        assertThat(answer.pending()).isNull();
        assertThat(answer.built().count()).isEqualTo(3);
        assertThat(answer.built().url()).isNotNull();
        assertThat(queued).isEmpty();
    }

    @Test
    void pastEitherThresholdTheZipIsBuiltInTheBackgroundOnceAndPolled() throws Exception {
        Job job = jobWithResults(3);
        for (ArchiveRequests requests : List.of(requests(2, Long.MAX_VALUE), requests(100, 2999))) {
            queued.clear();
            ArchiveRequests.Answer answer = requests.request("alice", job.jobId(), null);
            assertThat(answer.built()).isNull();
            assertThat(answer.pending())
                    .containsEntry("status", "BUILDING")
                    .containsEntry("count", 3)
                    .containsEntry("size", 3000L)
                    .doesNotContainKey("url");
            String archiveId = (String) answer.pending().get("archiveId");
            assertThat(requests.status("alice", job.jobId(), archiveId)).containsEntry("status", "BUILDING");
            assertThat(fx.blobs.objects.keySet()).noneMatch(key -> key.contains(archiveId));

            assertThat(queued).hasSize(1);
            requests.build(queued.get(0));
            Map<String, Object> ready = requests.status("alice", job.jobId(), archiveId);
            assertThat(ready)
                    .containsEntry("status", "READY")
                    .containsEntry("count", 3)
                    .containsKey("url");
            assertThat((long) ready.get("size")).isGreaterThan(3000);
            String key = queued.get(0).key();
            byte[] zip = fx.blobs.objects.get(key);
            requests.build(queued.get(0)); // a redelivered message builds nothing again
            assertThat(fx.blobs.objects.get(key)).isSameAs(zip);

            assertThatThrownBy(() -> requests.status("bob", job.jobId(), archiveId))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> requests.status("alice", "job_other", archiveId))
                    .isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void refusalsComeBeforeAnythingIsQueued() throws Exception {
        Job job = ResultFixture.job(fx, "alice", "a.png");
        assertThatThrownBy(() -> requests(0, 0).request("alice", job.jobId(), null))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> requests(0, 0).request("bob", job.jobId(), null))
                .isInstanceOf(NotFoundException.class);
        assertThat(queued).isEmpty();
        assertThat(records).isEmpty();
    }
}
