package io.atelier.metrics;

/**
 * Where metric lines go (a port): in Lambda, standard output, where CloudWatch Logs extracts the Embedded Metric
 * Format; in tests, a list to read back.
 */
@FunctionalInterface
public interface MetricLines {
    void write(String jsonLine);

    /** One println per line: each EMF document must be a log event of its own. */
    MetricLines STDOUT = line -> System.out.println(line);

    MetricLines NONE = line -> {};
}
