package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Prompt templates over HTTP: created, listed by group with their variables, changed, deleted; a favourite group;
 * localStorage templates imported once (a second import adds nothing); bad input named; another user's templates 404.
 */
class TemplatesApiTest {

    @Test
    void templatesLiveServerSidePerUserWithGroupsAFavouriteAndAOneTimeImport() throws Exception {
        Http owner = RealStack.as("templates-" + System.nanoTime());
        Http stranger = RealStack.as("stranger-" + System.nanoTime());
        assertThat(owner.get("/templates").json().get("templates")).isEmpty();

        Http.Reply created = owner.post(
                "/templates",
                "{\"name\":\"White studio\",\"text\":\"{sku} on pure white, {colour} accent\",\"group\":\"Catalogue\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode template = created.json();
        String id = template.get("templateId").asText();
        assertThat(id).startsWith("tpl_");
        assertThat(template.get("variables")).extracting(JsonNode::asText).containsExactly("sku", "colour");
        owner.post("/templates", "{\"name\":\"Lifestyle\",\"text\":\"{name} in a sunny kitchen\"}");

        JsonNode listing = owner.get("/templates").json();
        assertThat(listing.get("templates"))
                .extracting(t -> t.get("name").asText())
                .containsExactly("Lifestyle", "White studio");
        assertThat(listing.get("favouriteGroup").isNull()).isTrue();
        Http.Reply favourite =
                owner.send("PUT", "/template-settings", "{\"favouriteGroup\":\"Catalogue\"}", java.util.Map.of());
        assertThat(favourite.status()).as(favourite.body()).isEqualTo(200);
        assertThat(owner.get("/templates").json().get("favouriteGroup").asText())
                .isEqualTo("Catalogue");

        Http.Reply updated = owner.send(
                "PUT",
                "/templates/" + id,
                "{\"name\":\"White studio\",\"text\":\"{sku} on white\",\"group\":\"Catalogue\"}",
                java.util.Map.of());
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(owner.get("/templates/" + id).json().get("text").asText()).isEqualTo("{sku} on white");

        // The browser's localStorage templates, offered once: a second import adds nothing.
        String local =
                "{\"templates\":[{\"name\":\"white studio\",\"text\":\"old\"},{\"name\":\"Flat lay\",\"text\":\"flat lay, top view\"}]}";
        JsonNode imported = owner.post("/templates/import", local).json();
        assertThat(imported.get("created"))
                .extracting(t -> t.get("name").asText())
                .containsExactly("Flat lay");
        assertThat(imported.get("skipped")).extracting(JsonNode::asText).containsExactly("white studio");
        JsonNode again = owner.post("/templates/import", local).json();
        assertThat(again.get("created")).isEmpty();
        assertThat(owner.get("/templates").json().get("templates")).hasSize(3);

        assertThat(field(owner.post("/templates", "{\"text\":\"x\"}"))).isEqualTo("name");
        assertThat(field(owner.post("/templates", "{\"name\":\"x\",\"text\":\"{sku\"}")))
                .isEqualTo("text");
        assertThat(field(owner.post("/templates", "{\"name\":\"x\",\"text\":\"y\",\"group\":7}")))
                .isEqualTo("group");
        assertThat(field(owner.post(
                        "/templates/import", "{\"templates\":[{\"name\":\"ok\",\"text\":\"fine\"},{\"name\":\"\"}]}")))
                .isEqualTo("templates[1].name");
        assertThat(field(owner.send("PUT", "/template-settings", "{\"favouriteGroup\":5}", java.util.Map.of())))
                .isEqualTo("favouriteGroup");

        for (Http.Reply foreign : new Http.Reply[] {
            stranger.get("/templates/" + id),
            stranger.send("PUT", "/templates/" + id, "{\"name\":\"mine\",\"text\":\"mine\"}", java.util.Map.of()),
            stranger.delete("/templates/" + id),
            owner.get("/templates/tpl_nope")
        }) {
            assertThat(foreign.status()).isEqualTo(404);
            assertThat(foreign.isProblem()).isTrue();
        }
        assertThat(stranger.get("/templates").json().get("templates")).isEmpty();
        assertThat(owner.get("/templates/" + id).json().get("name").asText())
                .as("untouched by the stranger")
                .isEqualTo("White studio");

        assertThat(owner.delete("/templates/" + id).status()).isEqualTo(204);
        assertThat(owner.get("/templates/" + id).status()).isEqualTo(404);
        assertThat(owner.delete("/templates/" + id).status()).isEqualTo(404);
    }

    @Test
    void aJobFillsATemplatePerItemFromTheImageTheJobAndTheManifestRow() throws Exception {
        Http owner = RealStack.as("template-jobs-" + System.nanoTime());
        ProjectsApiTest.uploadTwelveBySku(owner);
        java.util.List<JsonNode> images = new java.util.ArrayList<>();
        owner.get("/images?project=spring&sku=sku-101").json().get("images").forEach(images::add);
        String id = owner.post(
                        "/templates", "{\"name\":\"Studio\",\"text\":\"{sku} ({name}) on white, {colour} accent\"}")
                .json()
                .get("templateId")
                .asText();
        String items = "[{\"imageId\":\"" + images.get(0).get("imageId").asText() + "\"},{\"imageId\":\""
                + images.get(1).get("imageId").asText() + "\",\"templateValues\":{\"colour\":\"green\"}}]";
        String job = "{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2},\"items\":" + items
                + ",\"promptTemplate\":{\"templateId\":\"" + id + "\",\"values\":{\"colour\":\"red\"}}}";
        String jobId = Flows.submit(owner, job);
        java.util.Map<String, String> prompts = new java.util.HashMap<>();
        owner.get("/jobs/" + jobId + "/tasks")
                .json()
                .get("tasks")
                .forEach(task -> prompts.put(
                        task.get("imageId").asText(), task.get("prompt").asText()));
        String first = images.get(0).get("name").asText().replace(".png", "");
        String second = images.get(1).get("name").asText().replace(".png", "");
        assertThat(prompts)
                .containsEntry(images.get(0).get("imageId").asText(), "sku-101 (" + first + ") on white, red accent")
                .containsEntry(
                        images.get(1).get("imageId").asText(), "sku-101 (" + second + ") on white, green accent");

        assertThat(field(owner.post("/jobs", job.replace(",\"values\":{\"colour\":\"red\"}", ""))))
                .isEqualTo("items[0].templateValues.colour");
        String manifest = "{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2},"
                + "\"promptTemplate\":{\"templateId\":\"" + id + "\"},\"manifest\":{\"format\":\"csv\",\"text\":\""
                + "image,var.colour\\nsku-101-main.png,blue\\nsku-101-back.png,\\n\"}}";
        assertThat(field(owner.post("/jobs", manifest))).isEqualTo("row 3, var.colour");
        String fromManifest = Flows.submit(owner, manifest.replace("sku-101-back.png,", "sku-101-back.png,teal"));
        assertThat(owner.get("/jobs/" + fromManifest + "/tasks")
                        .json()
                        .get("tasks")
                        .findValuesAsText("prompt"))
                .containsExactlyInAnyOrder(
                        "sku-101 (sku-101-main) on white, blue accent", "sku-101 (sku-101-back) on white, teal accent");

        Http stranger = RealStack.as("stranger-" + System.nanoTime());
        assertThat(field(stranger.post("/jobs", job))).isIn("promptTemplate.templateId", "items[0].imageId");
        String strangersOwn = stranger.post("/templates", "{\"name\":\"x\",\"text\":\"x\"}")
                .json()
                .get("templateId")
                .asText();
        assertThat(field(owner.post("/jobs", job.replace(id, strangersOwn)))).isEqualTo("promptTemplate.templateId");
    }

    private static String field(Http.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.isProblem()).isTrue();
        return reply.json().get("errors").get(0).get("field").asText();
    }
}
