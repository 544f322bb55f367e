package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.model.Placement;
import org.junit.jupiter.api.Test;

class NamePatternTest {

    @Test
    void skuTakesAllButTheLastPartAndTheExtensionIsNotCompared() {
        NamePattern pattern = NamePattern.of("{sku}-{role}.jpg");
        assertThat(pattern.match("p", "sku-104-front.png")).contains(new Placement("p", "sku-104", "front"));
        assertThat(pattern.match("p", "A1-MAIN.JPG")).contains(new Placement("p", "A1", "main"));
        assertThat(pattern.match("p", "nodash.jpg")).isEmpty();
    }

    @Test
    void aNumberOneIsTheMainImageAndTheRestAreExtras() {
        NamePattern pattern = NamePattern.of("{sku}_{n}.jpg");
        assertThat(pattern.match("p", "SHOE_42_1.jpg")).contains(new Placement("p", "SHOE_42", "main"));
        assertThat(pattern.match("p", "SHOE_42_3.webp")).contains(new Placement("p", "SHOE_42", "extra-2"));
        assertThat(pattern.match("p", "SHOE_42_x.jpg")).isEmpty();
    }

    @Test
    void aLiteralPrefixMustBeThere() {
        NamePattern pattern = NamePattern.of("photo {sku}.jpg");
        assertThat(pattern.match("p", "photo B7.jpg")).contains(new Placement("p", "B7", null));
        assertThat(pattern.match("p", "B7.jpg")).isEmpty();
    }

    @Test
    void badPatternsSayWhy() {
        assertThatThrownBy(() -> NamePattern.of("{role}.jpg")).hasMessageContaining("needs {sku}");
        assertThatThrownBy(() -> NamePattern.of("{sku}-{colour}.jpg"))
                .hasMessageContaining("unknown variable {colour}");
        assertThatThrownBy(() -> NamePattern.of("{sku}-{role}-{n}.jpg")).hasMessageContaining("{role} or {n} once");
        assertThatThrownBy(() -> NamePattern.of(" ")).hasMessageContaining("required");
    }
}
