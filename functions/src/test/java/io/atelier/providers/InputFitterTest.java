package io.atelier.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.fakes.TestImages;
import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageInspector;
import io.atelier.model.ErrorCode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InputFitterTest {
    private static final Set<ImageFormat> ALL = Set.of(ImageFormat.PNG, ImageFormat.JPEG, ImageFormat.WEBP);

    @Test
    void anImageWithinTheLimitsIsSentAsItIs() throws Exception {
        SourceImage image = new SourceImage(TestImages.png(64, 32), ImageFormat.PNG, 64, 32);
        FittedInput fitted = InputFitter.fit(image, InputLimits.of(10_000_000, 1_000_000, 4096, 16, ALL), "p");
        assertThat(fitted.adjusted()).isFalse();
        assertThat(fitted.image()).isSameAs(image);
    }

    @Test
    void aTooLargeImageIsScaledDownKeepingItsProportionsAndSaysSo() throws Exception {
        SourceImage image = new SourceImage(TestImages.png(400, 200), ImageFormat.PNG, 400, 200);
        FittedInput fitted = InputFitter.fit(image, InputLimits.of(10_000_000, 1_000_000, 100, 16, ALL), "dashscope");
        assertThat(fitted.adjusted()).isTrue();
        assertThat(fitted.image().width()).isEqualTo(100);
        assertThat(fitted.image().height()).isEqualTo(50);
        assertThat(ImageInspector.inspect(fitted.image().bytes()).width()).isEqualTo(100);
        assertThat(fitted.adjustment()).contains("400×200").contains("100×50").contains("dashscope");
    }

    @Test
    void aTooSmallImageIsScaledUpAndAnUnacceptedFormatIsReencoded() throws Exception {
        SourceImage image = new SourceImage(TestImages.png(100, 80), ImageFormat.PNG, 100, 80);
        FittedInput fitted = InputFitter.fit(
                image, InputLimits.of(10_000_000, 50_000_000, 4096, 512, Set.of(ImageFormat.JPEG)), "wanx");
        assertThat(fitted.image().format()).isEqualTo(ImageFormat.JPEG);
        assertThat(Math.min(fitted.image().width(), fitted.image().height())).isEqualTo(512);
        assertThat(ImageInspector.inspect(fitted.image().bytes()).format()).isEqualTo(ImageFormat.JPEG);
    }

    @Test
    void proportionsThatCannotFitAreAnInvalidInput() {
        SourceImage strip = new SourceImage(TestImages.png(400, 10), ImageFormat.PNG, 400, 10);
        assertThatThrownBy(() -> InputFitter.fit(strip, InputLimits.of(10_000_000, 50_000_000, 800, 512, ALL), "wanx"))
                .isInstanceOf(ProviderException.class)
                .satisfies(e -> assertThat(((ProviderException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT));
    }
}
