package io.atelier.plans;

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
import java.util.Optional;
import java.util.Set;

/**
 * The plans a deployment offers, read from a JSON document (the shipped {@code plans/plans.json}, the {@code PLANS}
 * parameter laid over it, or a document in S3), and which one an identity has: the {@code claim} (e.g.
 * {@code custom:plan}) if it names a plan, else the Cognito groups that name plans (the one listed last, the most
 * generous by convention), else the {@code default}. Plans are listed from the least to the most generous.
 */
public final class Plans {
    static final String GROUPS_CLAIM = "cognito:groups";
    private static final BigDecimal MAX_MONTHLY = new BigDecimal("1000000");
    private static final int MAX_COUNT = 100_000_000;
    private final Map<String, Plan> plans;
    private final List<String> order;
    private final String defaultPlan;
    private final String claim;
    private static volatile Plans defaults;

    private Plans(Map<String, Plan> plans, String defaultPlan, String claim) {
        this.plans = Map.copyOf(plans);
        this.order = List.copyOf(plans.keySet());
        this.defaultPlan = defaultPlan;
        this.claim = claim;
    }

    /** The shipped plans, parsed once (they are immutable). */
    public static Plans defaults() {
        Plans shipped = defaults;
        if (shipped == null) defaults = shipped = parseShipped();
        return shipped;
    }

    private static Plans parseShipped() {
        try (InputStream in = Plans.class.getResourceAsStream("/plans/plans.json")) {
            if (in == null) throw new IllegalStateException("plans/plans.json is missing from the jar");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "plans/plans.json", null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The defaults with {@code text} laid over them: its plans replace or add plans by name, its default and claim win. */
    public static Plans withOverride(String text, String where) {
        return parse(text, where, defaults());
    }

    private static Plans parse(String text, String where, Plans base) {
        JsonNode root;
        try {
            root = Json.tree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException(where + ": must be a JSON object");
        Map<String, Plan> plans = new LinkedHashMap<>();
        if (base != null && !root.path("replace").asBoolean(false))
            base.order.forEach(name -> plans.put(name, base.plans.get(name)));
        JsonNode given = root.path("plans");
        if (!given.isMissingNode() && !given.isObject())
            throw new IllegalArgumentException(where + ": plans must map plan names to plans");
        given.properties().forEach(e -> {
            if (!e.getKey().matches("[a-z0-9][a-z0-9_-]{0,31}"))
                throw new IllegalArgumentException(
                        where + ": plans." + e.getKey() + ": a plan's name is 1-32 lower-case letters, digits, _ or -");
            plans.remove(e.getKey()); // an overridden plan moves to where the override lists it
            plans.put(e.getKey(), plan(e.getKey(), e.getValue(), where + ": plans." + e.getKey()));
        });
        if (plans.isEmpty()) throw new IllegalArgumentException(where + ": plans must hold at least one plan");
        String defaultPlan = text(root, "default", where, base == null ? null : base.defaultPlan);
        if (!plans.containsKey(defaultPlan))
            throw new IllegalArgumentException(where + ": default: no plan named " + defaultPlan);
        return new Plans(plans, defaultPlan, text(root, "claim", where, base == null ? "custom:plan" : base.claim));
    }

    private static Plan plan(String name, JsonNode node, String at) {
        if (!node.isObject()) throw new IllegalArgumentException(at + " must be an object");
        JsonNode quotas = node.path("quotas");
        if (!quotas.isMissingNode() && !quotas.isObject())
            throw new IllegalArgumentException(at + ".quotas must be an object");
        return new Plan(
                name,
                names(node, "providers", at),
                names(node, "operations", at),
                names(node, "models", at),
                new Quotas(
                        count(quotas.get("imagesPerDay"), at + ".quotas.imagesPerDay"),
                        count(quotas.get("concurrentJobs"), at + ".quotas.concurrentJobs"),
                        count(quotas.get("itemsPerJob"), at + ".quotas.itemsPerJob"),
                        money(quotas.get("monthlySpend"), at + ".quotas.monthlySpend")));
    }

    private static List<String> names(JsonNode node, String field, String at) {
        JsonNode list = node.get(field);
        if (list == null) return List.of(Plan.ANY);
        if (!list.isArray())
            throw new IllegalArgumentException(at + "." + field + " must be a list of names (\"*\": all)");
        List<String> names = new ArrayList<>();
        for (JsonNode value : list) {
            if (!value.isTextual() || value.asText().isBlank())
                throw new IllegalArgumentException(at + "." + field + " must be a list of names (\"*\": all)");
            names.add(value.asText());
        }
        return names;
    }

    private static Integer count(JsonNode node, String at) {
        if (node == null || node.isNull()) return null;
        if (!node.isIntegralNumber() || node.asLong() < 0 || node.asLong() > MAX_COUNT)
            throw new IllegalArgumentException(at + " must be a whole number from 0 to " + MAX_COUNT + " (null: none)");
        return node.asInt();
    }

    /** Money from its text ("25.00"; a JSON number as written), never through a double. */
    private static BigDecimal money(JsonNode node, String at) {
        if (node == null || node.isNull()) return null;
        BigDecimal value;
        try {
            if (!(node.isTextual() || node.isNumber())) throw new NumberFormatException();
            value = new BigDecimal(
                    node.isTextual()
                            ? node.asText().strip()
                            : node.numberValue().toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(at + " must be a decimal amount such as \"25.00\" (null: none)");
        }
        if (value.signum() < 0 || value.compareTo(MAX_MONTHLY) > 0)
            throw new IllegalArgumentException(at + " must be from 0 to " + MAX_MONTHLY.toPlainString());
        return value;
    }

    private static String text(JsonNode root, String field, String where, String fallback) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            if (fallback == null) throw new IllegalArgumentException(where + ": " + field + " is required");
            return fallback;
        }
        if (!value.isTextual() || value.asText().isBlank())
            throw new IllegalArgumentException(where + ": " + field + " must be a non-empty string");
        return value.asText();
    }

    public Optional<Plan> named(String name) {
        return Optional.ofNullable(name == null ? null : plans.get(name));
    }

    /** The plans' names, least generous first. */
    public List<String> names() {
        return order;
    }

    public Plan defaultPlan() {
        return plans.get(defaultPlan);
    }

    /** The plan of an identity, from its JWT claims as API Gateway passes them (arrays as {@code "[a b]"}). */
    public Plan of(Map<String, String> claims) {
        Optional<Plan> claimed = named(claims.get(claim));
        if (claimed.isPresent()) return claimed.get();
        Set<String> groups = Set.copyOf(groups(claims.get(GROUPS_CLAIM)));
        for (int i = order.size() - 1; i >= 0; i--) if (groups.contains(order.get(i))) return plans.get(order.get(i));
        return defaultPlan();
    }

    /** {@code "[basic advanced]"} (API Gateway), {@code ["basic","advanced"]} (JSON) or {@code basic,advanced}. */
    static List<String> groups(String value) {
        if (value == null || value.isBlank()) return List.of();
        String inner = value.strip();
        if (inner.startsWith("[") && inner.endsWith("]")) inner = inner.substring(1, inner.length() - 1);
        List<String> groups = new ArrayList<>();
        for (String part : inner.split("[\\s,]+")) {
            String group = part.replace("\"", "");
            if (!group.isEmpty()) groups.add(group);
        }
        return groups;
    }
}
