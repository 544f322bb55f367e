package io.atelier.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.model.FieldError;
import io.atelier.model.Task;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** A job's {@code budget}: Money in the price table's currency, above zero and below an amount no batch needs. */
final class Budgets {
    /** A budget this large is a typo (or a way to switch the cap off), not a limit. */
    static final BigDecimal MAX = new BigDecimal("100000");

    private static final int MAX_DECIMALS = 6;
    private static final String FORM =
            "budget must be {\"amount\": \"25.00\", \"currency\": \"%s\"}: an amount above 0 and at most "
                    + MAX.toPlainString() + ", with at most " + MAX_DECIMALS + " decimals";

    private Budgets() {}

    /**
     * A dry run's word on the budget: when the tasks' estimates add up to more than it, how many would start (each
     * start commits its estimate) and that the others would end {@code budget_exceeded}.
     */
    static Optional<FieldError> overBudget(List<Task> tasks, BigDecimal budget, String currency) {
        if (budget == null) return Optional.empty();
        BigDecimal committed = BigDecimal.ZERO;
        int fit = 0;
        for (Task task : tasks) {
            BigDecimal estimate =
                    task.estimate() == null ? BigDecimal.ZERO : task.estimate().amount();
            if (committed.add(estimate).compareTo(budget) > 0) continue;
            committed = committed.add(estimate);
            fit++;
        }
        if (fit == tasks.size()) return Optional.empty();
        return Optional.of(new FieldError(
                "budget",
                "the budget of " + budget.toPlainString() + " " + currency + " holds the estimates of " + fit + " of "
                        + tasks.size() + " tasks; the others would end budget_exceeded unless the budget is raised"));
    }

    /** The budget's amount, null when the body sets none; anything malformed is a 400 naming {@code budget}. */
    static BigDecimal parse(JsonNode body, String currency) {
        JsonNode node = body == null ? null : body.get("budget");
        if (node == null || node.isNull()) return null;
        String form = FORM.formatted(currency);
        if (!node.isObject()) throw new InvalidRequestException("budget", form);
        JsonNode amountNode = node.get("amount");
        BigDecimal amount;
        if (amountNode != null && amountNode.isTextual() && amountNode.asText().matches("[0-9]{1,12}(\\.[0-9]{1,20})?"))
            amount = new BigDecimal(amountNode.asText());
        else if (amountNode != null && amountNode.isNumber() && !amountNode.isFloatingPointNumber())
            amount = amountNode.decimalValue();
        else throw new InvalidRequestException("budget.amount", form);
        JsonNode currencyNode = node.get("currency");
        if (currencyNode == null
                || !currencyNode.isTextual()
                || !currencyNode.asText().equals(currency))
            throw new InvalidRequestException(
                    "budget.currency", "budget.currency must be " + currency + ", the currency of the price table");
        if (amount.signum() <= 0) throw new InvalidRequestException("budget.amount", "budget must be above 0: " + form);
        if (amount.compareTo(MAX) > 0)
            throw new InvalidRequestException("budget.amount", "budget is absurdly large: " + form);
        if (amount.stripTrailingZeros().scale() > MAX_DECIMALS)
            throw new InvalidRequestException("budget.amount", form);
        return amount.stripTrailingZeros().scale() < 0 ? amount.setScale(0) : amount.stripTrailingZeros();
    }
}
