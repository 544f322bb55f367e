package io.atelier.imaging;

import static io.atelier.imaging.ImageFixtures.alpha;
import static io.atelier.imaging.ImageFixtures.blue;
import static io.atelier.imaging.ImageFixtures.green;
import static io.atelier.imaging.ImageFixtures.red;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    @Test
    void producesExactlyTheRequestedSize() {
        BufferedImage src = ImageFixtures.colourful(100, 37, false);
        assertThat(Resampler.resize(src, 33, 91))
                .extracting(BufferedImage::getWidth, BufferedImage::getHeight)
                .containsExactly(33, 91);
        assertThat(Resampler.resize(src, 1, 1).getWidth()).isEqualTo(1);
    }

    @Test
    void upscaledGradientStaysLinearAndIsInterpolated() {
        int width = 64;
        BufferedImage src = new BufferedImage(width, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < width; x++) {
                int v = x * 4;
                src.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }

        BufferedImage big = Resampler.resize(src, width * 4, 16);

        Set<Integer> sourceValues = new HashSet<>();
        for (int x = 0; x < width; x++) {
            sourceValues.add(x * 4);
        }
        Set<Integer> newValues = new HashSet<>();
        double maxError = 0;
        // Output pixel x samples the source at (x + 0.5) / 4 - 0.5, where the gradient is 4 × that.
        for (int x = 16; x < width * 4 - 16; x++) {
            int value = red(big.getRGB(x, 8));
            maxError = Math.max(maxError, Math.abs(value - (x + 0.5 - 2)));
            if (!sourceValues.contains(value)) {
                newValues.add(value);
            }
        }
        assertThat(maxError).isLessThanOrEqualTo(1.0);
        assertThat(newValues).hasSizeGreaterThan(100); // nearest neighbour would produce none
    }

    @Test
    void downscaledCheckerboardBecomesUniformGrey() {
        // By 3 as well as by 4: with an odd factor, a kernel that is not widened would pick single
        // source pixels and return pure black or white instead of averaging.
        for (int factor : new int[] {4, 3}) {
            int side = 16 * factor;
            BufferedImage board = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    board.setRGB(x, y, (x + y) % 2 == 0 ? 0xFFFFFF : 0x000000);
                }
            }

            BufferedImage small = Resampler.resize(board, 16, 16);

            for (int pixel : ImageFixtures.argb(small)) {
                assertThat(red(pixel)).as("factor %d", factor).isBetween(120, 136);
                assertThat(green(pixel)).isEqualTo(red(pixel));
            }
        }
    }

    @Test
    void keepsTransparencyWithoutDarkFringes() {
        BufferedImage square = ImageFixtures.solid(40, 40, 0x00000000, true);
        for (int y = 10; y < 30; y++) {
            for (int x = 10; x < 30; x++) {
                square.setRGB(x, y, 0xFFFF0000);
            }
        }

        for (int size : new int[] {17, 100}) {
            BufferedImage resized = Resampler.resize(square, size, size);
            assertThat(resized.getColorModel().hasAlpha()).isTrue();
            assertThat(alpha(resized.getRGB(0, 0))).isZero();
            assertThat(alpha(resized.getRGB(size - 1, size - 1))).isZero();
            assertThat(alpha(resized.getRGB(size / 2, size / 2))).isEqualTo(255);
            int semiTransparent = 0;
            for (int pixel : ImageFixtures.argb(resized)) {
                if (alpha(pixel) > 0) {
                    assertThat(red(pixel)).as("red of %08x", pixel).isGreaterThanOrEqualTo(250);
                    assertThat(green(pixel)).as("green of %08x", pixel).isLessThanOrEqualTo(5);
                    assertThat(blue(pixel)).as("blue of %08x", pixel).isLessThanOrEqualTo(5);
                }
                if (alpha(pixel) > 0 && alpha(pixel) < 255) {
                    semiTransparent++;
                }
            }
            assertThat(semiTransparent).as("edge pixels at size %d", size).isPositive();
        }
    }

    @Test
    void opaqueSourcesGiveOpaqueResults() {
        BufferedImage resized = Resampler.resize(ImageFixtures.colourful(30, 30, false), 45, 45);
        assertThat(resized.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    }

    @Test
    void rejectsAnEmptyTarget() {
        BufferedImage src = ImageFixtures.colourful(10, 10, false);
        assertThatThrownBy(() -> Resampler.resize(src, 0, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
