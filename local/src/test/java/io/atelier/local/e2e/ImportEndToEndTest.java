package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Fifty objects in the team's own bucket (in the S3 emulator): 45 photos, 3 files named .png that are not images and 2
 * text files. The import copies the 48 image-named objects in as uploads, filed by SKU from their keys, and names the 2
 * it refused; the upload check then rejects the 3 fakes with a reason, and a job runs over the 45 that are READY.
 */
class ImportEndToEndTest {
    static final String BUCKET = "team-photos";

    @Test
    void fiftyObjectsFromAPrefixAreImportedCheckedAndReportedOneByOne() throws Exception {
        Http api = IntegrationsStack.as("import-" + System.nanoTime());
        S3Client s3 = IntegrationsStack.get().aws().s3();
        if (!s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(BUCKET)))
            s3.createBucket(b -> b.bucket(BUCKET));
        String prefix = "spring-" + System.nanoTime() + "/";
        for (int i = 0; i < 45; i++) put(s3, prefix + "sku-" + (100 + i) + "-main.png", Flows.png(30 + i, 20));
        for (int i = 0; i < 3; i++)
            put(s3, prefix + "fake-" + i + "-main.png", ("not an image " + i).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 2; i++) put(s3, prefix + "notes-" + i + ".txt", "hello".getBytes(StandardCharsets.UTF_8));

        Http.Reply reply = api.post(
                "/imports",
                "{\"source\":\"s3://" + BUCKET + "/" + prefix
                        + "\",\"project\":\"spring\",\"namePattern\":\"{sku}-{role}.png\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode imported = reply.json();
        assertThat(imported.get("images")).hasSize(48);
        assertThat(imported.get("refused")).hasSize(2);
        assertThat(imported.get("refused").get(0).get("key").asText()).startsWith(prefix + "notes-");
        assertThat(imported.get("refused").get(0).get("reason").asText()).contains("PNG, JPEG or WebP");

        Map<String, String> statusByName = new HashMap<>();
        List<String> ready = new ArrayList<>();
        for (JsonNode image : imported.get("images")) {
            JsonNode checked =
                    Flows.awaitImage(api, image.get("imageId").asText(), status -> !status.equals("PENDING"));
            assertThat(checked.get("name").asText()).isEqualTo(image.get("name").asText());
            statusByName.put(image.get("name").asText(), checked.get("status").asText());
            if (checked.get("status").asText().equals("READY"))
                ready.add(image.get("imageId").asText());
            else assertThat(checked.get("reason").asText()).isNotBlank();
        }
        assertThat(ready).hasSize(45);
        assertThat(statusByName)
                .containsEntry("fake-0-main.png", "REJECTED")
                .containsEntry("sku-100-main.png", "READY");
        // Filed by SKU from the key, as an upload with the same pattern would be.
        JsonNode first = imported.get("images").get(0);
        assertThat(first.get("sku").asText()).isEqualTo("fake-0");
        JsonNode image = api.get("/images/"
                        + imported.get("images").get(3).get("imageId").asText())
                .json();
        assertThat(image.get("project").asText()).isEqualTo("spring");
        assertThat(image.get("sku").asText()).isEqualTo("sku-100");
        assertThat(image.get("role").asText()).isEqualTo("main");

        String jobId = Flows.submit(api, Flows.upscaleJob(ready, 2));
        JsonNode done = Flows.awaitJob(api, jobId, "SUCCEEDED"::equals);
        assertThat(done.get("counts").get("succeeded").asInt()).isEqualTo(45);
    }

    @Test
    void sourcesOutsideTheGrantOrMalformedAreRefusedNamingTheField() throws Exception {
        Http api = IntegrationsStack.as("import-bad-" + System.nanoTime());
        assertThat(api.post("/imports", "{\"source\":\"s3://someone-elses-bucket/x/\"}")
                        .problemField())
                .isEqualTo("source");
        assertThat(api.post("/imports", "{\"source\":\"https://" + BUCKET + ".s3.amazonaws.com/x/\"}")
                        .problemField())
                .isEqualTo("source");
        assertThat(api.post("/imports", "{}").problemField()).isEqualTo("source");
        assertThat(api.post(
                                "/imports",
                                "{\"source\":\"s3://" + BUCKET
                                        + "/x/\",\"namePattern\":\"{sku}-{shade}.png\",\"project\":\"p\"}")
                        .problemField())
                .isEqualTo("namePattern");
        S3Client s3 = IntegrationsStack.get().aws().s3();
        if (!s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(BUCKET)))
            s3.createBucket(b -> b.bucket(BUCKET));
        assertThat(api.post("/imports", "{\"source\":\"s3://" + BUCKET + "/nothing-here-" + System.nanoTime() + "/\"}")
                        .problemField())
                .isEqualTo("source");
    }

    private static void put(S3Client s3, String key, byte[] bytes) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
    }
}
