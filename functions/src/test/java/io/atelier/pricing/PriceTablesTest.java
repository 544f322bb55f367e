package io.atelier.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.config.BuiltInProviders;
import io.atelier.model.Step;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceTablesTest {
    @Test
    void theShippedTablePricesEveryProviderWithASourceAndADate() {
        PriceTable table = PriceTable.defaults();
        for (String provider : BuiltInProviders.ids())
            assertThat(table.prices(provider)).as(provider).isTrue();
        assertThat(table.entries()).allSatisfy(row -> {
            assertThat(row.source()).isNotBlank();
            assertThat(row.asOf()).matches("\\d{4}-\\d{2}-\\d{2}");
        });
        assertThat(table.local().memoryMb()).isEqualTo(3008);
    }

    @Test
    void anOverrideWinsOverTheDefaultsAndKeepsTheRest() {
        PriceTable table = PriceTables.withOverride("""
                {"prices": [{"provider": "gemini", "perImage": "0.0195", "source": "batch contract", "asOf": "2026-12-01"}],
                 "local": {"pricePerGbSecond": 0.0000166667, "memoryMb": 2048, "estimatedSeconds": {"*": "2"}}}""", "PRICES");
        CostEstimator costs = new CostEstimator(table);
        assertThat(costs.estimate(new Step("edit", "gemini", null, "p", Map.of()), Map.of())
                        .amount())
                .isEqualByComparingTo("0.0195");
        assertThat(costs.estimate(new Step("generate", "ark", null, "p", Map.of()), Map.of())
                        .amount())
                .isEqualByComparingTo("0.03");
        assertThat(table.local().pricePerGbSecond())
                .isEqualByComparingTo("0.0000166667"); // a JSON number, read exactly
        assertThat(table.local().memoryMb()).isEqualTo(2048);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"prices\": [{\"provider\": \"x\", \"perImage\": \"-1\"}]}| PRICES: prices[0].perImage must be from 0 to 1000",
                "{\"prices\": [{\"provider\": \"x\", \"perImage\": \"cheap\"}]}| PRICES: prices[0].perImage must be a decimal amount such as \"0.042\"",
                "{\"prices\": [{\"perImage\": \"1\"}]}| PRICES: prices[0].provider is required",
                "{\"currency\": \"EUR\", \"prices\": []}| currency: an override must use USD",
                "{\"local\": {\"pricePerGbSecond\": \"0.1\", \"memoryMb\": 64, \"estimatedSeconds\": {}}}| PRICES: local.memoryMb must be a whole number from 128 to 10240",
                "[1]| PRICES: must be a JSON object",
                "{nope| PRICES: not JSON",
            })
    void aBadDocumentIsRefusedNamingTheField(String document, String message) {
        assertThatThrownBy(() -> PriceTables.withOverride(document, "PRICES"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message.strip());
    }
}
