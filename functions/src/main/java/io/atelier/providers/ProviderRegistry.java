package io.atelier.providers;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The providers this deployment knows, by id, in catalogue order. */
public final class ProviderRegistry {
    private final Map<String, ImageProvider> byId = new LinkedHashMap<>();

    public ProviderRegistry(List<ImageProvider> providers) {
        providers.forEach(provider -> byId.put(provider.id(), provider));
    }

    public Optional<ImageProvider> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<ImageProvider> all() {
        return byId.values();
    }
}
