package io.atelier.http;

import io.atelier.core.PlanGate;
import io.atelier.plans.Plan;
import io.atelier.plans.Quotas;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /me}: the caller's plan, what it includes, and each quota's limit, use and what is left. */
public final class PlanViews {
    private PlanViews() {}

    public static Map<String, Object> me(String user, PlanGate.Allowance allowance, String currency) {
        Plan plan = allowance.plan();
        Quotas quotas = plan.quotas();
        Map<String, Object> includes = new LinkedHashMap<>();
        includes.put("providers", plan.providers());
        includes.put("operations", plan.operations());
        includes.put("models", plan.models());
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("imagesPerDay", count(quotas.imagesPerDay(), allowance.usage().imagesToday(), allowance.dayEnds()));
        usage.put(
                "concurrentJobs",
                count(quotas.concurrentJobs(), allowance.usage().activeJobs(), null));
        usage.put("itemsPerJob", limitOnly(quotas.itemsPerJob()));
        BigDecimal spent = allowance.usage().spendThisMonth();
        Map<String, Object> spend = new LinkedHashMap<>();
        spend.put(
                "limit",
                quotas.monthlySpend() == null ? null : quotas.monthlySpend().toPlainString());
        spend.put("used", spent.toPlainString());
        spend.put(
                "remaining",
                quotas.monthlySpend() == null
                        ? null
                        : quotas.monthlySpend()
                                .subtract(spent)
                                .max(BigDecimal.ZERO)
                                .toPlainString());
        spend.put("currency", currency);
        spend.put("resetsAt", allowance.monthEnds().toString());
        usage.put("monthlySpend", spend);
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("user", user);
        me.put("plan", plan.name());
        me.put("includes", includes);
        me.put("quotas", usage);
        me.put("plans", allowance.plans());
        return me;
    }

    private static Map<String, Object> count(Integer limit, int used, Instant resetsAt) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("limit", limit);
        view.put("used", used);
        view.put("remaining", limit == null ? null : Math.max(0, limit - used));
        if (resetsAt != null) view.put("resetsAt", resetsAt.toString());
        return view;
    }

    private static Map<String, Object> limitOnly(Integer limit) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("limit", limit);
        return view;
    }
}
