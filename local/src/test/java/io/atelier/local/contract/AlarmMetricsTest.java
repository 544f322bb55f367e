package io.atelier.local.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.config.Adapters;
import io.atelier.local.template.Template;
import io.atelier.metrics.MetricDefinition;
import io.atelier.metrics.Metrics;
import io.atelier.providers.ImageProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The alarms and the dashboard in template.yaml watch metrics that exist: each Atelier metric they name is one the code
 * emits ({@link Metrics#ALL}: name and exactly one of its dimension sets), each AWS metric names a resource of the
 * template, and every provider has its failure-ratio alarm.
 */
class AlarmMetricsTest {
    private static final String ALARM = "AWS::CloudWatch::Alarm";
    private static final Set<String> AWS_NAMESPACES = Set.of("AWS/SQS", "AWS/Lambda", "AWS/ApiGateway");

    private final Template template = load();
    private final Set<String> providerIds = Adapters.from(Map.of()).providers().all().stream()
            .map(ImageProvider::id)
            .collect(Collectors.toSet());

    private static Template load() {
        try {
            return Template.load(Path.of("..", "template.yaml"), Map.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** (alarm, namespace, metric name, dimensions as written) of every metric an alarm reads. */
    private record Watched(String alarm, String namespace, String name, List<Map<String, Object>> dimensions) {}

    @SuppressWarnings("unchecked")
    private List<Watched> watched() {
        List<Watched> all = new ArrayList<>();
        for (String alarm : template.resourcesOfType(ALARM)) {
            Map<String, Object> properties = template.rawProperties(alarm);
            if (properties.containsKey("MetricName")) {
                all.add(new Watched(
                        alarm,
                        (String) properties.get("Namespace"),
                        String.valueOf(properties.get("MetricName")),
                        (List<Map<String, Object>>) properties.getOrDefault("Dimensions", List.of())));
            }
            for (Map<String, Object> query :
                    (List<Map<String, Object>>) properties.getOrDefault("Metrics", List.of())) {
                if (!query.containsKey("MetricStat")) continue;
                Map<String, Object> metric =
                        (Map<String, Object>) ((Map<String, Object>) query.get("MetricStat")).get("Metric");
                all.add(new Watched(
                        alarm, (String) metric.get("Namespace"), String.valueOf(metric.get("MetricName")), (List<
                                        Map<String, Object>>)
                                metric.getOrDefault("Dimensions", List.of())));
            }
            assertThat(all)
                    .as("%s reads a metric", alarm)
                    .anyMatch(w -> w.alarm().equals(alarm));
        }
        return all;
    }

    @Test
    void everyAlarmOnAnAtelierMetricNamesOneTheCodeEmitsWithOneOfItsDimensionSets() {
        List<Watched> atelier = watched().stream()
                .filter(w -> Metrics.NAMESPACE.equals(w.namespace()))
                .toList();
        assertThat(atelier).isNotEmpty();
        for (Watched watched : atelier) {
            MetricDefinition definition = Metrics.ALL.stream()
                    .filter(d -> d.name().equals(watched.name()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(
                            watched.alarm() + " watches " + watched.name() + ", which no code emits"));
            List<String> names = watched.dimensions().stream()
                    .map(d -> String.valueOf(d.get("Name")))
                    .toList();
            assertThat(definition.dimensionSets())
                    .as("%s: %s by %s", watched.alarm(), watched.name(), names)
                    .anySatisfy(set -> assertThat(set).containsExactlyInAnyOrderElementsOf(names));
            for (Map<String, Object> dimension : watched.dimensions()) {
                if ("Provider".equals(dimension.get("Name")))
                    assertThat(providerIds)
                            .as("%s: provider", watched.alarm())
                            .contains(String.valueOf(dimension.get("Value")));
            }
        }
    }

    @Test
    void everyAlarmOnAnAwsMetricNamesAResourceOfThisTemplate() {
        List<Watched> aws = watched().stream()
                .filter(w -> !Metrics.NAMESPACE.equals(w.namespace()))
                .toList();
        assertThat(aws).isNotEmpty();
        for (Watched watched : aws) {
            assertThat(AWS_NAMESPACES).as(watched.alarm()).contains(watched.namespace());
            assertThat(watched.dimensions()).as(watched.alarm()).isNotEmpty();
            for (Map<String, Object> dimension : watched.dimensions()) {
                Object value = dimension.get("Value");
                assertThat(value)
                        .as("%s: a Ref or GetAtt of this stack's resource, not a fixed name", watched.alarm())
                        .isInstanceOf(Map.class);
                String target = referencedResource((Map<?, ?>) value);
                assertThat(template.type(target))
                        .as("%s names %s", watched.alarm(), target)
                        .isNotNull();
            }
        }
    }

    @Test
    void everyProviderHasAFailureRatioAlarm() {
        Set<String> watchedProviders = new HashSet<>();
        for (Watched watched : watched()) {
            if (!watched.name().equals(Metrics.TASKS_FAILED.name())) continue;
            watched.dimensions().stream()
                    .filter(d -> "Provider".equals(d.get("Name")))
                    .forEach(d -> watchedProviders.add(String.valueOf(d.get("Value"))));
        }
        assertThat(watchedProviders).containsExactlyInAnyOrderElementsOf(providerIds);
    }

    @Test
    void theDashboardShowsOnlyMetricsTheCodeEmits() throws Exception {
        String text = Files.readString(Path.of("..", "template.yaml"));
        String body = text.substring(text.indexOf("DashboardBody:"), text.indexOf("\nOutputs:"));
        Set<String> named = new HashSet<>();
        Matcher search = Pattern.compile("\\{Atelier,([^}]*)} MetricName=\\\\\"(\\w+)\\\\\"")
                .matcher(body);
        while (search.find()) {
            named.add(search.group(2));
            MetricDefinition definition = Metrics.ALL.stream()
                    .filter(d -> d.name().equals(search.group(2)))
                    .findFirst()
                    .orElseThrow(() ->
                            new AssertionError("the dashboard searches " + search.group(2) + ", which no code emits"));
            assertThat(definition.dimensionSets())
                    .contains(List.of(search.group(1).split(",")));
        }
        Matcher plain = Pattern.compile("\\[\"Atelier\", \"(\\w+)\"").matcher(body);
        while (plain.find()) {
            named.add(plain.group(1));
            assertThat(Metrics.ALL).extracting(MetricDefinition::name).contains(plain.group(1));
        }
        assertThat(named)
                .as("every metric has a graph")
                .containsExactlyInAnyOrderElementsOf(
                        Metrics.ALL.stream().map(MetricDefinition::name).toList());
    }

    private static String referencedResource(Map<?, ?> intrinsic) {
        Object ref = intrinsic.get("Ref");
        if (ref != null) return String.valueOf(ref);
        Object getAtt = intrinsic.get("Fn::GetAtt");
        if (getAtt instanceof List<?> parts) return String.valueOf(parts.getFirst());
        return String.valueOf(getAtt).split("\\.")[0];
    }
}
