package io.atelier.core;

import io.atelier.model.Cost;
import io.atelier.model.Spend;
import io.atelier.model.Step;
import io.atelier.model.Task;
import io.atelier.pricing.CostEstimator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a job's tasks will cost, before they run: each task's estimate, the job's total, per step and per provider. */
public final class JobEstimates {
    private JobEstimates() {}

    /** The tasks, each with its estimate (the job's steps with the task's own parameters). */
    static List<Task> withEstimates(List<Task> tasks, List<Step> steps, CostEstimator costs) {
        List<Task> out = new ArrayList<>(tasks.size());
        for (Task task : tasks) {
            Task.Work work = task.work();
            Cost estimate = costs.estimateTask(steps, work.params());
            out.add(Task.queued(task.owner(), task.jobId(), task.taskId(), work.withEstimate(estimate)));
        }
        return out;
    }

    /** A new job's money: the sum of its tasks' estimates, nothing spent yet. */
    static Spend spendOf(List<Task> tasks, CostEstimator costs) {
        BigDecimal total = BigDecimal.ZERO;
        for (Task task : tasks) total = total.add(task.estimate().amount());
        return new Spend(costs.currency(), total, BigDecimal.ZERO);
    }

    /** One step's share of a whole job's estimate. */
    public record StepTotal(int step, String operation, String provider, Cost cost) {}

    /** A dry run's answer: the total, per step and per provider, over the tasks that would run. */
    public record Estimate(Cost total, List<StepTotal> steps, Map<String, Cost> providers, int tasks) {}

    static Estimate estimate(List<Step> steps, List<Map<String, Object>> taskParams, CostEstimator costs) {
        List<Cost> perStep = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) perStep.add(costs.nothing("estimate"));
        for (Map<String, Object> params : taskParams) {
            List<Cost> each = costs.estimateSteps(steps, params);
            for (int i = 0; i < steps.size(); i++)
                perStep.set(i, perStep.get(i).plus(each.get(i), each.get(i).basis()));
        }
        List<StepTotal> stepTotals = new ArrayList<>();
        Map<String, Cost> providers = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            Cost cost = perStep.get(i);
            String basis = taskParams.size() + " × " + cost.basis().replaceFirst("^estimate: ", "");
            stepTotals.add(new StepTotal(
                    i, step.operation(), step.provider(), new Cost(cost.amount(), cost.currency(), basis)));
            providers.merge(
                    step.provider(),
                    new Cost(cost.amount(), cost.currency(), "estimate"),
                    (a, b) -> a.plus(b, "estimate"));
        }
        Cost total =
                costs.sum(perStep, "estimate: " + taskParams.size() + (taskParams.size() == 1 ? " task" : " tasks"));
        return new Estimate(total, stepTotals, providers, taskParams.size());
    }
}
