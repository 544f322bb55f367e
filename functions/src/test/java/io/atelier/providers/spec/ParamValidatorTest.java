package io.atelier.providers.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.model.FieldError;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamValidatorTest {
    private final OperationSpec spec = OperationSpec.of(
                    Prompt.REQUIRED,
                    ParamSpec.integer("seed", 0, 10),
                    ParamSpec.number("strength", 0, 1),
                    ParamSpec.bool("extend"),
                    ParamSpec.color("background"),
                    ParamSpec.json("workflow"),
                    ParamSpec.choice("aspectRatio", List.of("1:1", "16:9")),
                    ParamSpec.text("text", 1, 5))
            .needsOneOf("seed", "strength");

    @Test
    void eachKindOfValueIsCheckedOneWay() {
        Map<String, Object> good = Map.of(
                "seed",
                new BigDecimal("4.0"),
                "strength",
                0.5,
                "extend",
                true,
                "background",
                "none",
                "workflow",
                Map.of("1", Map.of()),
                "aspectRatio",
                "16:9",
                "text",
                "hello");
        assertThat(ParamValidator.problems("edit", spec, "a prompt", good)).isEmpty();
        Map<String, Object> bad = Map.of(
                "seed",
                4.5,
                "strength",
                2,
                "extend",
                "yes",
                "background",
                "#fff",
                "workflow",
                List.of(),
                "aspectRatio",
                "4:3",
                "text",
                " ");
        assertThat(ParamValidator.problems("edit", spec, null, bad))
                .extracting(FieldError::message)
                .containsExactlyInAnyOrder(
                        "edit needs a prompt",
                        "seed must be a whole number from 0 to 10",
                        "strength must be a number from 0 to 1",
                        "extend must be true or false",
                        "background must be a colour like #ffffff, or none",
                        "workflow must be a JSON object (or a string holding one)",
                        "aspectRatio must be one of 1:1, 16:9",
                        "text must be text of 1 to 5 characters");
    }

    @Test
    void oneOfAGroupIsNeeded() {
        assertThat(ParamValidator.problems("edit", spec, "p", Map.of()))
                .containsExactly(new FieldError("seed", "edit needs seed or strength"));
    }

    @Test
    void anUnknownNameSuggestsTheNearestKnownOne() {
        assertThat(ParamValidator.unknown(spec, Map.of("aspect_ratio", "1:1")))
                .containsExactly(new FieldError("aspect_ratio", "unknown parameter; did you mean aspectRatio?"));
        assertThat(ParamValidator.unknown(spec, Map.of("sead", 1)))
                .extracting(FieldError::message)
                .containsExactly("unknown parameter; did you mean seed?");
        assertThat(ParamValidator.unknown(spec, Map.of("colour", "red")))
                .extracting(FieldError::message)
                .containsExactly("unknown parameter");
    }

    @Test
    void theJsonSchemaSaysWhatTheValidatorChecks() {
        Map<String, Object> schema = JsonSchemas.of(spec.promptMaxLength(800));
        assertThat(schema)
                .containsEntry("additionalProperties", false)
                .containsEntry(
                        "anyOf", List.of(Map.of("required", List.of("seed")), Map.of("required", List.of("strength"))))
                .containsEntry("x-prompt", Map.of("use", "required", "maxLength", 800));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) schema.get("properties");
        assertThat(properties.get("seed"))
                .containsEntry("type", "integer")
                .containsEntry("minimum", 0L)
                .containsEntry("maximum", 10L);
        assertThat(properties.get("workflow")).containsEntry("type", List.of("object", "string"));
        assertThat(properties.get("text")).containsEntry("minLength", 1).containsEntry("maxLength", 5);
    }
}
