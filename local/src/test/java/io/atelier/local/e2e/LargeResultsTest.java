package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.local.AtelierLocal;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A job whose results outgrow the 512 MB heap S3Proxy once kept every object in: on its file store every task
 * still ends SUCCEEDED. Noise barely compresses: a ×4 upscale of 900×600 noise is a PNG of about 25 MB.
 */
class LargeResultsTest {
    private static final int IMAGES = 26;
    private static final long MORE_THAN_THE_OLD_HEAP = 600L * 1024 * 1024;

    @Test
    void resultsBeyondTheOldHeapAllSucceed(@TempDir Path data) throws Exception {
        try (AtelierLocal local = PersistentDataTest.startOn(data)) {
            Http api = new Http(local.apiUrl(), local.token("large-" + System.nanoTime()));
            Map<String, byte[]> files = new LinkedHashMap<>();
            SplittableRandom random = new SplittableRandom(42);
            for (int i = 0; i < IMAGES; i++) files.put("noise" + i + ".png", noisePng(900, 600, random));
            List<String> imageIds = Flows.upload(api, files, "image/png");
            for (String id : imageIds) Flows.awaitImage(api, id, "READY"::equals);

            String jobId = Flows.submit(api, Flows.upscaleJob(imageIds, 4));
            JsonNode job = Flows.await(
                    api,
                    "/jobs/" + jobId,
                    j -> List.of("SUCCEEDED", "PARTIAL", "FAILED", "CANCELED")
                            .contains(j.get("status").asText()),
                    Duration.ofSeconds(300)); // about a minute on two idle cores; far more on a shared machine
            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
            JsonNode tasks =
                    api.get("/jobs/" + jobId + "/tasks?limit=200").json().get("tasks");
            assertThat(tasks)
                    .hasSize(IMAGES)
                    .allMatch(t -> t.get("status").asText().equals("SUCCEEDED"));

            long resultBytes = local
                    .aws()
                    .s3()
                    .listObjectsV2Paginator(
                            b -> b.bucket(local.bucketName("MediaBucket")).prefix("results/"))
                    .contents()
                    .stream()
                    .filter(o -> o.key().contains(jobId))
                    .mapToLong(S3Object::size)
                    .sum();
            assertThat(resultBytes).isGreaterThan(MORE_THAN_THE_OLD_HEAP);
        }
    }

    private static byte[] noisePng(int width, int height, SplittableRandom random) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) image.setRGB(x, y, random.nextInt(1 << 24));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
