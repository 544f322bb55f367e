package io.atelier.model;

import java.math.BigDecimal;

/**
 * A job's money: what its submission estimated for all its tasks, what its succeeded tasks cost so far (added
 * atomically as each one succeeds), its budget (null: none) and its committed spend: the estimates of the tasks
 * running now plus the actual cost of those that succeeded, which a task's start may not take over the budget.
 * Decimal, never floating point.
 */
public record Spend(String currency, BigDecimal estimated, BigDecimal spent, BigDecimal budget, BigDecimal committed) {
    /** Jobs stored before prices existed. */
    public static final Spend NONE = new Spend("USD", BigDecimal.ZERO, BigDecimal.ZERO);

    public Spend {
        committed = committed == null ? BigDecimal.ZERO : committed;
    }

    /** A job without a budget. */
    public Spend(String currency, BigDecimal estimated, BigDecimal spent) {
        this(currency, estimated, spent, null, BigDecimal.ZERO);
    }

    public Spend charged(BigDecimal amount) {
        return new Spend(currency, estimated, spent.add(amount), budget, committed);
    }

    public Spend committing(BigDecimal delta) {
        return new Spend(currency, estimated, spent, budget, committed.add(delta));
    }

    public Spend withBudget(BigDecimal value) {
        return new Spend(currency, estimated, spent, value, committed);
    }

    /** Whether committing {@code delta} more keeps the committed spend within the budget (always, without one). */
    public boolean allows(BigDecimal delta) {
        return budget == null || delta.signum() <= 0 || committed.add(delta).compareTo(budget) <= 0;
    }
}
