package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A job's {@code outputName} over HTTP: 12 images filed by SKU, upscaled with {@code {sku}/{sku}_{role}.{ext}}, name
 * their results, their downloads and the zip's entries (one folder per SKU); names that would collide, unknown
 * variables and Windows' reserved names are handled at submit.
 */
class OutputNamesApiTest {
    private static Http owner;
    private static List<JsonNode> images;

    @BeforeAll
    static void twelveImagesBySku() throws Exception {
        owner = RealStack.as("names-" + System.nanoTime());
        ProjectsApiTest.uploadTwelveBySku(owner);
        images = new ArrayList<>();
        owner.get("/images?project=spring&limit=100").json().get("images").forEach(images::add);
        assertThat(images).hasSize(12);
    }

    static String job(List<JsonNode> images, String outputName, String extraItemField) {
        StringBuilder items = new StringBuilder();
        for (JsonNode image : images)
            items.append(items.isEmpty() ? "" : ",")
                    .append("{\"imageId\":\"")
                    .append(image.get("imageId").asText())
                    .append('"')
                    .append(extraItemField)
                    .append('}');
        return "{\"name\":\"spring\",\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2},"
                + "\"outputName\":\"" + outputName + "\",\"items\":[" + items + "]}";
    }

    @Test
    void resultsDownloadsAndZipEntriesTakeTheTemplatesNamesInFoldersPerSku() throws Exception {
        String jobId = Flows.submit(owner, job(images, "{sku}/{sku}_{role}.{ext}", ""));
        Flows.awaitJob(owner, jobId, "SUCCEEDED"::equals);
        JsonNode tasks = owner.get("/jobs/" + jobId + "/tasks").json().get("tasks");
        List<String> names = new ArrayList<>();
        for (JsonNode task : tasks) {
            JsonNode image = imageOf(task.get("imageId").asText());
            String sku = image.get("sku").asText(), role = image.get("role").asText();
            assertThat(task.get("outputName").asText()).isEqualTo(sku + "/" + sku + "_" + role);
            assertThat(task.get("output").get("name").asText()).isEqualTo(sku + "/" + sku + "_" + role + ".png");
            names.add(task.get("output").get("name").asText());
        }
        HttpResponse<byte[]> download = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        tasks.get(0).get("output").get("url").asText()))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        String file = tasks.get(0).get("output").get("name").asText().replaceAll(".*/", "");
        assertThat(download.headers().firstValue("Content-Disposition")).hasValue("inline; filename*=UTF-8''" + file);

        Map<String, byte[]> zip = unzip(Http.download(
                owner.post("/jobs/" + jobId + "/archive", "").json().get("url").asText()));
        assertThat(zip.keySet()).containsExactlyInAnyOrderElementsOf(concat(names, "manifest.csv"));
        assertThat(zip.keySet().stream()
                        .filter(name -> name.contains("/"))
                        .map(name -> name.substring(0, name.indexOf('/')))
                        .distinct())
                .containsExactlyInAnyOrder("sku-101", "sku-102", "sku-103", "sku-104");
        String manifest = new String(zip.get("manifest.csv"), StandardCharsets.UTF_8);
        assertThat(manifest).contains(",sku-103/sku-103_side.png,");
    }

    @Test
    void twoResultsWithOneNameAreA400NamingOutputNameAndNothingRuns() {
        int jobsBefore = owner.get("/jobs").json().get("jobs").size();
        Http.Reply collide = owner.post("/jobs", job(images, "{sku}.{ext}", ""));
        assertThat(collide.status()).isEqualTo(400);
        assertThat(collide.isProblem()).isTrue();
        JsonNode error = collide.json().get("errors").get(0);
        assertThat(error.get("field").asText()).endsWith(", outputName").startsWith("items[");
        assertThat(error.get("message").asText()).contains("is also the name of items[");

        Http.Reply unknown = owner.post("/jobs", job(images, "{sku}_{colour}.{ext}", ""));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asText()).isEqualTo("outputName");
        Http.Reply extInside = owner.post("/jobs", job(images, "{ext}/{name}", ""));
        assertThat(extInside.json().get("errors").get(0).get("field").asText()).isEqualTo("outputName");
        Http.Reply itemTemplate =
                owner.post("/jobs", job(images.subList(0, 1), "{name}", ",\"outputName\":\"{shade}\""));
        assertThat(itemTemplate.json().get("errors").get(0).get("field").asText())
                .isEqualTo("items[0].outputName");
        assertThat(owner.get("/jobs").json().get("jobs")).hasSize(jobsBefore);
    }

    @Test
    void reservedAndForbiddenNamesAreMadeSafeForWindowsAndMac() throws Exception {
        List<JsonNode> two = images.subList(0, 2);
        String body =
                "{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2},\"outputName\":\"{customId}.{ext}\","
                        + "\"items\":[{\"imageId\":\""
                        + two.get(0).get("imageId").asText() + "\",\"customId\":\"CON\"},"
                        + "{\"imageId\":\"" + two.get(1).get("imageId").asText()
                        + "\",\"customId\":\"a<b>:c|d?*. \"}]}";
        String jobId = Flows.submit(owner, body);
        Flows.awaitJob(owner, jobId, "SUCCEEDED"::equals);
        List<String> names = new ArrayList<>();
        owner.get("/jobs/" + jobId + "/tasks")
                .json()
                .get("tasks")
                .forEach(task -> names.add(task.get("output").get("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("_CON.png", "a_b__c_d__.png");
    }

    private static JsonNode imageOf(String imageId) {
        return images.stream()
                .filter(image -> image.get("imageId").asText().equals(imageId))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> concat(List<String> names, String more) {
        List<String> out = new ArrayList<>(names);
        out.add(more);
        return out;
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) entries.put(entry.getName(), in.readAllBytes());
        }
        return entries;
    }
}
