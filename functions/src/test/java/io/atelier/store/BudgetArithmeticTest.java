package io.atelier.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.model.Cost;
import io.atelier.model.Spend;
import io.atelier.model.TaskStatus;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The budget's arithmetic: what each transition commits or releases, and when a start fits. */
class BudgetArithmeticTest {
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");
    private static final BigDecimal ESTIMATE = new BigDecimal("0.040");

    private static TaskTransition.Builder move(TaskStatus from, TaskStatus to) {
        return TaskTransition.of("o", "job_1", "task_1", from, 1, to, AT).estimate(ESTIMATE);
    }

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource({
        "QUEUED, RUNNING, 0.040", // a start commits the estimate
        "WAITING, RUNNING, 0", // a poll goes on with what was committed
        "RUNNING, WAITING, 0",
        "RUNNING, QUEUED, -0.040", // a retry or a slot wait gives it back until the next start
        "RUNNING, FAILED, -0.040", // a failure costs nothing
        "WAITING, FAILED, -0.040",
        "RUNNING, CANCELED, -0.040",
        "QUEUED, CANCELED, 0", // never started, never committed
        "FAILED, QUEUED, 0"
    })
    void eachTransitionCommitsOrReleasesTheEstimate(TaskStatus from, TaskStatus to, String delta) {
        assertThat(TaskLifecycle.commitment(move(from, to).build())).isEqualByComparingTo(delta);
    }

    @Test
    void aSuccessPutsItsActualCostInPlaceOfItsEstimate() {
        TaskTransition success = move(TaskStatus.RUNNING, TaskStatus.SUCCEEDED)
                .cost(new Cost(new BigDecimal("0.011"), "USD", "run"))
                .build();
        assertThat(TaskLifecycle.commitment(success)).isEqualByComparingTo("-0.029");
        assertThat(TaskLifecycle.charge(success)).isEqualByComparingTo("0.011");
    }

    @Test
    void aStartFitsWhileTheCommittedSpendStaysWithinTheBudget() {
        TaskTransition start = move(TaskStatus.QUEUED, TaskStatus.RUNNING)
                .within(new BigDecimal("0.10"))
                .build();
        assertThat(TaskLifecycle.withinBudget(start, new BigDecimal("0.06")))
                .as("0.06 + 0.04 = 0.10")
                .isTrue();
        assertThat(TaskLifecycle.withinBudget(start, new BigDecimal("0.0601"))).isFalse();
        assertThat(TaskLifecycle.budgetLimit(start)).isEqualByComparingTo("0.06");
        TaskTransition unbudgeted = move(TaskStatus.QUEUED, TaskStatus.RUNNING).build();
        assertThat(TaskLifecycle.withinBudget(unbudgeted, new BigDecimal("1000")))
                .isTrue();
        assertThat(TaskLifecycle.budgetLimit(unbudgeted)).isNull();
        assertThat(TaskLifecycle.budgetLimit(move(TaskStatus.RUNNING, TaskStatus.FAILED)
                        .within(BigDecimal.ONE)
                        .build()))
                .as("giving back needs no room")
                .isNull();
    }

    @Test
    void theJobsSpendSaysWhatItAllows() {
        Spend spend = new Spend("USD", new BigDecimal("1"), BigDecimal.ZERO)
                .withBudget(new BigDecimal("0.10"))
                .committing(new BigDecimal("0.07"));
        assertThat(spend.allows(new BigDecimal("0.03"))).isTrue();
        assertThat(spend.allows(new BigDecimal("0.031"))).isFalse();
        assertThat(spend.allows(BigDecimal.ZERO)).isTrue();
        assertThat(new Spend("USD", BigDecimal.ONE, BigDecimal.ZERO).allows(new BigDecimal("99")))
                .isTrue();
    }
}
