package io.atelier.model;

import java.math.BigDecimal;

/**
 * A job's money: what its submission estimated for all its tasks, what its succeeded tasks cost so far (added
 * atomically as each one succeeds), its budget (null: none) and its committed spend: the estimates of the tasks
 * running now plus the actual cost of those that succeeded, which a task's start may not take over the budget; and
 * the monthly spend its owner's plan allowed at submission (null: none).
 * Decimal, never floating point.
 */
public record Spend(
        String currency,
        BigDecimal estimated,
        BigDecimal spent,
        BigDecimal budget,
        BigDecimal committed,
        BigDecimal monthlyLimit) {
    /** Jobs stored before prices existed. */
    public static final Spend NONE = new Spend("USD", BigDecimal.ZERO, BigDecimal.ZERO);

    public Spend {
        committed = committed == null ? BigDecimal.ZERO : committed;
    }

    /** A job whose owner's plan sets no monthly spend. */
    public Spend(String currency, BigDecimal estimated, BigDecimal spent, BigDecimal budget, BigDecimal committed) {
        this(currency, estimated, spent, budget, committed, null);
    }

    /** A job without a budget. */
    public Spend(String currency, BigDecimal estimated, BigDecimal spent) {
        this(currency, estimated, spent, null, BigDecimal.ZERO);
    }

    public Spend charged(BigDecimal amount) {
        return new Spend(currency, estimated, spent.add(amount), budget, committed, monthlyLimit);
    }

    public Spend committing(BigDecimal delta) {
        return new Spend(currency, estimated, spent, budget, committed.add(delta), monthlyLimit);
    }

    public Spend withBudget(BigDecimal value) {
        return new Spend(currency, estimated, spent, value, committed, monthlyLimit);
    }

    /** The owner's plan's monthly spend when the job was submitted: each task's start keeps the month within it. */
    public Spend withMonthlyLimit(BigDecimal value) {
        return new Spend(currency, estimated, spent, budget, committed, value);
    }

    /** Whether committing {@code delta} more keeps the committed spend within the budget (always, without one). */
    public boolean allows(BigDecimal delta) {
        return budget == null || delta.signum() <= 0 || committed.add(delta).compareTo(budget) <= 0;
    }
}
