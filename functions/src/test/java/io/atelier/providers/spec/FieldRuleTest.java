package io.atelier.providers.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.model.FieldError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule between fields is checked by the validator and published, in JSON Schema, where GET /providers shows it. */
class FieldRuleTest {
    private final OperationSpec spec = OperationSpec.of(
                    Prompt.OPTIONAL,
                    ParamSpec.choice("background", List.of("transparent", "opaque")),
                    ParamSpec.choice("output_format", List.of("png", "jpeg")),
                    ParamSpec.integer("left", 0, 10),
                    ParamSpec.integer("right", 0, 10))
            .with(
                    FieldRule.excludes("background", "transparent", "output_format", "jpeg", "no transparent jpeg"),
                    FieldRule.oneAbove(0, "one side above 0", "left", "right"));

    @Test
    void excludesRefusesOnlyTheCombination() {
        assertThat(ParamValidator.problems(
                        "edit", spec, null, Map.of("background", "transparent", "output_format", "jpeg", "left", 1)))
                .containsExactly(new FieldError("background", "no transparent jpeg"));
        assertThat(ParamValidator.problems(
                        "edit", spec, null, Map.of("background", "opaque", "output_format", "jpeg", "left", 1)))
                .isEmpty();
        assertThat(ParamValidator.problems("edit", spec, null, Map.of("background", "transparent", "left", 1)))
                .isEmpty();
    }

    @Test
    void oneAboveNeedsAGivenNumberOverTheFloor() {
        assertThat(ParamValidator.problems("edit", spec, null, Map.of("left", 0, "right", 0)))
                .containsExactly(new FieldError("left", "one side above 0"));
        assertThat(ParamValidator.problems("edit", spec, null, Map.of()))
                .containsExactly(new FieldError("left", "one side above 0"));
        assertThat(ParamValidator.problems("edit", spec, null, Map.of("left", 0, "right", 3)))
                .isEmpty();
    }

    @Test
    void promptRulesLookAtTheParamsAndThePrompt() {
        FieldRule unless = FieldRule.promptUnless("style", "style or prompt");
        assertThat(unless.problem(" ", Map.of())).isEqualTo(new FieldError("style", "style or prompt"));
        assertThat(unless.problem("watercolour", Map.of())).isNull();
        assertThat(unless.problem(null, Map.of("style", "ink"))).isNull();
        FieldRule contains = FieldRule.promptWhenContains("workflow", "{{prompt}}", "needs a prompt");
        assertThat(contains.problem(
                        null, Map.of("workflow", Map.of("1", Map.of("inputs", Map.of("text", "{{prompt}}"))))))
                .isEqualTo(new FieldError("prompt", "needs a prompt"));
        assertThat(contains.problem(null, Map.of("workflow", "{\"1\":{\"inputs\":{\"text\":\"a cat\"}}}")))
                .isNull();
        assertThat(contains.problem("a cat", Map.of("workflow", "{{prompt}}"))).isNull();
    }

    @Test
    void aModeCanNeedThePromptAndNarrowARange() {
        FieldRule prompt = FieldRule.promptWhenOneOf("mode", List.of("conservative", "creative"), "needs a prompt");
        assertThat(prompt.problem(null, Map.of("mode", "creative")))
                .isEqualTo(new FieldError("prompt", "needs a prompt"));
        assertThat(prompt.problem(null, Map.of())).isNull();
        assertThat(prompt.problem("sharp", Map.of("mode", "creative"))).isNull();
        assertThat(prompt.aboutPrompt()).isTrue();
        FieldRule range = FieldRule.rangeWhen("creativity", 0.2, 0.5, "mode", "conservative", "0.2 to 0.5");
        assertThat(range.problem(null, Map.of("mode", "conservative", "creativity", 0.1)))
                .isEqualTo(new FieldError("creativity", "0.2 to 0.5"));
        assertThat(range.problem(null, Map.of("mode", "creative", "creativity", 0.1)))
                .isNull();
        assertThat(range.schema())
                .containsEntry(
                        "then", Map.of("properties", Map.of("creativity", Map.of("minimum", 0.2, "maximum", 0.5))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSchemaCarriesParameterRulesInAllOfAndPromptRulesInXPrompt() {
        Map<String, Object> schema =
                JsonSchemas.of(spec.with(FieldRule.promptWhenContains("workflow", "{{prompt}}", "needs a prompt")));
        assertThat(schema).doesNotContainKey("anyOf");
        assertThat((List<Object>) schema.get("allOf"))
                .containsExactly(
                        Map.of(
                                "if",
                                Map.of(
                                        "properties",
                                        Map.of("background", Map.of("const", "transparent")),
                                        "required",
                                        List.of("background")),
                                "then",
                                Map.of(
                                        "not",
                                        Map.of(
                                                "properties",
                                                Map.of("output_format", Map.of("const", "jpeg")),
                                                "required",
                                                List.of("output_format"))),
                                "x-field",
                                "background",
                                "x-message",
                                "no transparent jpeg"),
                        Map.of(
                                "anyOf",
                                List.of(
                                        Map.of(
                                                "properties",
                                                Map.of("left", Map.of("exclusiveMinimum", 0)),
                                                "required",
                                                List.of("left")),
                                        Map.of(
                                                "properties",
                                                Map.of("right", Map.of("exclusiveMinimum", 0)),
                                                "required",
                                                List.of("right"))),
                                "x-field",
                                "left",
                                "x-message",
                                "one side above 0"));
        assertThat((Map<String, Object>) schema.get("x-prompt"))
                .containsEntry(
                        "requiredIf",
                        Map.of(
                                "properties",
                                Map.of("workflow", Map.of("type", "string", "pattern", "\\{\\{prompt\\}\\}")),
                                "required",
                                List.of("workflow"),
                                "x-field",
                                "prompt",
                                "x-message",
                                "needs a prompt"));
    }

    @Test
    void aLoneGroupStaysATopLevelAnyOf() {
        Map<String, Object> schema = JsonSchemas.of(
                OperationSpec.of(Prompt.OPTIONAL, ParamSpec.integer("width", 1, 9), ParamSpec.integer("height", 1, 9))
                        .needsOneOf("width", "height"));
        assertThat(schema).containsKey("anyOf").doesNotContainKey("allOf");
    }
}
