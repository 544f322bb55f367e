package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Projects and SKUs over HTTP: 12 uploads filed by a name pattern make 4 SKUs; another user sees none of it. */
class ProjectsApiTest {
    private static final String[] ROLES = {"main", "back", "side"};
    private static Http owner;
    private static Http stranger;

    @BeforeAll
    static void ownerUploadsTwelveImagesNamedBySku() throws Exception {
        owner = RealStack.as("projects-" + System.nanoTime());
        stranger = RealStack.as("stranger-" + System.nanoTime());
        uploadTwelveBySku(owner);
    }

    /** 12 PNGs named sku-101-main.png … sku-104-side.png, filed in project spring by {sku}-{role}.png, all READY. */
    static void uploadTwelveBySku(Http owner) throws Exception {
        byte[] png = Flows.png(64, 64);
        StringBuilder files = new StringBuilder();
        for (int sku = 1; sku <= 4; sku++)
            for (String role : ROLES)
                files.append(files.isEmpty() ? "" : ",")
                        .append("{\"name\":\"sku-10")
                        .append(sku)
                        .append('-')
                        .append(role)
                        .append(".png\",\"contentType\":\"image/png\",\"size\":")
                        .append(png.length)
                        .append('}');
        Http.Reply reply = owner.post(
                "/uploads", "{\"project\":\"spring\",\"namePattern\":\"{sku}-{role}.png\",\"files\":[" + files + "]}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        for (JsonNode ticket : reply.json().get("uploads")) {
            Map<String, String> headers = new LinkedHashMap<>();
            ticket.get("headers")
                    .fields()
                    .forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
            assertThat(Http.put(ticket.get("url").asText(), headers, png)).isEqualTo(200);
            ids.add(ticket.get("imageId").asText());
        }
        for (String id : ids) Flows.awaitImage(owner, id, "READY"::equals);
    }

    @Test
    void theProjectListsFourSkusWithTheMainImageFirst() {
        JsonNode projects = owner.get("/projects").json().get("projects");
        assertThat(projects).hasSize(1);
        assertThat(projects.get(0).get("projectId").asText()).isEqualTo("spring");
        assertThat(projects.get(0).get("images").asInt()).isEqualTo(12);

        JsonNode skus = owner.get("/projects/spring/skus").json().get("skus");
        assertThat(skus).hasSize(4);
        for (JsonNode sku : skus) {
            assertThat(sku.get("images")).hasSize(3);
            assertThat(sku.get("images").get(0).get("role").asText()).isEqualTo("main");
            assertThat(sku.get("mainImageId").asText())
                    .isEqualTo(sku.get("images").get(0).get("imageId").asText());
            assertThat(sku.get("status").asText()).isIn("new", "partial"); // the manifest test may have processed one
            assertThat(sku.get("counts").get("images").asInt()).isEqualTo(3);
        }
        assertThat(skus.get(1).get("sku").asText()).isEqualTo("sku-102");
    }

    @Test
    void imagesFilterByProjectAndSku() {
        JsonNode images = owner.get("/images?project=spring&sku=sku-102").json().get("images");
        assertThat(images).hasSize(3).allSatisfy(image -> {
            assertThat(image.get("sku").asText()).isEqualTo("sku-102");
            assertThat(image.get("project").asText()).isEqualTo("spring");
        });
        assertThat(owner.get("/images?project=spring&limit=5").json().get("images"))
                .hasSize(5);
        assertThat(owner.get("/images?project=autumn").json().get("images")).isEmpty();
    }

    @Test
    void badFiltersAndPatternsAre400sNamingTheField() {
        Http.Reply skuAlone = owner.get("/images?sku=sku-102");
        assertThat(skuAlone.status()).isEqualTo(400);
        assertThat(skuAlone.json().get("errors").get(0).get("field").asText()).isEqualTo("sku");
        Http.Reply badPattern = owner.post(
                "/uploads",
                "{\"project\":\"spring\",\"namePattern\":\"{sku}-{shade}.png\","
                        + "\"files\":[{\"name\":\"a-b.png\",\"contentType\":\"image/png\",\"size\":10}]}");
        assertThat(badPattern.status()).isEqualTo(400);
        assertThat(badPattern.isProblem()).isTrue();
        assertThat(badPattern.json().get("errors").get(0).get("field").asText()).isEqualTo("namePattern");
        Http.Reply offPattern = owner.post(
                "/uploads",
                "{\"project\":\"spring\",\"namePattern\":\"{sku}-{role}.png\","
                        + "\"files\":[{\"name\":\"nodash.png\",\"contentType\":\"image/png\",\"size\":10}]}");
        assertThat(offPattern.json().get("errors").get(0).get("field").asText()).isEqualTo("files[0].name");
    }

    @Test
    void aJobFromAManifestNamesImagesByFileNameAndABadRowStartsNothing() throws Exception {
        String manifest = "image,sku,customId\nsku-101-main.png,sku-101,a\nsku-102-main.png,sku-102,b\n";
        String job = "{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2},"
                + "\"outputName\":\"{sku}/{sku}_{role}.{ext}\",\"manifest\":{\"format\":\"csv\",\"text\":\""
                + manifest.replace("\n", "\\n") + "\"}}";
        String jobId = Flows.submit(owner, job);
        JsonNode done = Flows.awaitJob(owner, jobId, "SUCCEEDED"::equals);
        assertThat(done.get("counts").get("total").asInt()).isEqualTo(2);
        JsonNode sku101 = owner.get("/projects/spring/skus").json().get("skus").get(0);
        assertThat(sku101.get("sku").asText()).isEqualTo("sku-101");
        assertThat(sku101.get("status").asText()).isEqualTo("partial");
        assertThat(sku101.get("counts").get("processed").asInt()).isEqualTo(1);

        Http.Reply bad = owner.post("/jobs", job.replace("sku-102-main.png", "sku-104-front.jpg"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.isProblem()).isTrue();
        assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("row 3, image");
        assertThat(bad.json().get("errors").get(0).get("message").asText())
                .isEqualTo("no image named \"sku-104-front.jpg\"");
        Http.Reply foreign = stranger.post("/jobs", job);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(owner.get("/jobs").json().get("jobs")).hasSize(1);
    }

    @Test
    void anotherUsersProjectIs404AndTheirListsAreEmpty() {
        Http.Reply skus = stranger.get("/projects/spring/skus");
        assertThat(skus.status()).isEqualTo(404);
        assertThat(skus.isProblem()).isTrue();
        assertThat(owner.get("/projects/autumn/skus").status()).isEqualTo(404);
        assertThat(stranger.get("/projects").json().get("projects")).isEmpty();
        assertThat(stranger.get("/images?project=spring").json().get("images")).isEmpty();
    }
}
