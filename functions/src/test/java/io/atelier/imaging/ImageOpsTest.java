package io.atelier.imaging;

import static io.atelier.imaging.ImageFixtures.alpha;
import static io.atelier.imaging.ImageFixtures.blue;
import static io.atelier.imaging.ImageFixtures.green;
import static io.atelier.imaging.ImageFixtures.red;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.imaging.ImageOps.Fit;
import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImageOpsTest {

    @Test
    void upscalesByTwoAndFourExactly() {
        BufferedImage src = ImageFixtures.colourful(30, 20, true);
        int[] before = ImageFixtures.argb(src);

        assertThat(size(ImageOps.upscale(src, 2))).containsExactly(60, 40);
        assertThat(size(ImageOps.upscale(src, 4))).containsExactly(120, 80);
        assertThat(ImageFixtures.argb(src)).isEqualTo(before);
    }

    @Test
    void upscaleRejectsOtherFactors() {
        BufferedImage src = ImageFixtures.colourful(10, 10, false);
        assertThatThrownBy(() -> ImageOps.upscale(src, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The upscale factor must be 2 or 4 (got 3).");
    }

    @Test
    void upscaleRefusesResultsOverTheLimits() {
        BufferedImage wide = new BufferedImage(8_000, 1, BufferedImage.TYPE_INT_RGB);
        assertThatThrownBy(() -> ImageOps.upscale(wide, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no side may be longer than 30000 pixels");
    }

    @Test
    void upscaleKeepsAFlatImageFlat() {
        BufferedImage flat = ImageFixtures.solid(12, 12, 0xFF336699, false);
        for (int pixel : ImageFixtures.argb(ImageOps.upscale(flat, 2))) {
            assertThat(pixel).isEqualTo(0xFF336699);
        }
    }

    @Test
    void upscaleSharpensBeyondPlainInterpolation() {
        BufferedImage edge = new BufferedImage(20, 4, BufferedImage.TYPE_INT_RGB);
        for (int x = 10; x < 20; x++) {
            for (int y = 0; y < 4; y++) {
                edge.setRGB(x, y, 0xC0C0C0);
            }
        }
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 10; x++) {
                edge.setRGB(x, y, 0x404040);
            }
        }

        BufferedImage sharpened = ImageOps.upscale(edge, 2);
        BufferedImage interpolated = Resampler.resize(edge, 40, 8);

        assertThat(steepestStep(sharpened)).isGreaterThan(steepestStep(interpolated));
    }

    @Test
    void containPadsWithTheBackground() {
        BufferedImage wide = ImageFixtures.solid(200, 100, 0xFFFF0000, false);

        BufferedImage boxed = ImageOps.resize(wide, 100, 100, Fit.CONTAIN, Color.BLUE);

        assertThat(size(boxed)).containsExactly(100, 100);
        assertThat(boxed.getRGB(50, 5)).isEqualTo(0xFF0000FF);
        assertThat(boxed.getRGB(50, 94)).isEqualTo(0xFF0000FF);
        assertThat(boxed.getRGB(50, 50)).isEqualTo(0xFFFF0000);
        assertThat(boxed.getRGB(0, 50)).isEqualTo(0xFFFF0000);
    }

    @Test
    void containPadsWithWhiteOrTransparencyByDefault() {
        BufferedImage opaque =
                ImageOps.resize(ImageFixtures.solid(100, 200, 0xFF00FF00, false), 100, 100, Fit.CONTAIN, null);
        assertThat(opaque.getRGB(2, 50)).isEqualTo(0xFFFFFFFF);
        assertThat(opaque.getRGB(50, 50)).isEqualTo(0xFF00FF00);

        BufferedImage translucent =
                ImageOps.resize(ImageFixtures.solid(100, 200, 0xFF00FF00, true), 100, 100, Fit.CONTAIN, null);
        assertThat(alpha(translucent.getRGB(2, 50))).isZero();
        assertThat(translucent.getRGB(50, 50)).isEqualTo(0xFF00FF00);
    }

    @Test
    void coverCropsAroundTheCentre() {
        // Four vertical bands: green | red | blue | green. Covering a square keeps the middle two.
        BufferedImage bands = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        int[] colours = {0x00FF00, 0xFF0000, 0x0000FF, 0x00FF00};
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 200; x++) {
                bands.setRGB(x, y, colours[x / 50]);
            }
        }

        BufferedImage covered = ImageOps.resize(bands, 80, 80, Fit.COVER, null);

        assertThat(size(covered)).containsExactly(80, 80);
        assertThat(red(covered.getRGB(10, 40))).isGreaterThan(240);
        assertThat(blue(covered.getRGB(70, 40))).isGreaterThan(240);
        for (int pixel : ImageFixtures.argb(covered)) {
            assertThat(green(pixel)).isLessThan(30);
        }
    }

    @Test
    void fillStretchesToTheExactSize() {
        BufferedImage stretched = ImageOps.resize(ImageFixtures.colourful(200, 100, false), 50, 80, Fit.FILL, null);
        assertThat(size(stretched)).containsExactly(50, 80);
    }

    @Test
    void oneSideKeepsTheAspectRatio() {
        BufferedImage src = ImageFixtures.colourful(200, 100, false);
        assertThat(size(ImageOps.resize(src, 50, null, null, null))).containsExactly(50, 25);
        assertThat(size(ImageOps.resize(src, null, 40, Fit.COVER, null))).containsExactly(80, 40);
    }

    @Test
    void resizeValidatesItsArguments() {
        BufferedImage src = ImageFixtures.colourful(20, 10, false);
        assertThatThrownBy(() -> ImageOps.resize(src, null, null, Fit.FILL, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Give a width, a height, or both.");
        assertThatThrownBy(() -> ImageOps.resize(src, 0, 10, Fit.FILL, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The width must be between 1 and 30000 pixels (got 0).");
        assertThatThrownBy(() -> ImageOps.resize(src, null, 20_000, Fit.FILL, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The result would be 40000 × 20000 pixels (800 megapixels); the limit is 100 megapixels.");
    }

    @Test
    void watermarkMarksOnlyTheChosenCorner() {
        BufferedImage grey = ImageFixtures.solid(240, 160, 0xFF808080, false);

        BufferedImage marked = ImageOps.watermark(grey, "ATELIER", "bottom-right", 1f, null);

        assertThat(changedPixels(grey, marked, 120, 80, 240, 160)).isGreaterThan(50);
        assertThat(changedPixels(grey, marked, 0, 0, 120, 80)).isZero();
        assertThat(ImageFixtures.argb(grey)).containsOnly(0xFF808080);
        assertThat(marked.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    }

    @Test
    void watermarkHonoursPositionAndShowsOnWhite() {
        BufferedImage white = ImageFixtures.solid(240, 160, 0xFFFFFFFF, false);

        BufferedImage marked = ImageOps.watermark(white, "© Atelier", "top-left", 0.8f, 20);

        assertThat(changedPixels(white, marked, 0, 0, 120, 80)).isGreaterThan(50);
        assertThat(changedPixels(white, marked, 120, 80, 240, 160)).isZero();
    }

    @Test
    void aWatermarkTooLargeForTheImageIsShrunkToFitInsteadOfClipped() {
        BufferedImage grey = ImageFixtures.solid(240, 160, 0xFF808080, false);

        BufferedImage marked = ImageOps.watermark(grey, "ATELIER STUDIO", "center", 1f, 400);

        // Fitted within the margins: the outermost columns and rows stay untouched, the middle is marked.
        assertThat(changedPixels(grey, marked, 0, 0, 4, 160)).isZero();
        assertThat(changedPixels(grey, marked, 236, 0, 240, 160)).isZero();
        assertThat(changedPixels(grey, marked, 60, 40, 180, 120)).isGreaterThan(50);
    }

    @Test
    void watermarkTextTheFontCannotDrawIsNamed() {
        BufferedImage src = ImageFixtures.colourful(50, 50, false);
        assertThatThrownBy(() -> ImageOps.watermark(src, "© 東京 Studio", null, 0.5f, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot draw 東京");
    }

    @Test
    void watermarkValidatesItsArguments() {
        BufferedImage src = ImageFixtures.colourful(50, 50, false);
        assertThatThrownBy(() -> ImageOps.watermark(src, "x", "middle", 0.5f, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("top-left, top-right, bottom-left, bottom-right, center");
        assertThatThrownBy(() -> ImageOps.watermark(src, " ", null, 0.5f, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageOps.watermark(src, "x", null, 1.5f, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neutralAdjustmentChangesNothing() {
        BufferedImage src = ImageFixtures.colourful(64, 48, true);

        BufferedImage same = ImageOps.adjust(src, 1.0, 1.0, 1.0);

        int[] before = ImageFixtures.argb(src);
        int[] after = ImageFixtures.argb(same);
        for (int i = 0; i < before.length; i++) {
            assertThat(alpha(after[i])).isEqualTo(alpha(before[i]));
            assertThat(Math.abs(red(after[i]) - red(before[i]))).isLessThanOrEqualTo(1);
            assertThat(Math.abs(green(after[i]) - green(before[i]))).isLessThanOrEqualTo(1);
            assertThat(Math.abs(blue(after[i]) - blue(before[i]))).isLessThanOrEqualTo(1);
        }
        assertThat(same).isNotSameAs(src);
    }

    @Test
    void zeroSaturationGivesGrey() {
        BufferedImage grey = ImageOps.adjust(ImageFixtures.colourful(64, 48, false), 1.0, 1.0, 0.0);
        for (int pixel : ImageFixtures.argb(grey)) {
            assertThat(green(pixel)).isEqualTo(red(pixel));
            assertThat(blue(pixel)).isEqualTo(red(pixel));
        }
    }

    @Test
    void brightnessAndContrastMoveValuesTheRightWay() {
        BufferedImage mid = ImageFixtures.solid(4, 4, 0xFF606060, false);
        assertThat(red(ImageOps.adjust(mid, 1.5, 1.0, 1.0).getRGB(0, 0))).isEqualTo(0x90);
        assertThat(red(ImageOps.adjust(mid, 1.0, 2.0, 1.0).getRGB(0, 0))).isEqualTo(0x40);
        assertThatThrownBy(() -> ImageOps.adjust(mid, 3.5, 1.0, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("brightness");
    }

    private static int[] size(BufferedImage image) {
        return new int[] {image.getWidth(), image.getHeight()};
    }

    private static int steepestStep(BufferedImage image) {
        int steepest = 0;
        for (int x = 1; x < image.getWidth(); x++) {
            steepest = Math.max(steepest, Math.abs(red(image.getRGB(x, 4)) - red(image.getRGB(x - 1, 4))));
        }
        return steepest;
    }

    private static int changedPixels(BufferedImage before, BufferedImage after, int x0, int y0, int x1, int y1) {
        int changed = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (before.getRGB(x, y) != after.getRGB(x, y)) {
                    changed++;
                }
            }
        }
        return changed;
    }
}
