package io.atelier.pricing;

import io.atelier.model.Cost;
import io.atelier.model.Step;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a step or a task costs, from the price table: before it runs (an estimate) and once it ran (its actual cost).
 * A provider's image costs its table price; the built-in engine costs its Lambda time. A failed task costs nothing.
 */
public final class CostEstimator {
    private final PriceTable table;
    private final int workerMemoryMb;

    /** @param workerMemoryMb the memory the worker really has (Lambda's AWS_LAMBDA_FUNCTION_MEMORY_SIZE), for actual costs */
    public CostEstimator(PriceTable table, int workerMemoryMb) {
        this.table = table;
        this.workerMemoryMb = workerMemoryMb;
    }

    public CostEstimator(PriceTable table) {
        this(table, table.local().memoryMb());
    }

    public String currency() {
        return table.currency();
    }

    public PriceTable table() {
        return table;
    }

    /** One step's price before it runs, with the task's own parameters over the step's. */
    public Cost estimate(Step step, Map<String, Object> taskParams) {
        if (PriceTable.LOCAL.equals(step.provider())) {
            LocalCompute local = table.local();
            return new Cost(
                    local.estimate(step.operation()),
                    currency(),
                    "estimate: " + local.seconds(step.operation()).toPlainString()
                            + " s (measured on a 24 MP photo: smaller ones cost less) × "
                            + local.memoryMb() + " MB of Lambda arm64");
        }
        return tablePrice(step.provider(), step.model(), step, taskParams, "estimate: ");
    }

    /** Every step of a task, in order. */
    public List<Cost> estimateSteps(List<Step> steps, Map<String, Object> taskParams) {
        List<Cost> costs = new ArrayList<>();
        for (Step step : steps) costs.add(estimate(step, taskParams));
        return costs;
    }

    /** A task's estimate: the sum of its steps. */
    public Cost estimateTask(List<Step> steps, Map<String, Object> taskParams) {
        return sum(
                estimateSteps(steps, taskParams),
                "estimate: " + steps.size() + (steps.size() == 1 ? " step" : " steps"));
    }

    /**
     * What a step that succeeded cost: the engine's measured time, or the provider's table price for the model that
     * answered ({@code model}, null if unknown).
     */
    public Cost actual(Step step, String model, Map<String, Object> taskParams, long millis) {
        if (PriceTable.LOCAL.equals(step.provider()))
            return new Cost(
                    table.local().priceOf(millis, workerMemoryMb),
                    currency(),
                    "measured: " + millis + " ms × " + workerMemoryMb + " MB");
        return tablePrice(step.provider(), model != null ? model : step.model(), step, taskParams, "");
    }

    public Cost sum(List<Cost> costs, String basis) {
        Cost total = Cost.zero(currency(), basis);
        for (Cost cost : costs) total = total.plus(cost, basis);
        return total;
    }

    public Cost nothing(String basis) {
        return Cost.zero(currency(), basis);
    }

    private Cost tablePrice(String provider, String model, Step step, Map<String, Object> taskParams, String prefix) {
        Map<String, Object> params = new HashMap<>(step.params());
        if (taskParams != null) params.putAll(taskParams);
        return table.find(provider, model, step.operation(), params)
                .map(row -> new Cost(row.perImage(), currency(), prefix + "price table, " + describe(row)))
                .orElseGet(() -> new Cost(
                        BigDecimal.ZERO, currency(), prefix + "no price for " + provider + " " + step.operation()));
    }

    private static String describe(PriceEntry row) {
        StringBuilder out = new StringBuilder(row.provider());
        if (!PriceEntry.ANY.equals(row.model())) out.append(' ').append(row.model());
        if (!PriceEntry.ANY.equals(row.operation())) out.append(' ').append(row.operation());
        row.when()
                .forEach((key, value) -> out.append(' ').append(key).append('=').append(value));
        if (!row.asOf().isEmpty()) out.append(" (").append(row.asOf()).append(')');
        return out.toString();
    }
}
