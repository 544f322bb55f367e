package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.model.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputNamesTest {
    private static OutputNames.Values item(String sku, String role, String name, String customId, int n) {
        return new OutputNames.Values(sku, role, name, "PNG", customId, n);
    }

    @Test
    void foldersPerSkuAndTheOriginalsName() {
        OutputNames perSku = OutputNames.of("{sku}/{sku}_{role}.{ext}", "outputName");
        assertThat(perSku.hasFolders()).isTrue();
        assertThat(perSku.names(
                        List.of(item("A1", "main", "x.jpg", null, 1), item("A1", "extra-1", "y.jpg", null, 2)),
                        i -> "items[" + i + "]"))
                .containsExactly("A1/A1_main.png", "A1/A1_extra-1.png");
        assertThat(OutputNames.of("{name}_white.{ext}", "outputName")
                        .names(List.of(item(null, null, "shoe front.jpg", null, 1)), i -> "x"))
                .containsExactly("shoe front_white.png");
    }

    @Test
    void namesAreSafeOnWindowsAndMac() {
        OutputNames names = OutputNames.of("{customId}", "outputName");
        assertThat(names.render(item(null, null, null, "CON", 1))).isEqualTo("_CON");
        assertThat(names.render(item(null, null, null, "a<b>:c|d?*. ", 1))).isEqualTo("a_b__c_d__");
        assertThat(names.render(item(null, null, null, "../../etc/passwd", 1))).isEqualTo("_.._etc_passwd");
        assertThat(names.render(item(null, null, null, "x".repeat(400), 1))).hasSize(120);
    }

    @Test
    void twoResultsWithOneNameAreRefusedNamingBoth() {
        OutputNames names = OutputNames.of("{sku}.{ext}", "outputName");
        assertThatThrownBy(() -> names.names(
                        List.of(
                                item("A1", "main", "a.jpg", null, 1),
                                item("B2", "main", "b.jpg", null, 2),
                                item("a1", "extra-1", "c.jpg", null, 3)),
                        i -> "row " + (i + 2)))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field, FieldError::message)
                                .containsExactly(
                                        org.assertj.core.groups.Tuple.tuple(
                                                "row 4, outputName",
                                                "\"a1.png\" is also the name of row 2; add {n}, {customId} or {role} to the template")));
    }

    @Test
    void unknownVariablesAndStrayBracesAreRefused() {
        assertThatThrownBy(() -> OutputNames.of("{sku}_{colour}.{ext}", "outputName"))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors().get(0))
                                .isEqualTo(
                                        new FieldError(
                                                "outputName",
                                                "unknown variable {colour}; use {sku}, {role}, {name}, {ext}, {customId} or {n}")));
        assertThatThrownBy(() -> OutputNames.of("{sku", "outputName")).hasMessageContaining("outside a variable");
        assertThatThrownBy(() -> OutputNames.of(" ", "outputName")).hasMessageContaining("required");
    }

    @Test
    void theStemLeavesTheExtensionToTheResultAndReservedNamesWithExtensionsArePrefixed() {
        OutputNames perSku = OutputNames.of("{sku}/{sku}_{role}.{ext}", "outputName");
        assertThat(perSku.stem(item("A1", "main", "x.jpg", null, 1))).isEqualTo("A1/A1_main");
        assertThat(OutputNames.withExtension("A1/A1_main", "PNG")).isEqualTo("A1/A1_main.png");
        assertThat(OutputNames.fileName("A1/A1_main.png")).isEqualTo("A1_main.png");
        assertThat(OutputNames.of("{customId}", "outputName").stem(item(null, null, null, "lpt1.txt", 1)))
                .isEqualTo("_lpt1.txt");
        assertThat(OutputNames.of("{customId}.{ext}", "outputName").stem(item(null, null, null, "nul", 1)))
                .isEqualTo("_nul");
        assertThat(OutputNames.of("{name} ", "outputName").stem(item(null, null, "shoe..jpg", null, 1)))
                .isEqualTo("shoe");
    }

    @Test
    void extMayOnlyEndTheTemplate() {
        assertThatThrownBy(() -> OutputNames.of("{ext}/{name}", "outputName"))
                .hasMessageContaining("{ext} may only end");
        assertThatThrownBy(() -> OutputNames.of("{name}.{ext}_x", "outputName"))
                .hasMessageContaining("{ext} may only end");
        assertThat(OutputNames.of("{name}_white.{ext}", "outputName").hasFolders())
                .isFalse();
    }
}
