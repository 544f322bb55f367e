package io.atelier.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.model.Ids;
import io.atelier.model.Job;
import io.atelier.store.ImportRecords.ImportRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ImportRecords} must do with an {@code Idempotency-Key}, run against the in-memory store and
 * DynamoDB Local: the import and its key stored together or not at all, and one key space with the jobs' keys.
 */
public abstract class ImportRecordsContract {
    protected final Instant now = Instant.parse("2026-12-02T12:00:00Z");

    /** The imports, on the same table (key space) as {@link #jobs()}. */
    protected abstract ImportRecords records();

    protected abstract JobStore jobs();

    private ImportRecord record(String owner) {
        return ImportRecord.started(
                owner, Ids.importId(), "team-photos", "spring/", null, null, "{\"operation\":\"upscale\"}", now);
    }

    private IdempotencyKey key(String name, String hash) {
        return new IdempotencyKey(name, hash, now.plus(Duration.ofHours(24)));
    }

    @Test
    void anImportAndItsKeyAreStoredTogether() {
        String owner = "imports-" + Ids.ulid();
        ImportRecord first = record(owner);
        assertThat(records().create(first, key("k-1", "h-1"))).isEqualTo(KeyedJob.ofImport(first.importId(), "h-1"));
        assertThat(records().find(owner, first.importId())).contains(first);
        assertThat(records().findIdempotencyKey(owner, "k-1", now))
                .contains(KeyedJob.ofImport(first.importId(), "h-1"));
        assertThat(jobs().findIdempotencyKey(owner, "k-1", now))
                .as("one key space with the jobs")
                .contains(KeyedJob.ofImport(first.importId(), "h-1"));
        assertThat(records().findIdempotencyKey("someone-else", "k-1", now)).isEmpty();
    }

    @Test
    void theSecondImportWithAKeyIsNotStoredAndIsAnsweredTheFirst() {
        String owner = "imports-" + Ids.ulid();
        ImportRecord first = record(owner), second = record(owner);
        records().create(first, key("k-2", "h-1"));
        assertThat(records().create(second, key("k-2", "h-2")))
                .as("the first import wins, with its request's hash")
                .isEqualTo(KeyedJob.ofImport(first.importId(), "h-1"));
        assertThat(records().find(owner, second.importId())).isEmpty();
    }

    @Test
    void aKeyHeldByAJobRefusesAnImportAndTheOtherWayRound() {
        String owner = "imports-" + Ids.ulid();
        Job job = JobStoreContract.emptyJob(owner, now);
        jobs().create(job, List.of(), key("k-3", "h-job"));
        ImportRecord refused = record(owner);
        assertThat(records().create(refused, key("k-3", "h-import"))).isEqualTo(new KeyedJob(job.jobId(), "h-job"));
        assertThat(records().find(owner, refused.importId())).isEmpty();

        ImportRecord first = record(owner);
        records().create(first, key("k-4", "h-import"));
        Job late = JobStoreContract.emptyJob(owner, now);
        assertThat(jobs().create(late, List.of(), key("k-4", "h-job")))
                .isEqualTo(KeyedJob.ofImport(first.importId(), "h-import"));
        assertThat(jobs().findJob(owner, late.jobId())).isEmpty();
    }

    @Test
    void anExpiredKeyIsClaimedByTheNextImport() {
        String owner = "imports-" + Ids.ulid();
        ImportRecord first = record(owner);
        records().create(first, new IdempotencyKey("k-5", "h-1", now.minusSeconds(60)));
        assertThat(records().findIdempotencyKey(owner, "k-5", now))
                .as("expired")
                .isEmpty();
        ImportRecord second = record(owner);
        assertThat(records().create(second, key("k-5", "h-2"))).isEqualTo(KeyedJob.ofImport(second.importId(), "h-2"));
        assertThat(records().find(owner, second.importId())).contains(second);
    }

    @Test
    void anImportWithoutAKeyIsStoredAlone() {
        String owner = "imports-" + Ids.ulid();
        ImportRecord plain = record(owner);
        assertThat(records().create(plain, null)).isEqualTo(KeyedJob.ofImport(plain.importId(), null));
        assertThat(records().find(owner, plain.importId())).contains(plain);
    }
}
