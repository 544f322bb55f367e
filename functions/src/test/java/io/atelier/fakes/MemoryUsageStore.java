package io.atelier.fakes;

import io.atelier.store.UsageStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Usage counters in memory with the DynamoDB store's conditions; {@link MemoryJobStore} moves the month's spend. */
public final class MemoryUsageStore implements UsageStore {
    private final Map<String, Integer> images = new HashMap<>();
    private final Map<String, Integer> active = new HashMap<>();
    private final Set<String> slots = new HashSet<>();
    private final Map<String, BigDecimal> months = new HashMap<>();

    @Override
    public synchronized boolean countImages(String owner, LocalDate day, int count, Integer limit) {
        int now = images.getOrDefault(owner + "|" + day, 0);
        if (limit != null && now + count > limit) return false;
        images.put(owner + "|" + day, now + count);
        return true;
    }

    @Override
    public synchronized void uncountImages(String owner, LocalDate day, int count) {
        images.merge(owner + "|" + day, -count, Integer::sum);
    }

    @Override
    public synchronized Slot holdJobSlot(String owner, String jobId, Integer limit, Instant expiresAt) {
        if (slots.contains(owner + "|" + jobId)) return Slot.ALREADY_HELD;
        int held = active.getOrDefault(owner, 0);
        if (limit != null && held >= limit) return Slot.FULL;
        slots.add(owner + "|" + jobId);
        active.put(owner, held + 1);
        return Slot.TAKEN;
    }

    @Override
    public synchronized boolean releaseJobSlot(String owner, String jobId) {
        if (!slots.remove(owner + "|" + jobId)) return false;
        active.merge(owner, -1, Integer::sum);
        return true;
    }

    @Override
    public synchronized Usage usage(String owner, LocalDate day, YearMonth month) {
        return new Usage(
                images.getOrDefault(owner + "|" + day, 0),
                active.getOrDefault(owner, 0),
                months.getOrDefault(owner + "|" + month, BigDecimal.ZERO));
    }

    /** The month's committed spend now, for the job store's conditional start. */
    synchronized BigDecimal committed(String owner, YearMonth month) {
        return months.getOrDefault(owner + "|" + month, BigDecimal.ZERO);
    }

    synchronized void commit(String owner, YearMonth month, BigDecimal delta) {
        months.merge(owner + "|" + month, delta, BigDecimal::add);
    }
}
