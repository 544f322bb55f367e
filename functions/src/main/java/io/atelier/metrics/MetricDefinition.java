package io.atelier.metrics;

import java.util.List;

/**
 * One metric Atelier emits: its name, CloudWatch unit and the dimension sets it is published under (each set is a
 * separate CloudWatch metric). The alarms in template.yaml may only name these (AlarmMetricsTest).
 */
public record MetricDefinition(String name, String unit, List<List<String>> dimensionSets) {
    public MetricDefinition {
        dimensionSets = dimensionSets.stream().map(List::copyOf).toList();
    }
}
