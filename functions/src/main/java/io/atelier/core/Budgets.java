package io.atelier.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** A job's {@code budget}: Money in the price table's currency, above zero and below an amount no batch needs. */
final class Budgets {
    /** A budget this large is a typo (or a way to switch the cap off), not a limit. */
    static final BigDecimal MAX = new BigDecimal("100000");
    private static final int MAX_DECIMALS = 6;
    private static final String FORM = "budget must be {\"amount\": \"25.00\", \"currency\": \"%s\"}: an amount above 0 and at most "
            + MAX.toPlainString() + ", with at most " + MAX_DECIMALS + " decimals";

    private Budgets() {}

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
        if (currencyNode == null || !currencyNode.isTextual() || !currencyNode.asText().equals(currency))
            throw new InvalidRequestException("budget.currency", "budget.currency must be " + currency + ", the currency of the price table");
        if (amount.signum() <= 0) throw new InvalidRequestException("budget.amount", "budget must be above 0: " + form);
        if (amount.compareTo(MAX) > 0) throw new InvalidRequestException("budget.amount", "budget is absurdly large: " + form);
        if (amount.stripTrailingZeros().scale() > MAX_DECIMALS) throw new InvalidRequestException("budget.amount", form);
        return amount.stripTrailingZeros().scale() < 0 ? amount.setScale(0) : amount.stripTrailingZeros();
    }
}
