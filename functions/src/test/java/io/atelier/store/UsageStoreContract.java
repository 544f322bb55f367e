package io.atelier.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.model.Ids;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UsageStore} must do, in memory and on DynamoDB Local: counters that racing submissions cannot
 * push past a limit, and a concurrent-job slot that is given back exactly once.
 */
public abstract class UsageStoreContract {
    protected static final LocalDate DAY = LocalDate.parse("2026-12-02");
    private static final Instant KEPT = Instant.parse("2027-01-01T00:00:00Z");

    protected abstract UsageStore usage();

    @Test
    void imagesAreCountedPerDayWithinTheLimitAndGivenBack() {
        String owner = owner();
        assertThat(usage().countImages(owner, DAY, 7, 10)).isTrue();
        assertThat(usage().countImages(owner, DAY, 4, 10)).as("7 + 4 > 10").isFalse();
        assertThat(usage().countImages(owner, DAY, 3, 10)).isTrue();
        assertThat(usage().countImages(owner, DAY, 11, null)).as("no limit").isTrue();
        assertThat(usage().countImages(owner, DAY.plusDays(1), 10, 10))
                .as("a new day")
                .isTrue();
        usage().uncountImages(owner, DAY, 11);
        assertThat(usage().usage(owner, DAY, YearMonth.from(DAY)).imagesToday()).isEqualTo(10);
        assertThat(usage().countImages(owner, DAY, 20, 10))
                .as("more than the limit at once")
                .isFalse();
        assertThat(usage().usage("someone-else", DAY, YearMonth.from(DAY)).imagesToday())
                .isZero();
    }

    @Test
    void aJobHoldsOneSlotUntilItIsReleasedOnce() {
        String owner = owner();
        String first = Ids.job(), second = Ids.job(), third = Ids.job();
        assertThat(usage().holdJobSlot(owner, first, 2, KEPT)).isEqualTo(UsageStore.Slot.TAKEN);
        assertThat(usage().holdJobSlot(owner, first, 2, KEPT)).isEqualTo(UsageStore.Slot.ALREADY_HELD);
        assertThat(usage().holdJobSlot(owner, second, 2, KEPT)).isEqualTo(UsageStore.Slot.TAKEN);
        assertThat(usage().holdJobSlot(owner, third, 2, KEPT)).isEqualTo(UsageStore.Slot.FULL);
        assertThat(usage().usage(owner, DAY, YearMonth.from(DAY)).activeJobs()).isEqualTo(2);
        assertThat(usage().releaseJobSlot(owner, first)).isTrue();
        assertThat(usage().releaseJobSlot(owner, first)).as("once").isFalse();
        assertThat(usage().holdJobSlot(owner, third, 2, KEPT)).isEqualTo(UsageStore.Slot.TAKEN);
        assertThat(usage().usage(owner, DAY, YearMonth.from(DAY)).activeJobs()).isEqualTo(2);
        assertThat(usage().releaseJobSlot("someone-else", second)).isFalse();
    }

    /** Sixteen submissions of 3 images race under a limit of 20: 6 fit (18), never a 7th. */
    @Test
    void racingSubmissionsNeverCountPastTheDailyLimit() throws Exception {
        String owner = owner();
        int admitted = race(16, i -> usage().countImages(owner, DAY, 3, 20));
        assertThat(admitted).isEqualTo(6);
        assertThat(usage().usage(owner, DAY, YearMonth.from(DAY)).imagesToday()).isEqualTo(18);
    }

    /** Sixteen jobs race for 4 slots: exactly 4 get one; sixteen racing releases of one job give back one slot. */
    @Test
    void racingJobsNeverHoldMoreSlotsThanTheLimitAndAReleaseHappensOnce() throws Exception {
        String owner = owner();
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 16; i++) jobs.add(Ids.job());
        int taken = race(16, i -> usage().holdJobSlot(owner, jobs.get(i), 4, KEPT) == UsageStore.Slot.TAKEN);
        assertThat(taken).isEqualTo(4);
        String holder = jobs.stream()
                .filter(job -> usage().holdJobSlot(owner, job, 4, KEPT) == UsageStore.Slot.ALREADY_HELD)
                .findFirst()
                .orElseThrow();
        int released = race(16, i -> usage().releaseJobSlot(owner, holder));
        assertThat(released).isEqualTo(1);
        assertThat(usage().usage(owner, DAY, YearMonth.from(DAY)).activeJobs()).isEqualTo(3);
    }

    /** Runs {@code attempt} on {@code workers} threads at once and answers how many succeeded. */
    protected static int race(int workers, IntPredicate attempt) throws InterruptedException {
        AtomicInteger succeeded = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int index = w;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    if (attempt.test(index)) succeeded.incrementAndGet();
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        go.countDown();
        for (Thread thread : threads) thread.join();
        assertThat(failures).isEmpty();
        return succeeded.get();
    }

    private static String owner() {
        return "usage-" + Ids.ulid();
    }
}
