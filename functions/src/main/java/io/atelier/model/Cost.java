package io.atelier.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount of money and how it was reckoned ({@code basis}: "price table", "estimate", "measured duration", "failed:
 * nothing charged"). Decimal, never floating point: sums of many small prices must add up exactly.
 */
public record Cost(BigDecimal amount, String currency, String basis) {
    public Cost {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        amount = amount.stripTrailingZeros();
        if (amount.scale() < 0) amount = amount.setScale(0);
    }

    public static Cost zero(String currency, String basis) {
        return new Cost(BigDecimal.ZERO, currency, basis);
    }

    /** The sum of two costs in one currency; the basis says both were added. */
    public Cost plus(Cost other, String sumBasis) {
        if (!currency.equals(other.currency))
            throw new IllegalArgumentException("cannot add " + other.currency + " to " + currency);
        return new Cost(amount.add(other.amount), currency, sumBasis);
    }

    /** The plain decimal text the API shows ("0.042", never "4.2E-2"). */
    public String amountText() {
        return amount.toPlainString();
    }
}
