package io.atelier.http;

import io.atelier.providers.ImageProvider;
import io.atelier.providers.ProviderRegistry;
import io.atelier.providers.spec.JsonSchemas;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /providers}: every provider with whether it is configured, what it does and its limits, and each
 * operation's parameters as JSON Schema ({@code parameters}: operation → schema, see {@link JsonSchemas}).
 */
public final class Catalogue {
    private Catalogue() {}

    public static Map<String, Object> of(ProviderRegistry registry) {
        List<Map<String, Object>> providers =
                registry.all().stream().map(Catalogue::entry).toList();
        return Map.of("providers", providers);
    }

    private static Map<String, Object> entry(ImageProvider provider) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", provider.id());
        out.put("configured", provider.configured());
        out.put("operations", List.copyOf(provider.operations()));
        out.put("models", provider.models());
        out.put("limits", provider.limits());
        out.put("cmykInput", provider.takesCmyk());
        Map<String, Object> parameters = new LinkedHashMap<>();
        provider.parameters().forEach((operation, spec) -> parameters.put(operation, JsonSchemas.of(spec)));
        out.put("parameters", parameters);
        return out;
    }
}
