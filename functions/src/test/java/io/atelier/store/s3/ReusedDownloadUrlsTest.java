package io.atelier.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.fakes.MovableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Download URLs are handed out again for a few minutes, and each is valid at least as long as asked. */
class ReusedDownloadUrlsTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-03T10:00:00Z"));
    private final S3Presigner presigner = S3Presigner.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
            .build();
    // The presigner reads the system clock for X-Amz-Date; the store's clock decides when a URL is reused.
    private final S3BlobStore blobs = new S3BlobStore(
            () -> {
                throw new AssertionError("presigning needs no S3 client");
            },
            () -> presigner,
            "media",
            S3BlobStore.DEFAULT_PART_SIZE,
            new MovableClock(now::get));

    @AfterEach
    void close() {
        presigner.close();
    }

    @Test
    void theSameObjectGetsTheSameUrlForFiveMinutesSignedForItsTtlAndThose() {
        List<Duration> signed = new ArrayList<>();
        ReusedUrls urls = new ReusedUrls(new MovableClock(now::get));
        Function<Duration, URI> sign = duration -> {
            signed.add(duration);
            return URI.create("https://media/img_1.jpg?signature=" + signed.size());
        };
        Duration ttl = Duration.ofMinutes(15);
        URI first = urls.get("img_1", ttl, sign);

        now.set(now.get().plus(ReusedUrls.REUSE).minusSeconds(1));
        assertThat(urls.get("img_1", ttl, sign)).isEqualTo(first);
        now.set(now.get().plusSeconds(1));
        assertThat(urls.get("img_1", ttl, sign)).hasToString("https://media/img_1.jpg?signature=2");
        // Handed out for 5 minutes at most, each is valid its ttl after the last time it was.
        assertThat(signed).containsExactly(ttl.plus(ReusedUrls.REUSE), ttl.plus(ReusedUrls.REUSE));

        assertThat(blobs.presignDownload("previews/u/img_1.jpg", ttl, null).getQuery())
                .contains("X-Amz-Expires=" + ttl.plus(ReusedUrls.REUSE).toSeconds());
    }

    @Test
    void anotherObjectNameOrLifetimeIsSignedOnItsOwn() {
        Duration ttl = Duration.ofMinutes(15);
        URI preview = blobs.presignDownload("previews/u/img_1.jpg", ttl, null);
        URI named = blobs.presignDownload("previews/u/img_1.jpg", ttl, "shoe 1.jpg");
        URI longer = blobs.presignDownload("previews/u/img_1.jpg", Duration.ofHours(1), null);
        URI other = blobs.presignDownload("previews/u/img_2.jpg", ttl, null);

        assertThat(named.getQuery()).contains("filename*=UTF-8''shoe%201.jpg");
        assertThat(preview.getQuery()).doesNotContain("filename");
        assertThat(longer.getQuery()).contains("X-Amz-Expires=3900");
        assertThat(other.getPath()).endsWith("/img_2.jpg");
        assertThat(java.util.Set.of(preview, named, longer, other)).hasSize(4);
    }
}
