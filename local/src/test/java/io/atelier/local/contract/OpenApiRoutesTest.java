package io.atelier.local.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.local.template.Template;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The document and template.yaml name the same routes; only the runner's own (x-local-only) are the document's alone. */
class OpenApiRoutesTest {

    @Test
    void everyTemplateRouteIsDocumentedAndEveryDocumentedRouteIsInTheTemplate() throws Exception {
        assertThat(documentedRoutes(false)).isEqualTo(templateRoutes()).isNotEmpty();
    }

    @Test
    void theLocalOnlyRoutesAreMarkedAndNotInTheTemplate() throws Exception {
        Set<String> localOnly = documentedRoutes(true);
        localOnly.removeAll(documentedRoutes(false));
        assertThat(localOnly).containsExactly("POST /local/token");
        assertThat(templateRoutes()).doesNotContainAnyElementsOf(localOnly);
    }

    private static Set<String> templateRoutes() throws Exception {
        // Tests run with the local module as working directory.
        Template template = Template.load(Path.of("..", "template.yaml"), Map.of());
        Set<String> routes = new TreeSet<>();
        for (String function : template.resourcesOfType(Template.FUNCTION)) {
            Object events = template.rawProperties(function).get("Events");
            if (!(events instanceof Map<?, ?> byName)) continue;
            for (Object event : byName.values()) {
                Map<?, ?> spec = (Map<?, ?>) event;
                if (!"HttpApi".equals(spec.get("Type"))) continue;
                Map<?, ?> properties = (Map<?, ?>) spec.get("Properties");
                routes.add(properties.get("Method") + " " + properties.get("Path"));
            }
        }
        return routes;
    }

    private static Set<String> documentedRoutes(boolean withLocalOnly) {
        Set<String> routes = new TreeSet<>();
        OpenApiContract.get().document().path("paths").fields().forEachRemaining(path -> {
            if (!withLocalOnly && path.getValue().path("x-local-only").asBoolean()) return;
            path.getValue().fieldNames().forEachRemaining(key -> {
                if (Set.of("get", "post", "put", "delete", "patch").contains(key))
                    routes.add(key.toUpperCase() + " " + path.getKey());
            });
        });
        return routes;
    }
}
