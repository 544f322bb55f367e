package io.atelier.providers.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.fakes.TestImages;
import io.atelier.imaging.ImageCodec;
import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageInspector;
import io.atelier.imaging.Thumbnails;
import io.atelier.imaging.vips.VipsEngine;
import io.atelier.model.ErrorCode;
import io.atelier.model.FieldError;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderException;
import io.atelier.providers.ProviderResult;
import io.atelier.providers.SourceImage;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalProviderTest {
    private final LocalProvider provider = new LocalProvider();
    private final SourceImage png = new SourceImage(TestImages.png(60, 40), ImageFormat.PNG, 60, 40);

    @Test
    void upscaleKeepsTheFormatAndMultipliesTheSize() throws Exception {
        ProviderResult result = run("upscale", Map.of("factor", 4));
        assertThat(result.format()).isEqualTo(ImageFormat.PNG);
        assertThat(ImageInspector.inspect(result.bytes())).satisfies(h -> {
            assertThat(h.width()).isEqualTo(240);
            assertThat(h.height()).isEqualTo(160);
        });
        assertThat(result.provenance()).containsEntry("engine", "atelier-local");
    }

    @Test
    void resizeHonoursEachFit() throws Exception {
        for (String fit : List.of("contain", "cover", "fill")) {
            ProviderResult result =
                    run("resize", Map.of("width", 30, "height", 30, "fit", fit, "background", "#ffffff"));
            assertThat(result.width()).as(fit).isEqualTo(30);
            assertThat(result.height()).as(fit).isEqualTo(30);
        }
        assertThat(run("resize", Map.of("width", 30)).height()).isEqualTo(20);
    }

    @Test
    void convertWritesTheRequestedFormatAtTheRequestedQuality() throws Exception {
        ProviderResult best = run("convert", Map.of("format", "jpeg", "quality", 95));
        ProviderResult small = run("convert", Map.of("format", "jpeg", "quality", 20));
        assertThat(best.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(ImageInspector.inspect(best.bytes()).format()).isEqualTo(ImageFormat.JPEG);
        assertThat(small.bytes().length).isLessThan(best.bytes().length);
    }

    @Test
    void keepFormatKeepsAWebpAndWebpAndAvifAreWrittenAsAsked() throws Exception {
        VipsEngine engine = VipsEngine.shared().orElseThrow();
        byte[] webpBytes = engine.convert(png.bytes(), ImageFormat.WEBP, 90).bytes();
        SourceImage webp = new SourceImage(webpBytes, ImageFormat.WEBP, 60, 40);
        ProviderResult kept = provider.run(new ProviderCall("resize", null, null, Map.of("width", 30), webp));
        assertThat(kept.format()).isEqualTo(ImageFormat.WEBP);
        assertThat(ImageInspector.inspect(kept.bytes()).format()).isEqualTo(ImageFormat.WEBP);
        assertThat(kept.height()).isEqualTo(20);

        ProviderResult avif = run("convert", Map.of("format", "avif", "quality", 60));
        assertThat(avif.format()).isEqualTo(ImageFormat.AVIF);
        assertThat(new String(avif.bytes(), 4, 8)).isEqualTo("ftypavif");
        // A later workflow step and the preview read the AVIF the earlier step wrote.
        SourceImage written = new SourceImage(avif.bytes(), ImageFormat.AVIF, avif.width(), avif.height());
        assertThat(provider.run(new ProviderCall("resize", null, null, Map.of("width", 30), written))
                        .height())
                .isEqualTo(20);
        assertThat(Thumbnails.jpeg(avif.bytes(), avif.width(), avif.height())).isNotEmpty();
        assertThat(provider.validate("convert", null, null, Map.of("format", "webp")))
                .isEmpty();
    }

    @Test
    void watermarkAndAdjustChangePixelsButNotTheSize() throws Exception {
        BufferedImage original = ImageCodec.decode(png.bytes());
        for (ProviderResult result : List.of(
                run("watermark", Map.of("text", "© Studio", "position", "center", "opacity", 1.0)),
                run("adjust", Map.of("brightness", 1.4, "saturation", 0)))) {
            BufferedImage out = ImageCodec.decode(result.bytes());
            assertThat(out.getWidth()).isEqualTo(60);
            assertThat(differentPixels(original, out)).isGreaterThan(20);
        }
    }

    @Test
    void badParametersAreNamedBeforeAnythingRuns() {
        assertThat(provider.validate("upscale", null, null, Map.of("factor", 3)))
                .extracting(FieldError::field)
                .containsExactly("factor");
        assertThat(provider.validate("resize", null, null, Map.of()))
                .extracting(FieldError::field)
                .containsExactly("width");
        assertThat(provider.validate("resize", null, null, Map.of("width", 10, "fit", "stretch", "background", "red")))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("fit", "background");
        assertThat(provider.validate("watermark", null, null, Map.of("position", "middle", "opacity", 2)))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("text", "position", "opacity");
        assertThat(provider.validate("convert", null, null, Map.of("format", "gif", "quality", 0)))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("format", "quality");
        assertThat(provider.validate("adjust", null, null, Map.of("contrast", -1)))
                .extracting(FieldError::field)
                .containsExactly("contrast");
    }

    @Test
    void itRefusesWhatItCannotDoHonestly() {
        assertThat(provider.operations()).doesNotContain("generate", "edit").contains("remove-background", "frame");
        assertThatThrownBy(() -> provider.run(new ProviderCall("generate", null, "a cat", Map.of(), null)))
                .isInstanceOfSatisfying(
                        ProviderException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST));
        // The shared preflight: no image, or parameters the spec refuses, and nothing runs.
        assertThatThrownBy(() -> provider.run(new ProviderCall("upscale", null, null, Map.of("factor", 2), null)))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.getMessage()).contains("needs an input image"));
        assertThatThrownBy(() -> provider.run(new ProviderCall("upscale", null, null, Map.of("factor", 3), png)))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.getMessage()).startsWith("factor:"));
        SourceImage huge = new SourceImage(png.bytes(), ImageFormat.PNG, 8000, 6000);
        assertThatThrownBy(() -> provider.run(new ProviderCall("upscale", null, null, Map.of("factor", 4), huge)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                    assertThat(e.getMessage())
                            .contains("upscale ×4 of 8000×6000 would be 768 MP; local makes at most 100 MP");
                });
        SourceImage garbage = new SourceImage("not an image".getBytes(), ImageFormat.PNG, 10, 10);
        assertThatThrownBy(() -> provider.run(new ProviderCall("convert", null, null, Map.of(), garbage)))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    }

    private ProviderResult run(String operation, Map<String, Object> params) throws ProviderException {
        return provider.run(new ProviderCall(operation, null, null, params, png));
    }

    private static int differentPixels(BufferedImage a, BufferedImage b) {
        int count = 0;
        for (int y = 0; y < a.getHeight(); y++)
            for (int x = 0; x < a.getWidth(); x++)
                if (Math.abs((a.getRGB(x, y) & 0xFF) - (b.getRGB(x, y) & 0xFF)) > 8) count++;
        return count;
    }
}
