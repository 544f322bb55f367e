package io.atelier.pricing;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One row of the price table: what one result image of {@code provider} costs for a model and operation ("*" for
 * any), when the step's parameters have the values in {@code when} (for example OpenAI's quality and size).
 */
public record PriceEntry(
        String provider,
        String model,
        String operation,
        Map<String, String> when,
        BigDecimal perImage,
        String source,
        String asOf) {
    public static final String ANY = "*";

    public PriceEntry {
        when = when == null ? Map.of() : Map.copyOf(when);
    }

    /** Whether the row prices this step; a parameter the row names must have exactly its value. */
    boolean matches(String provider, String model, String operation, Map<String, Object> params) {
        if (!this.provider.equals(provider)) return false;
        if (!ANY.equals(this.model) && !this.model.equals(model)) return false;
        if (!ANY.equals(this.operation) && !this.operation.equals(operation)) return false;
        return when.entrySet().stream()
                .allMatch(e ->
                        params.get(e.getKey()) != null && e.getValue().equals(String.valueOf(params.get(e.getKey()))));
    }

    /** The most specific matching row wins: a named model, then a named operation, then more parameters. */
    int specificity() {
        return (ANY.equals(model) ? 0 : 1000) + (ANY.equals(operation) ? 0 : 100) + when.size();
    }
}
