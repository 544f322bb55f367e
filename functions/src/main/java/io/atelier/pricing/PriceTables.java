package io.atelier.pricing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a price document (the shipped {@code pricing/prices.json}, the {@code PRICES} parameter or a JSON document in
 * S3). Amounts are read from their text into BigDecimal, never through a double; a wrong field is named in the error.
 */
public final class PriceTables {
    /** A price above this per image is a typing error, not a price. */
    private static final BigDecimal MAX_PER_IMAGE = new BigDecimal("1000");

    private PriceTables() {}

    static String resource() {
        try (InputStream in = PriceTables.class.getResourceAsStream("/pricing/prices.json")) {
            if (in == null) throw new IllegalStateException("pricing/prices.json is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The default table with {@code text} laid over it ({@code "replace": true} replaces it instead). */
    public static PriceTable withOverride(String text, String where) {
        JsonNode root = tree(text, where);
        PriceTable override = read(root, where, false);
        return root.path("replace").asBoolean(false)
                ? requireLocal(override, where)
                : PriceTable.defaults().overriddenBy(override);
    }

    /** A whole table: currency, the engine's compute price and the providers' rows. */
    public static PriceTable parse(String text, String where) {
        return requireLocal(read(tree(text, where), where, true), where);
    }

    private static PriceTable requireLocal(PriceTable table, String where) {
        if (table.local() == null)
            throw new IllegalArgumentException(where + ": local: the engine's compute price is required");
        return table;
    }

    private static JsonNode tree(String text, String where) {
        try {
            JsonNode root = Json.tree(text);
            if (root == null || !root.isObject()) throw new IllegalArgumentException(where + ": must be a JSON object");
            return root;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static PriceTable read(JsonNode root, String where, boolean whole) {
        String currency = root.path("currency").asText("USD");
        if (!currency.matches("[A-Z]{3}"))
            throw new IllegalArgumentException(where + ": currency must be an ISO 4217 code such as USD");
        LocalCompute local = root.has("local") ? local(root.get("local"), where + ": local") : null;
        JsonNode rows = root.path("prices");
        if (!rows.isMissingNode() && !rows.isArray())
            throw new IllegalArgumentException(where + ": prices must be a list");
        if (whole && rows.isEmpty()) throw new IllegalArgumentException(where + ": prices must list at least one row");
        List<PriceEntry> entries = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) entries.add(entry(rows.get(i), where + ": prices[" + i + "]"));
        return new PriceTable(currency, entries, local);
    }

    private static PriceEntry entry(JsonNode row, String at) {
        String provider = text(row, "provider", at, null);
        Map<String, String> when = new LinkedHashMap<>();
        JsonNode conditions = row.path("when");
        if (!conditions.isMissingNode()) {
            if (!conditions.isObject())
                throw new IllegalArgumentException(at + ".when must be an object of parameter values");
            conditions
                    .properties()
                    .forEach(e -> when.put(e.getKey(), e.getValue().asText()));
        }
        BigDecimal perImage = amount(row.get("perImage"), at + ".perImage", MAX_PER_IMAGE);
        return new PriceEntry(
                provider,
                text(row, "model", at, PriceEntry.ANY),
                text(row, "operation", at, PriceEntry.ANY),
                when,
                perImage,
                text(row, "source", at, ""),
                text(row, "asOf", at, ""));
    }

    private static LocalCompute local(JsonNode node, String at) {
        if (!node.isObject()) throw new IllegalArgumentException(at + " must be an object");
        BigDecimal price = amount(node.get("pricePerGbSecond"), at + ".pricePerGbSecond", BigDecimal.ONE);
        JsonNode memory = node.get("memoryMb");
        if (memory == null || !memory.isIntegralNumber() || memory.asInt() < 128 || memory.asInt() > 10_240)
            throw new IllegalArgumentException(
                    at + ".memoryMb must be a whole number from 128 to 10240 (Lambda's range)");
        Map<String, BigDecimal> seconds = new LinkedHashMap<>();
        JsonNode estimated = node.path("estimatedSeconds");
        if (!estimated.isObject())
            throw new IllegalArgumentException(at + ".estimatedSeconds must map operations to seconds");
        estimated
                .properties()
                .forEach(e -> seconds.put(
                        e.getKey(),
                        amount(e.getValue(), at + ".estimatedSeconds." + e.getKey(), BigDecimal.valueOf(900))));
        return new LocalCompute(
                price,
                memory.asInt(),
                seconds,
                node.path("source").asText(""),
                node.path("asOf").asText(""));
    }

    /** A decimal amount from its text ("0.042" or 0.042), at least zero and at most {@code max}. */
    private static BigDecimal amount(JsonNode node, String at, BigDecimal max) {
        if (node == null || !(node.isTextual() || node.isNumber()))
            throw new IllegalArgumentException(at + " must be a decimal amount such as \"0.042\"");
        BigDecimal value;
        try {
            // A number node's text is the decimal as written in short form; it never passes through binary arithmetic
            // here.
            value = new BigDecimal(
                    node.isTextual()
                            ? node.asText().strip()
                            : node.numberValue().toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(at + " must be a decimal amount such as \"0.042\"");
        }
        if (value.signum() < 0 || value.compareTo(max) > 0)
            throw new IllegalArgumentException(at + " must be from 0 to " + max.toPlainString());
        return value;
    }

    private static String text(JsonNode row, String field, String at, String fallback) {
        JsonNode value = row.get(field);
        if (value == null || value.isNull()) {
            if (fallback == null) throw new IllegalArgumentException(at + "." + field + " is required");
            return fallback;
        }
        if (!value.isTextual() || value.asText().isBlank())
            throw new IllegalArgumentException(at + "." + field + " must be a non-empty string");
        return value.asText();
    }
}
