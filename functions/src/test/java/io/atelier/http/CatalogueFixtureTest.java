package io.atelier.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.config.BuiltInProviders;
import io.atelier.json.Json;
import io.atelier.providers.ProviderRegistry;
import io.atelier.providers.ProviderSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The web app's tests render the job form from a captured {@code GET /providers} answer; this keeps that capture equal
 * to what the catalogue code answers with every provider configured. After a change to a spec, refresh it with
 * {@code -Datelier.updateFixtures=true}.
 */
class CatalogueFixtureTest {
    private static final Path FIXTURE = Path.of("..", "web", "test", "fixtures", "providers.json");

    @Test
    void theWebAppsCapturedProvidersAnswerIsCurrent() throws Exception {
        ProviderSettings settings = ProviderSettings.of(Map.of(
                "GEMINI_API_KEY",
                "k",
                "OPENAI_API_KEY",
                "k",
                "DASHSCOPE_API_KEY",
                "k",
                "ARK_API_KEY",
                "k",
                "STABILITY_API_KEY",
                "k",
                "COMFYUI_URL",
                "http://127.0.0.1:8188"));
        ProviderRegistry registry = new ProviderRegistry(BuiltInProviders.all(settings));
        String answer = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Catalogue.of(registry)) + "\n";
        if (Boolean.getBoolean("atelier.updateFixtures")) Files.writeString(FIXTURE, answer, StandardCharsets.UTF_8);
        assertThat(FIXTURE)
                .as("web/test/fixtures/providers.json is stale: rerun this test with -Datelier.updateFixtures=true")
                .exists();
        // Compared as JSON: some limits are unordered maps, so their keys may come in another order.
        assertThat(Json.tree(Files.readString(FIXTURE, StandardCharsets.UTF_8)))
                .as("web/test/fixtures/providers.json is stale: rerun this test with -Datelier.updateFixtures=true")
                .isEqualTo(Json.tree(answer));
    }
}
