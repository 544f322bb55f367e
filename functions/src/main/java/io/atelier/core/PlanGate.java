package io.atelier.core;

import io.atelier.model.Step;
import io.atelier.plans.Plan;
import io.atelier.plans.Plans;
import io.atelier.store.UsageStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Plans at the door of paid work (a submission, a retry, a re-run, a raised budget): what the plan does not include is
 * a 403 naming the field; a quota used up is a 429 naming it, with the seconds until it frees up. Images per day and
 * concurrent jobs are counted here, in conditional writes; the month's spend is counted by each task's start, as the
 * job's budget is, and checked here only for being used up already.
 */
public final class PlanGate {
    /** When every concurrent job of the plan is running, a client asks again after this (a small job's run). */
    static final long CONCURRENT_RETRY_SECONDS = 30;

    private final Plans plans;
    private final UsageStore usage;
    private final Clock clock;
    private final Duration slotKept;

    /** @param slotKept how long a slot nobody gave back (its job lost) is kept: the jobs' retention */
    public PlanGate(Plans plans, UsageStore usage, Clock clock, Duration slotKept) {
        this.plans = plans;
        this.usage = usage;
        this.clock = clock;
        this.slotKept = slotKept;
    }

    /** The plan of that name (a job from an import carries its submitter's), else the default. */
    public Plan named(String name) {
        return plans.named(name).orElseGet(() -> plans.of(Map.of()));
    }

    /** The plan of the identity whose JWT claims these are. */
    public Plan planOf(Map<String, String> claims) {
        return plans.of(claims);
    }

    /** What the plan does not include among the steps, as a 403 naming the first such field. */
    public void checkSteps(Plan plan, List<Step> steps, boolean workflow) {
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String at = workflow ? "steps[" + i + "]." : "";
            if (!plan.allowsOperation(step.operation()))
                throw new PlanRefusedException(
                        plan.name(), at + "operation", "does not include the operation " + step.operation());
            if (!plan.allowsProvider(step.provider()))
                throw new PlanRefusedException(
                        plan.name(), at + "provider", "does not include the provider " + step.provider());
            if (!plan.allowsModel(step.provider(), step.model()))
                throw new PlanRefusedException(
                        plan.name(),
                        at + "model",
                        "does not include the model " + step.model() + " of " + step.provider());
            for (int j = 0; j < step.fallback().size(); j++)
                if (!plan.allowsProvider(step.fallback().get(j)))
                    throw new PlanRefusedException(
                            plan.name(),
                            at + "fallback[" + j + "]",
                            "does not include the provider " + step.fallback().get(j));
        }
    }

    /** More items in one job than the plan allows: a 403 naming {@code items}. */
    public void checkItems(Plan plan, int items) {
        Integer max = plan.quotas().itemsPerJob();
        if (max != null && items > max)
            throw new PlanRefusedException(
                    plan.name(), "items", "allows at most " + max + " items per job; this job has " + items);
    }

    /** What {@link #admit} counted, given back by {@link #undo} when the work is then not started. */
    public final class Admission {
        private final String owner, jobId;
        private final LocalDate day;
        private final int images;
        private final boolean tookSlot;

        private Admission(String owner, String jobId, LocalDate day, int images, boolean tookSlot) {
            this.owner = owner;
            this.jobId = jobId;
            this.day = day;
            this.images = images;
            this.tookSlot = tookSlot;
        }

        public void undo() {
            if (images > 0) usage.uncountImages(owner, day, images);
            if (tookSlot) usage.releaseJobSlot(owner, jobId);
        }
    }

    /**
     * Counts {@code images} more for today and holds a concurrent-job slot for the job (kept if it holds one), after
     * checking the month's spend is not used up; a 429 naming the quota otherwise, with nothing counted.
     */
    public Admission admit(Plan plan, String owner, String jobId, int images) {
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        BigDecimal monthly = plan.quotas().monthlySpend();
        if (monthly != null) {
            BigDecimal spent = usage.usage(owner, day, YearMonth.from(day)).spendThisMonth();
            if (spent.compareTo(monthly) >= 0)
                throw new QuotaExceededException(
                        plan.name(),
                        "monthlySpend",
                        "Your plan (" + plan.name() + ") allows " + monthly.toPlainString()
                                + " of spend a month, and this month's is used up (" + spent.toPlainString()
                                + " committed); it starts again on the 1st (UTC).",
                        secondsUntil(now, YearMonth.from(day).plusMonths(1).atDay(1)));
        }
        Integer perDay = plan.quotas().imagesPerDay();
        if (images > 0 && !usage.countImages(owner, day, images, perDay)) {
            int used = usage.usage(owner, day, YearMonth.from(day)).imagesToday();
            throw new QuotaExceededException(
                    plan.name(),
                    "imagesPerDay",
                    "Your plan (" + plan.name() + ") allows " + perDay + " images a day; " + used
                            + " are used today and this needs " + images
                            + ". Try again after midnight UTC, or with fewer.",
                    secondsUntil(now, day.plusDays(1)));
        }
        UsageStore.Slot slot;
        try {
            slot = usage.holdJobSlot(owner, jobId, plan.quotas().concurrentJobs(), now.plus(slotKept));
        } catch (RuntimeException e) {
            if (images > 0) usage.uncountImages(owner, day, images);
            throw e;
        }
        if (slot == UsageStore.Slot.FULL) {
            if (images > 0) usage.uncountImages(owner, day, images);
            throw new QuotaExceededException(
                    plan.name(),
                    "concurrentJobs",
                    "Your plan (" + plan.name() + ") runs " + plan.quotas().concurrentJobs()
                            + " jobs at once, and that many are unfinished; submit once one has ended.",
                    CONCURRENT_RETRY_SECONDS);
        }
        return new Admission(owner, jobId, day, images, slot == UsageStore.Slot.TAKEN);
    }

    /** The plan, and its usage now with when each period ends: {@code GET /me}. */
    public record Allowance(
            Plan plan, UsageStore.Usage usage, Instant dayEnds, Instant monthEnds, List<String> plans) {}

    public Allowance allowance(Plan plan, String owner) {
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return new Allowance(
                plan,
                usage.usage(owner, day, YearMonth.from(day)),
                day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                YearMonth.from(day)
                        .plusMonths(1)
                        .atDay(1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant(),
                plans.names());
    }

    private static long secondsUntil(Instant now, LocalDate day) {
        return Duration.between(now, day.atStartOfDay(ZoneOffset.UTC).toInstant())
                        .toSeconds()
                + 1;
    }
}
