package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * "Download all" past the synchronous bound (two results on this stack): 202 with a Location, ArchiveFunction builds
 * the zip from the archive queue, and the poll answers READY with a link to a zip of every result and the manifest.
 */
class LargeArchiveEndToEndTest {
    @Test
    void aLargeZipIsBuiltInTheBackgroundAndPolledUntilReady() throws Exception {
        Http api = IntegrationsStack.as("archive-" + System.nanoTime());
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) files.put("big" + i + ".png", Flows.png(50 + i, 40));
        List<String> images = Flows.upload(api, files, "image/png");
        for (String id : images) Flows.awaitImage(api, id, "READY"::equals);
        String jobId = Flows.submit(api, Flows.upscaleJob(images, 2));
        Flows.awaitJob(api, jobId, "SUCCEEDED"::equals);

        Http.Reply started = api.post("/jobs/" + jobId + "/archive", "{}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().get("status").asText()).isEqualTo("BUILDING");
        assertThat(started.json().get("count").asInt()).isEqualTo(3);
        String archiveId = started.json().get("archiveId").asText();
        String path = "/jobs/" + jobId + "/archives/" + archiveId;
        JsonNode ready =
                Flows.await(api, path, json -> !json.get("status").asText().equals("BUILDING"), Duration.ofSeconds(60));
        assertThat(ready.get("status").asText()).isEqualTo("READY");

        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(
                new ByteArrayInputStream(Http.download(ready.get("url").asText())))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) names.add(entry.getName());
        }
        assertThat(names).containsExactlyInAnyOrder("big0.png", "big1.png", "big2.png", "manifest.csv");

        Http other = IntegrationsStack.as("archive-other-" + System.nanoTime());
        assertThat(other.get(path).status()).isEqualTo(404);
        assertThat(api.get("/jobs/" + jobId + "/archives/arc_01KBF3Z6W8S4ABCDEFGHJKMNPQ")
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/jobs/" + jobId + "/archives/nope").status()).isEqualTo(404);
    }
}
