package io.atelier.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlansTest {
    private final Plans plans = Plans.defaults();

    @Test
    void theShippedPlansAreBasicByDefaultAndAdvanced() {
        assertThat(plans.names()).containsExactly("basic", "advanced");
        Plan basic = plans.defaultPlan();
        assertThat(basic.name()).isEqualTo("basic");
        assertThat(basic.allowsProvider("local")).isTrue();
        assertThat(basic.allowsProvider("openai")).isFalse();
        assertThat(basic.allowsOperation("remove-background")).isFalse();
        assertThat(basic.quotas().monthlySpend()).isEqualByComparingTo("10.00");
        assertThat(plans.named("advanced").orElseThrow().allowsOperation("generate"))
                .isTrue();
    }

    @Test
    void thePlanComesFromTheClaimElseTheMostGenerousGroupElseTheDefault() {
        assertThat(plans.of(Map.of("sub", "a")).name()).isEqualTo("basic");
        assertThat(plans.of(Map.of("cognito:groups", "[staff advanced basic]")).name())
                .isEqualTo("advanced");
        assertThat(plans.of(Map.of("cognito:groups", "[\"advanced\"]")).name()).isEqualTo("advanced");
        assertThat(plans.of(Map.of("cognito:groups", "[staff]")).name()).isEqualTo("basic");
        assertThat(plans.of(Map.of("custom:plan", "basic", "cognito:groups", "[advanced]"))
                        .name())
                .as("the claim wins")
                .isEqualTo("basic");
        assertThat(plans.of(Map.of("custom:plan", "gold")).name())
                .as("an unknown claimed plan")
                .isEqualTo("basic");
    }

    @Test
    void anOverrideReplacesOrAddsPlansByNameAndMaySetTheDefault() {
        Plans local = Plans.withOverride(
                "{\"default\":\"team\",\"plans\":{\"basic\":{\"providers\":[\"local\"],\"quotas\":{\"imagesPerDay\":5}},"
                        + "\"team\":{\"quotas\":{\"monthlySpend\":\"250.50\"}}}}",
                "PLANS");
        assertThat(local.names()).containsExactly("advanced", "basic", "team");
        assertThat(local.defaultPlan().quotas().monthlySpend()).isEqualByComparingTo("250.50");
        assertThat(local.defaultPlan().allowsProvider("gemini"))
                .as("lists left out allow all")
                .isTrue();
        assertThat(local.named("basic").orElseThrow().quotas().imagesPerDay()).isEqualTo(5);
        assertThat(local.named("basic").orElseThrow().quotas().concurrentJobs())
                .as("a quota left out has no limit")
                .isNull();
    }

    @Test
    void aBadDocumentIsRefusedNamingTheField() {
        assertThatThrownBy(() -> Plans.withOverride("{\"default\":\"gold\"}", "PLANS"))
                .hasMessage("PLANS: default: no plan named gold");
        assertThatThrownBy(
                        () -> Plans.withOverride("{\"plans\":{\"basic\":{\"quotas\":{\"monthlySpend\":-1}}}}", "PLANS"))
                .hasMessageContaining("PLANS: plans.basic.quotas.monthlySpend must be from 0");
        assertThatThrownBy(() ->
                        Plans.withOverride("{\"plans\":{\"basic\":{\"quotas\":{\"imagesPerDay\":1.5}}}}", "PLANS"))
                .hasMessageContaining("plans.basic.quotas.imagesPerDay must be a whole number");
        assertThatThrownBy(() -> Plans.withOverride("{\"plans\":{\"Gold Plan\":{}}}", "PLANS"))
                .hasMessageContaining("a plan's name");
        assertThatThrownBy(() -> Plans.withOverride("[", "PLANS")).hasMessageStartingWith("PLANS: not JSON");
    }
}
