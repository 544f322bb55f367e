package io.atelier.model;

import java.math.BigDecimal;

/**
 * A job's money: what its submission estimated for all its tasks, and what its succeeded tasks cost so far (added
 * atomically as each one succeeds). Decimal, never floating point.
 */
public record Spend(String currency, BigDecimal estimated, BigDecimal spent) {
    /** Jobs stored before prices existed. */
    public static final Spend NONE = new Spend("USD", BigDecimal.ZERO, BigDecimal.ZERO);

    public Spend charged(BigDecimal amount) {
        return new Spend(currency, estimated, spent.add(amount));
    }
}
