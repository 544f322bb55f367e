package io.atelier.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void aDimensionWithoutAValueIsRefusedRatherThanWrittenForCloudWatchToDrop() {
        List<String> lines = new ArrayList<>();
        Metrics metrics = new Metrics(lines::add, () -> 1L);
        metrics.providerCall("", "upscale", "start", "done", 12); // a blank provider: not written, and not thrown
        assertThat(lines).isEmpty();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Emf.line(
                        1, Metrics.NAMESPACE, List.of(new Emf.Value(Metrics.QUEUE_WAIT, 1)), Map.of(), Map.of())))
                .hasMessageContaining("Provider");
    }

    @Test
    void everyLineIsOneJsonDocumentWithItsDirective() throws Exception {
        List<String> lines = new ArrayList<>();
        Metrics metrics = new Metrics(lines::add, () -> 1_764_000_000_000L);
        metrics.swept(3, 2, 1);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0))
                .isEqualTo("{\"_aws\":{\"Timestamp\":1764000000000,\"CloudWatchMetrics\":[{\"Namespace\":\"Atelier\","
                        + "\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"SweeperRequeued\",\"Unit\":\"Count\"},{\"Name\":\"SweeperFailed\",\"Unit\":\"Count\"}]}]},"
                        + "\"examined\":3,\"SweeperRequeued\":2,\"SweeperFailed\":1}");
        assertThat(EmfShape.points(lines)).hasSize(2);
    }
}
