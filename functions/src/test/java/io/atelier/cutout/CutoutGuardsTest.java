package io.atelier.cutout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.imaging.InvalidInputException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The cut-out refuses what would otherwise come out as an empty, transparent "success". */
class CutoutGuardsTest {
    private static final PixelImage PHOTO = new PixelImage(64, 64, new int[64 * 64]);

    @Test
    void aMatteWithNoProductOrNoSpreadIsRefusedInWordsForTheUser() {
        assertThatThrownBy(() -> new Cutout(image -> filled(0f)).cut(PHOTO))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("No product stands out");
        assertThatThrownBy(() -> new Cutout(image -> filled(0.7f)).cut(PHOTO))
                .isInstanceOf(InvalidInputException.class);
        Plane speck = filled(0f);
        speck.values()[0] = 1f; // one pixel of 320²: below the floor
        assertThatThrownBy(() -> new Cutout(image -> speck).cut(PHOTO)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aMatteWithAProductPasses() {
        Plane matte = filled(0f);
        for (int y = 100; y < 220; y++) Arrays.fill(matte.values(), y * 320 + 100, y * 320 + 220, 1f);
        assertThat(new Cutout(image -> matte).cut(PHOTO).width()).isEqualTo(64);
    }

    @Test
    void theShippedModelNameMustCarryTheCheckedBytes() {
        byte[] damaged = new byte[1000];
        assertThatThrownBy(() -> ModelIntegrity.checked("u2netp.onnx", damaged))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("damaged")
                .hasMessageContaining("1000 bytes");
        assertThat(ModelIntegrity.checked("my-birefnet.onnx", damaged)).isSameAs(damaged);
    }

    private static Plane filled(float value) {
        float[] values = new float[320 * 320];
        Arrays.fill(values, value);
        return new Plane(320, 320, values);
    }
}
