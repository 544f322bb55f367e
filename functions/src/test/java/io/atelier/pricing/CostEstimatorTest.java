package io.atelier.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.model.Cost;
import io.atelier.model.Step;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CostEstimatorTest {
    private final CostEstimator costs = new CostEstimator(PriceTable.defaults());

    @ParameterizedTest(name = "{0} {1} {2} {3} → {4}")
    @CsvSource({
        "openai, generate, low, 1024x1024, 0.011",
        "openai, edit, medium, 1536x1024, 0.063",
        "openai, generate, high, 1024x1024, 0.167",
        "openai, generate, auto, auto, 0.25", // unknown quality: the dearest image, never an under-estimate
        "gemini, edit, , , 0.039",
        "ark, generate, , , 0.03",
        "comfyui, generate, , , 0",
    })
    void providerPricesComeFromTheTableByQualityAndSize(
            String provider, String operation, String quality, String size, String expected) {
        Map<String, Object> params = new java.util.HashMap<>();
        if (quality != null) params.put("quality", quality);
        if (size != null) params.put("size", size);
        Cost cost = costs.estimate(new Step(operation, provider, null, "p", params), Map.of());
        assertThat(cost.amount()).isEqualByComparingTo(expected);
        assertThat(cost.currency()).isEqualTo("USD");
        assertThat(cost.basis()).startsWith("estimate: price table, " + provider);
    }

    @Test
    void stabilityUpscalePricesFollowTheModeOrTheModelAndTheTaskParamsWin() {
        Step fast = new Step("upscale", "stability", null, null, Map.of("mode", "fast"));
        assertThat(costs.estimate(fast, Map.of()).amount()).isEqualByComparingTo("0.02");
        assertThat(costs.estimate(fast, Map.of("mode", "conservative")).amount())
                .isEqualByComparingTo("0.40");
        assertThat(costs.estimate(new Step("upscale", "stability", "stable-fast-upscale", null, Map.of()), Map.of())
                        .amount())
                .isEqualByComparingTo("0.02");
        assertThat(costs.estimate(new Step("upscale", "stability", null, null, Map.of()), Map.of())
                        .amount())
                .isEqualByComparingTo("0.60");
        assertThat(costs.estimate(new Step("remove-background", "stability", null, null, Map.of()), Map.of())
                        .amount())
                .isEqualByComparingTo("0.05");
    }

    @Test
    void theEngineCostsItsLambdaTimeAtTheArmPricePerGbSecond() {
        // 5.1 s × 3008 MB = 14.98125 GB-s
        Cost upscale = costs.estimate(new Step("upscale", "local", null, null, Map.of("factor", 2)), Map.of());
        assertThat(upscale.amount()).isEqualByComparingTo("0.000199751"); // 14.98125 GB-s × 0.0000133334 = 0.000199751…
        assertThat(upscale.basis()).contains("5.1 s (measured on a 24 MP photo").contains("× 3008 MB");
        Cost measured = new CostEstimator(PriceTable.defaults(), 1024)
                .actual(new Step("resize", "local", null, null, Map.of()), null, Map.of(), 1000);
        assertThat(measured.amount()).isEqualByComparingTo("0.000013333"); // one GB-second, to nine places
        assertThat(measured.basis()).isEqualTo("measured: 1000 ms × 1024 MB");
    }

    @Test
    void sumsAreExactWhereDoublesDrift() {
        // 3,000 items at 0.011: a double sum would end 32.99999999999…; decimal says 33.000 exactly.
        Cost one = costs.estimate(
                new Step("generate", "openai", null, "p", Map.of("quality", "low", "size", "1024x1024")), Map.of());
        Cost total = costs.sum(Collections.nCopies(3000, one), "3000 tasks");
        assertThat(total.amount()).isEqualTo(new BigDecimal("33"));
        double drift = 0;
        for (int i = 0; i < 3000; i++) drift += 0.011;
        assertThat(drift).isNotEqualTo(33.0);
    }

    @Test
    void aWorkflowTaskCostsTheSumOfItsSteps() {
        List<Step> steps = List.of(
                new Step("remove-background", "stability", null, null, Map.of()),
                new Step("edit", "gemini", null, "p", Map.of()));
        Cost task = costs.estimateTask(steps, Map.of());
        assertThat(task.amount()).isEqualByComparingTo("0.089");
        assertThat(task.basis()).isEqualTo("estimate: 2 steps");
    }

    @Test
    void anUnpricedProviderSaysSoAndAddingCurrenciesIsRefused() {
        Cost unknown = costs.estimate(new Step("generate", "mystery", null, "p", Map.of()), Map.of());
        assertThat(unknown.amount()).isZero();
        assertThat(unknown.basis()).isEqualTo("estimate: no price for mystery generate");
        assertThatThrownBy(() -> unknown.plus(new Cost(BigDecimal.ONE, "EUR", "x"), "sum"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
