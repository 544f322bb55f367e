package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.json.Json;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Idempotency keys: replays, misuse with another request, and expiry after 24 h (before the store's TTL sweep). */
class IdempotencyTest {
    private final CoreFixture fx = new CoreFixture();

    @Test
    void aTrueReplayAnswersTheFirstJobAndSaysSo() throws Exception {
        String a = fx.readyImage("alice", 8, 8);
        JobService service = fx.jobService();
        JobService.Submission first = service.accept("alice", Json.tree(CoreFixture.upscaleJob(a)), Optional.of("k-1"));
        // The same request with its keys in another order and other spacing is the same request.
        String reordered = "{ \"items\": [{\"imageId\":\"" + a
                + "\"}], \"params\": {\"factor\": 2}, \"provider\": \"local\", \"operation\": \"upscale\" }";
        JobService.Submission again = service.accept("alice", Json.tree(reordered), Optional.of("k-1"));
        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.job().jobId()).isEqualTo(first.job().jobId());
        assertThat(fx.queue.sent).hasSize(1);
    }

    @Test
    void theSameKeyForAnotherRequestIsRefusedNamingTheKey() throws Exception {
        String a = fx.readyImage("alice", 8, 8);
        String b = fx.readyImage("alice", 8, 8);
        JobService service = fx.jobService();
        service.accept("alice", Json.tree(CoreFixture.upscaleJob(a)), Optional.of("k-2"));
        assertThatThrownBy(() -> service.accept("alice", Json.tree(CoreFixture.upscaleJob(b)), Optional.of("k-2")))
                .isInstanceOfSatisfying(
                        IdempotencyKeyReusedException.class,
                        e -> assertThat(e.error().field()).isEqualTo("Idempotency-Key"));
        assertThat(fx.queue.sent).hasSize(1);
    }

    @Test
    void aKeyPastItsDayIsFreeAgainEvenBeforeTheStoreDeletesIt() throws Exception {
        String a = fx.readyImage("alice", 8, 8);
        JobService service = fx.jobService();
        String first = service.accept("alice", Json.tree(CoreFixture.upscaleJob(a)), Optional.of("k-3"))
                .job()
                .jobId();
        fx.now = fx.now.plus(Duration.ofHours(23));
        assertThat(service.accept("alice", Json.tree(CoreFixture.upscaleJob(a)), Optional.of("k-3"))
                        .job()
                        .jobId())
                .isEqualTo(first);
        fx.now = fx.now.plus(Duration.ofHours(2));
        JobService.Submission later = service.accept("alice", Json.tree(CoreFixture.upscaleJob(a)), Optional.of("k-3"));
        assertThat(later.replayed()).isFalse();
        assertThat(later.job().jobId()).isNotEqualTo(first);
        // And the key now belongs to the new job, with its own request.
        assertThat(service.accept("alice", Json.tree(CoreFixture.upscaleJob(a)), Optional.of("k-3"))
                        .job()
                        .jobId())
                .isEqualTo(later.job().jobId());
    }
}
