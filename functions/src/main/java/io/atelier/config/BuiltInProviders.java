package io.atelier.config;

import io.atelier.providers.ImageProvider;
import io.atelier.providers.ProviderSettings;
import io.atelier.providers.ark.ArkProvider;
import io.atelier.providers.comfyui.ComfyUiProvider;
import io.atelier.providers.dashscope.DashScopeProvider;
import io.atelier.providers.gemini.GeminiProvider;
import io.atelier.providers.local.LocalProvider;
import io.atelier.providers.openai.OpenAiProvider;
import io.atelier.providers.stability.StabilityProvider;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place a provider is registered: every provider Atelier ships, in catalogue order. The deployment's registry,
 * the catalogue fixture the web app's tests render, the known ids of {@code PROVIDER_CONCURRENCY} and the price table's
 * check all read this list.
 */
public final class BuiltInProviders {
    private BuiltInProviders() {}

    public static List<ImageProvider> all(ProviderSettings settings) {
        return List.of(
                new LocalProvider(),
                new GeminiProvider(settings),
                new OpenAiProvider(settings),
                new DashScopeProvider(settings),
                new ArkProvider(settings),
                new StabilityProvider(settings),
                new ComfyUiProvider(settings));
    }

    public static Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        all(ProviderSettings.of(Map.of())).forEach(provider -> ids.add(provider.id()));
        return ids;
    }
}
