package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.local.AtelierLocal;
import io.atelier.local.LocalOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/** `make run` on a data folder, stopped and started again: images, jobs, tasks and results are all still there. */
class PersistentDataTest {

    static AtelierLocal startOn(Path data) throws Exception {
        return AtelierLocal.start(LocalOptions.defaults()
                .withPort(0)
                .withTemplate(Path.of("..", "template.yaml"))
                .withWebDir(Path.of("..", "web"))
                .withDataDir(data));
    }

    @Test
    void aRestartKeepsImagesJobsTasksAndResults(@TempDir Path data) throws Exception {
        String user = "restart-" + System.nanoTime();
        String imageId;
        String jobId;
        JsonNode tasksBefore;
        try (AtelierLocal first = startOn(data)) {
            Http api = new Http(first.apiUrl(), first.token(user));
            imageId = Flows.upload(api, Map.of("kept.png", Flows.png(64, 48)), "image/png")
                    .get(0);
            Flows.awaitImage(api, imageId, "READY"::equals);
            jobId = Flows.submit(api, Flows.upscaleJob(List.of(imageId), 2));
            Flows.awaitJob(api, jobId, "SUCCEEDED"::equals);
            tasksBefore = api.get("/jobs/" + jobId + "/tasks").json().get("tasks");
        }

        try (AtelierLocal second = startOn(data)) {
            Http api = new Http(second.apiUrl(), second.token(user)); // a new signing key: a new token
            assertThat(api.get("/images/" + imageId).json().get("status").asText())
                    .isEqualTo("READY");
            JsonNode job = api.get("/jobs/" + jobId).json();
            assertThat(job.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(job.get("counts").get("succeeded").asInt()).isEqualTo(1);
            JsonNode tasks = api.get("/jobs/" + jobId + "/tasks").json().get("tasks");
            assertThat(tasks).hasSize(1);
            assertThat(tasks.get(0).get("taskId")).isEqualTo(tasksBefore.get(0).get("taskId"));
            assertThat(tasks.get(0).get("status").asText()).isEqualTo("SUCCEEDED");
            BufferedImage result = ImageIO.read(new ByteArrayInputStream(
                    Http.download(tasks.get(0).get("output").get("url").asText())));
            assertThat(result.getWidth()).isEqualTo(128);

            List<String> keys = second
                    .aws()
                    .s3()
                    .listObjectsV2Paginator(b -> b.bucket(second.bucketName("MediaBucket")))
                    .contents()
                    .stream()
                    .map(S3Object::key)
                    .toList();
            assertThat(keys)
                    .anyMatch(k -> k.startsWith("uploads/") && k.contains(imageId))
                    .anyMatch(k -> k.startsWith("results/") && k.contains(jobId));

            String again = Flows.submit(api, Flows.upscaleJob(List.of(imageId), 4));
            assertThat(again).isNotEqualTo(jobId);
            JsonNode done = Flows.awaitJob(
                    api, again, s -> List.of("SUCCEEDED", "FAILED", "PARTIAL").contains(s));
            assertThat(done.get("status").asText()).isEqualTo("SUCCEEDED");
        }
    }
}
