package io.atelier.metrics;

import io.atelier.model.Cost;
import io.atelier.model.ErrorCode;
import io.atelier.model.TaskStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The pipeline's own CloudWatch metrics, as Embedded Metric Format lines (namespace {@value #NAMESPACE}): task
 * outcomes, provider latency, queue wait, uploads checked and rejected, spend and the sweeper's rescues. Each method
 * writes one line; ids (job, task, image) go in as properties, never as dimensions (one metric per id would cost).
 */
public final class Metrics {
    private static final Logger LOG = Logger.getLogger(Metrics.class.getName());
    public static final String NAMESPACE = "Atelier";

    private static final List<List<String>> OUTCOME_SETS =
            List.of(List.of("Provider", "Operation", "Status", "ErrorCode"), List.of("Provider"));
    private static final List<List<String>> NO_DIMENSIONS = List.of(List.of());

    /** Ended tasks (1 each); with TasksFailed under {Provider}, the failure ratio per provider. */
    public static final MetricDefinition TASKS = new MetricDefinition("Tasks", "Count", OUTCOME_SETS);
    /** 1 for a FAILED task, 0 otherwise: its Sum over Tasks' Sum is the failure ratio. */
    public static final MetricDefinition TASKS_FAILED = new MetricDefinition("TasksFailed", "Count", OUTCOME_SETS);
    /** One provider call (start or poll), as the worker waited for it. */
    public static final MetricDefinition PROVIDER_LATENCY =
            new MetricDefinition("ProviderLatency", "Milliseconds", List.of(List.of("Provider", "Operation")));
    /** From the moment a task was queued (or re-queued) to the moment a worker claimed it. */
    public static final MetricDefinition QUEUE_WAIT =
            new MetricDefinition("QueueWait", "Milliseconds", List.of(List.of("Provider")));

    public static final MetricDefinition IMAGES_CHECKED = new MetricDefinition("ImagesChecked", "Count", NO_DIMENSIONS);
    public static final MetricDefinition IMAGES_REJECTED =
            new MetricDefinition("ImagesRejected", "Count", NO_DIMENSIONS);
    /** What a succeeded task cost, in its currency (a dimension: amounts in two currencies never add up). */
    public static final MetricDefinition SPEND =
            new MetricDefinition("Spend", "None", List.of(List.of("Provider", "Currency")));
    /** Tasks the sweeper found lost and sent back to the queue, and those it failed as exhausted. */
    public static final MetricDefinition SWEEPER_REQUEUED =
            new MetricDefinition("SweeperRequeued", "Count", NO_DIMENSIONS);

    public static final MetricDefinition SWEEPER_FAILED = new MetricDefinition("SweeperFailed", "Count", NO_DIMENSIONS);

    /** Every metric Atelier emits. */
    public static final List<MetricDefinition> ALL = List.of(
            TASKS,
            TASKS_FAILED,
            PROVIDER_LATENCY,
            QUEUE_WAIT,
            IMAGES_CHECKED,
            IMAGES_REJECTED,
            SPEND,
            SWEEPER_REQUEUED,
            SWEEPER_FAILED);

    /** Emits nothing: tests that do not look at metrics, and the local runner. */
    public static final Metrics NONE = new Metrics(MetricLines.NONE, System::currentTimeMillis);

    private final MetricLines lines;
    private final LongSupplier clock;

    public Metrics(MetricLines lines, LongSupplier epochMillis) {
        this.lines = lines;
        this.clock = epochMillis;
    }

    /** A task reached SUCCEEDED, FAILED or CANCELED; {@code provider} and {@code operation} are its last step's. */
    public void taskEnded(
            String provider,
            String operation,
            TaskStatus status,
            ErrorCode error,
            String jobId,
            String taskId,
            Long durationMillis) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("jobId", jobId);
        properties.put("taskId", taskId);
        properties.put("durationMs", durationMillis);
        emit(
                List.of(new Emf.Value(TASKS, 1), new Emf.Value(TASKS_FAILED, status == TaskStatus.FAILED ? 1 : 0)),
                Map.of(
                        "Provider",
                        provider,
                        "Operation",
                        operation,
                        "Status",
                        status.name(),
                        "ErrorCode",
                        error == null ? "none" : error.wire()),
                properties);
    }

    /** @param outcome done, pending (an asynchronous provider took it) or error */
    public void providerCall(String provider, String operation, String call, String outcome, long millis) {
        emit(
                List.of(new Emf.Value(PROVIDER_LATENCY, millis)),
                Map.of("Provider", provider, "Operation", operation),
                Map.of("call", call, "outcome", outcome));
    }

    public void queueWait(String provider, long millis, String taskId) {
        emit(
                List.of(new Emf.Value(QUEUE_WAIT, Math.max(0, millis))),
                Map.of("Provider", provider),
                Map.of("taskId", taskId));
    }

    /** An upload's bytes were checked: READY, or REJECTED with {@code reason}. */
    public void uploadChecked(boolean rejected, String imageId, String reason) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("imageId", imageId);
        properties.put("reason", reason);
        emit(
                List.of(new Emf.Value(IMAGES_CHECKED, 1), new Emf.Value(IMAGES_REJECTED, rejected ? 1 : 0)),
                Map.of(),
                properties);
    }

    public void spend(String provider, Cost cost, String jobId, String taskId) {
        emit(
                List.of(new Emf.Value(SPEND, cost.amount())),
                Map.of("Provider", provider, "Currency", cost.currency()),
                Map.of("jobId", jobId, "taskId", taskId, "basis", cost.basis() == null ? "" : cost.basis()));
    }

    public void swept(int examined, int requeued, int failed) {
        emit(
                List.of(new Emf.Value(SWEEPER_REQUEUED, requeued), new Emf.Value(SWEEPER_FAILED, failed)),
                Map.of(),
                Map.of("examined", examined));
    }

    /** A metric that cannot be written is logged, never the task's failure. */
    private void emit(List<Emf.Value> values, Map<String, String> dimensions, Map<String, Object> properties) {
        try {
            lines.write(Emf.line(clock.getAsLong(), NAMESPACE, values, dimensions, properties));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Metric " + values.getFirst().metric().name() + " not written", e);
        }
    }
}
