package io.atelier.metrics;

import io.atelier.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one CloudWatch Embedded Metric Format document: the {@code _aws} metadata (timestamp, namespace, dimension
 * sets, metric names and units) and, at the root, every dimension's value, every metric's value and free properties
 * (searchable in Logs Insights, not metrics). https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
final class Emf {
    private Emf() {}

    /** A metric's value in this document. */
    record Value(MetricDefinition metric, Number value) {}

    /**
     * @param values metrics that share one list of dimension sets (one directive)
     * @param dimensions a value for every dimension the sets name
     */
    static String line(
            long timestampMillis,
            String namespace,
            List<Value> values,
            Map<String, String> dimensions,
            Map<String, Object> properties) {
        if (values.isEmpty()) throw new IllegalArgumentException("an EMF document needs a metric");
        List<List<String>> sets = values.getFirst().metric().dimensionSets();
        List<Map<String, Object>> metrics = new ArrayList<>();
        for (Value value : values) {
            if (!value.metric().dimensionSets().equals(sets))
                throw new IllegalArgumentException(value.metric().name() + " has other dimension sets than "
                        + values.getFirst().metric().name());
            metrics.add(ordered(
                    "Name", value.metric().name(), "Unit", value.metric().unit()));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> directive = ordered("Namespace", namespace, "Dimensions", sets);
        directive.put("Metrics", metrics);
        root.put("_aws", ordered("Timestamp", timestampMillis, "CloudWatchMetrics", List.of(directive)));
        for (List<String> set : sets) {
            for (String dimension : set) {
                String text = dimensions.get(dimension);
                // CloudWatch drops a document whose dimension has no value: a gap in the code, not in the data.
                if (text == null || text.isEmpty())
                    throw new IllegalArgumentException("no value for dimension " + dimension);
                root.put(dimension, text);
            }
        }
        properties.forEach((name, value) -> {
            if (value != null) root.putIfAbsent(name, value);
        });
        for (Value value : values) root.put(value.metric().name(), value.value());
        return Json.write(root);
    }

    private static Map<String, Object> ordered(String firstName, Object first, String secondName, Object second) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(firstName, first);
        map.put(secondName, second);
        return map;
    }
}
