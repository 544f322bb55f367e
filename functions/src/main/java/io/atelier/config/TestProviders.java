package io.atelier.config;

import io.atelier.providers.ImageProvider;
import io.atelier.providers.ProviderRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * A test hook, off unless configured: {@code ATELIER_TEST_PROVIDERS} names ImageProvider classes (comma separated,
 * each with a public no-argument constructor) to add to the registry, e.g. the fault-injecting stand-in provider of the
 * local runner's fault suite. template.yaml never sets it.
 */
final class TestProviders {
    private TestProviders() {}

    static ProviderRegistry addedTo(ProviderRegistry registry) {
        String names = Env.get("ATELIER_TEST_PROVIDERS", "");
        if (names.isBlank()) return registry;
        List<ImageProvider> all = new ArrayList<>(registry.all());
        for (String name : names.split(",")) {
            try {
                all.add((ImageProvider) Class.forName(name.strip()).getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IllegalStateException("ATELIER_TEST_PROVIDERS: cannot make a provider of " + name.strip(), e);
            }
        }
        return new ProviderRegistry(all);
    }
}
