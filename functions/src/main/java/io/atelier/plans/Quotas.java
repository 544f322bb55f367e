package io.atelier.plans;

import java.math.BigDecimal;

/**
 * What a plan allows per period: images started per UTC day, jobs unfinished at once, items in one job, and spend
 * committed per UTC month (decimal, in the price table's currency). Null: no limit.
 */
public record Quotas(Integer imagesPerDay, Integer concurrentJobs, Integer itemsPerJob, BigDecimal monthlySpend) {
    public static final Quotas NONE = new Quotas(null, null, null, null);
}
