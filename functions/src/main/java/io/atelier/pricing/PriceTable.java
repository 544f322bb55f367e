package io.atelier.pricing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Prices of every provider in one currency, and the built-in engine's compute price. */
public record PriceTable(String currency, List<PriceEntry> entries, LocalCompute local) {
    public static final String LOCAL = "local";
    private static volatile PriceTable defaults;

    public PriceTable {
        entries = List.copyOf(entries);
    }

    /** The table shipped with the functions ({@code pricing/prices.json}), dated and with its sources. */
    public static PriceTable defaults() {
        PriceTable table = defaults;
        if (table == null) defaults = table = PriceTables.parse(PriceTables.resource(), "pricing/prices.json");
        return table;
    }

    /** The most specific row for this step; of rows equally specific the earliest (an override's come first). */
    public Optional<PriceEntry> find(String provider, String model, String operation, Map<String, Object> params) {
        PriceEntry best = null;
        for (PriceEntry entry : entries) {
            if (entry.matches(provider, model, operation, params)
                    && (best == null || entry.specificity() > best.specificity())) best = entry;
        }
        return Optional.ofNullable(best);
    }

    /** Whether any row prices {@code provider}: the engine always has a price, as does a provider the table names. */
    public boolean prices(String provider) {
        return LOCAL.equals(provider)
                || entries.stream().anyMatch(entry -> entry.provider().equals(provider));
    }

    /** This table with {@code override}'s rows ahead of its own (they win ties) and its engine price, if it has one. */
    public PriceTable overriddenBy(PriceTable override) {
        if (!override.currency.equals(currency))
            throw new IllegalArgumentException("currency: an override must use " + currency + " like the default table"
                    + " (or set \"replace\": true and price every provider)");
        List<PriceEntry> merged = new ArrayList<>(override.entries);
        merged.addAll(entries);
        return new PriceTable(currency, merged, override.local != null ? override.local : local);
    }

    /** The rows a person reads: by provider, then as listed. */
    public List<PriceEntry> byProvider() {
        return entries.stream()
                .sorted(Comparator.comparing(PriceEntry::provider))
                .toList();
    }
}
