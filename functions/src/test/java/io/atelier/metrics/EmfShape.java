package io.atelier.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads EMF lines back as CloudWatch would, and checks them against the catalogue ({@link Metrics#ALL}). */
public final class EmfShape {
    private EmfShape() {}

    /** One metric value as CloudWatch extracts it: name, dimension names and values, value. */
    public record Point(
            String name, String unit, List<String> dimensions, List<String> values, double value, JsonNode document) {}

    /** Every (metric, dimension set) point of {@code line}, after checking the line's EMF structure. */
    public static List<Point> points(String line) throws Exception {
        assertThat(line).doesNotContain("\n");
        JsonNode root = Json.tree(line);
        JsonNode aws = root.get("_aws");
        assertThat(aws).as("_aws in %s", line).isNotNull();
        assertThat(aws.get("Timestamp").isIntegralNumber()).isTrue();
        JsonNode directives = aws.get("CloudWatchMetrics");
        assertThat(directives.isArray()).isTrue();
        List<Point> points = new ArrayList<>();
        for (JsonNode directive : directives) {
            assertThat(directive.get("Namespace").asText()).isEqualTo(Metrics.NAMESPACE);
            for (JsonNode set : directive.get("Dimensions")) {
                List<String> names = new ArrayList<>();
                List<String> values = new ArrayList<>();
                for (JsonNode name : set) {
                    JsonNode value = root.get(name.asText());
                    assertThat(value).as("dimension %s in %s", name, line).isNotNull();
                    assertThat(value.isTextual()).isTrue();
                    names.add(name.asText());
                    values.add(value.asText());
                }
                assertThat(names.size()).isLessThanOrEqualTo(30);
                for (JsonNode metric : directive.get("Metrics")) {
                    String name = metric.get("Name").asText();
                    JsonNode value = root.get(name);
                    assertThat(value).as("metric %s in %s", name, line).isNotNull();
                    assertThat(value.isNumber()).isTrue();
                    points.add(new Point(name, metric.get("Unit").asText(), names, values, value.asDouble(), root));
                }
            }
        }
        for (Point point : points) {
            Optional<MetricDefinition> known = Metrics.ALL.stream()
                    .filter(d -> d.name().equals(point.name()))
                    .findFirst();
            assertThat(known).as("%s is in Metrics.ALL", point.name()).isPresent();
            assertThat(known.get().unit()).isEqualTo(point.unit());
            assertThat(known.get().dimensionSets()).contains(point.dimensions());
        }
        return points;
    }

    public static List<Point> points(List<String> lines) throws Exception {
        List<Point> all = new ArrayList<>();
        for (String line : lines) all.addAll(points(line));
        return all;
    }

    public static Point find(List<Point> points, String name, List<String> dimensions) {
        return points.stream()
                .filter(p -> p.name().equals(name) && p.dimensions().equals(dimensions))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " " + dimensions + " in " + points));
    }
}
