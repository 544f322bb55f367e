package io.atelier.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A person's usage against the quotas of their plan, counted atomically: images per UTC day, jobs unfinished at once
 * (one slot per job, held from its submission until it ends) and spend committed per UTC month (moved by the job
 * store's task transitions, as a job's committed spend is). A null limit counts without limiting.
 */
public interface UsageStore {
    /** Counts {@code images} more on {@code day} if the day's count stays within {@code limit}; false (nothing counted) if not. */
    boolean countImages(String owner, LocalDate day, int images, Integer limit);

    /** Gives back images counted for work that was then not started (a submission that lost a race, say). */
    void uncountImages(String owner, LocalDate day, int images);

    /** What {@link #holdJobSlot} did. */
    enum Slot {
        /** The job holds a slot now. */
        TAKEN,
        /** The job held one already: nothing changed. */
        ALREADY_HELD,
        /** Every slot the limit allows is held by other jobs. */
        FULL
    }

    /** Takes a slot for the job if fewer than {@code limit} are held; {@code expiresAt}: when a lost slot is forgotten. */
    Slot holdJobSlot(String owner, String jobId, Integer limit, Instant expiresAt);

    /** Gives the job's slot back if it holds one: however often and by whomever it is called, once. */
    boolean releaseJobSlot(String owner, String jobId);

    /** The counters as they are now. */
    Usage usage(String owner, LocalDate day, YearMonth month);

    /** Images counted on a day, jobs holding a slot, spend committed in a month (running estimates plus actual costs). */
    record Usage(int imagesToday, int activeJobs, BigDecimal spendThisMonth) {}
}
