package io.atelier.core;

import io.atelier.model.Cost;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each step's cost travels in its provenance entry (so a task an asynchronous provider parked keeps what its earlier
 * steps cost); the task's cost is their sum when it succeeds.
 */
final class StepCosts {
    static final String FIELD = "cost";

    private StepCosts() {}

    /** As the API shows money: the amount as decimal text, so no client reads it through a float. */
    static Map<String, Object> json(Cost cost) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("amount", cost.amountText());
        out.put("currency", cost.currency());
        out.put("basis", cost.basis());
        return out;
    }

    /** The sum of the steps' costs; a step without one (stored before prices existed) adds nothing. */
    static Cost total(List<Map<String, Object>> steps, String currency) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map<String, Object> step : steps) {
            if (step.get(FIELD) instanceof Map<?, ?> cost && cost.get("amount") != null)
                sum = sum.add(new BigDecimal(String.valueOf(cost.get("amount"))));
        }
        String basis = steps.size() == 1 && steps.get(0).get(FIELD) instanceof Map<?, ?> only
                ? String.valueOf(only.get("basis"))
                : "sum of " + steps.size() + " steps";
        return new Cost(sum, currency, basis);
    }
}
