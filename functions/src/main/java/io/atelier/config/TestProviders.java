package io.atelier.config;

import io.atelier.providers.ImageProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A test hook, off unless configured: {@code ATELIER_TEST_PROVIDERS} names ImageProvider classes (comma separated,
 * each with a public no-argument constructor) to add to the registry, e.g. the fault-injecting stand-in provider of the
 * local runner's fault suite. template.yaml never sets it.
 */
final class TestProviders {
    private TestProviders() {}

    static List<ImageProvider> load(Optional<String> names) {
        List<ImageProvider> all = new ArrayList<>();
        if (names.isEmpty()) return all;
        for (String name : names.get().split(",")) {
            try {
                all.add((ImageProvider)
                        Class.forName(name.strip()).getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new ConfigurationException(
                        "ATELIER_TEST_PROVIDERS",
                        "names " + name.strip() + ", which is no ImageProvider with a public no-argument constructor");
            }
        }
        return List.copyOf(all);
    }
}
