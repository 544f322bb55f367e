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

        Http.Reply created = owner.post("/templates", "{\"name\":\"White studio\",\"text\":\"{sku} on pure white, {colour} accent\",\"group\":\"Catalogue\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode template = created.json();
        String id = template.get("templateId").asText();
        assertThat(id).startsWith("tpl_");
        assertThat(template.get("variables")).extracting(JsonNode::asText).containsExactly("sku", "colour");
        owner.post("/templates", "{\"name\":\"Lifestyle\",\"text\":\"{name} in a sunny kitchen\"}");

        JsonNode listing = owner.get("/templates").json();
        assertThat(listing.get("templates")).extracting(t -> t.get("name").asText()).containsExactly("Lifestyle", "White studio");
        assertThat(listing.get("favouriteGroup").isNull()).isTrue();
        Http.Reply favourite = owner.send("PUT", "/template-settings", "{\"favouriteGroup\":\"Catalogue\"}", java.util.Map.of());
        assertThat(favourite.status()).as(favourite.body()).isEqualTo(200);
        assertThat(owner.get("/templates").json().get("favouriteGroup").asText()).isEqualTo("Catalogue");

        Http.Reply updated = owner.send("PUT", "/templates/" + id, "{\"name\":\"White studio\",\"text\":\"{sku} on white\",\"group\":\"Catalogue\"}", java.util.Map.of());
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(owner.get("/templates/" + id).json().get("text").asText()).isEqualTo("{sku} on white");

        // The browser's localStorage templates, offered once: a second import adds nothing.
        String local = "{\"templates\":[{\"name\":\"white studio\",\"text\":\"old\"},{\"name\":\"Flat lay\",\"text\":\"flat lay, top view\"}]}";
        JsonNode imported = owner.post("/templates/import", local).json();
        assertThat(imported.get("created")).extracting(t -> t.get("name").asText()).containsExactly("Flat lay");
        assertThat(imported.get("skipped")).extracting(JsonNode::asText).containsExactly("white studio");
        JsonNode again = owner.post("/templates/import", local).json();
        assertThat(again.get("created")).isEmpty();
        assertThat(owner.get("/templates").json().get("templates")).hasSize(3);

        assertThat(field(owner.post("/templates", "{\"text\":\"x\"}"))).isEqualTo("name");
        assertThat(field(owner.post("/templates", "{\"name\":\"x\",\"text\":\"{sku\"}"))).isEqualTo("text");
        assertThat(field(owner.post("/templates", "{\"name\":\"x\",\"text\":\"y\",\"group\":7}"))).isEqualTo("group");
        assertThat(field(owner.post("/templates/import", "{\"templates\":[{\"name\":\"ok\",\"text\":\"fine\"},{\"name\":\"\"}]}")))
                .isEqualTo("templates[1].name");
        assertThat(field(owner.send("PUT", "/template-settings", "{\"favouriteGroup\":5}", java.util.Map.of()))).isEqualTo("favouriteGroup");

        for (Http.Reply foreign : new Http.Reply[] {stranger.get("/templates/" + id),
                stranger.send("PUT", "/templates/" + id, "{\"name\":\"mine\",\"text\":\"mine\"}", java.util.Map.of()),
                stranger.delete("/templates/" + id), owner.get("/templates/tpl_nope")}) {
            assertThat(foreign.status()).isEqualTo(404);
            assertThat(foreign.isProblem()).isTrue();
        }
        assertThat(stranger.get("/templates").json().get("templates")).isEmpty();
        assertThat(owner.get("/templates/" + id).json().get("name").asText()).as("untouched by the stranger").isEqualTo("White studio");

        assertThat(owner.delete("/templates/" + id).status()).isEqualTo(204);
        assertThat(owner.get("/templates/" + id).status()).isEqualTo(404);
        assertThat(owner.delete("/templates/" + id).status()).isEqualTo(404);
    }

    private static String field(Http.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.isProblem()).isTrue();
        return reply.json().get("errors").get(0).get("field").asText();
    }
}
