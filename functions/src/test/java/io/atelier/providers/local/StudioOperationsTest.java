package io.atelier.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.imaging.ImageCodec;
import io.atelier.imaging.ImageFormat;
import io.atelier.model.FieldError;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderResult;
import io.atelier.providers.SourceImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The studio operations' params and the model-free ones end to end on the provider (the cut-out has its own test). */
class StudioOperationsTest {
    private final LocalProvider local = new LocalProvider();

    @Test
    void badParamsAreNamed() {
        assertThat(fields(
                        "frame",
                        Map.of("margin", 60, "aspect", "wide", "background", "red", "checks", "nope", "trim", "yes")))
                .containsExactlyInAnyOrder("margin", "aspect", "background", "checks", "trim");
        assertThat(fields("frame", Map.of("width", 0, "minLongSide", 99_999, "tolerance", 500)))
                .containsExactlyInAnyOrder("width", "minLongSide", "tolerance");
        assertThat(fields("replace-background", Map.of("shadow", "yes", "shadowOpacity", 2, "gradientTo", "#12")))
                .containsExactlyInAnyOrder("shadow", "shadowOpacity", "gradientTo");
        assertThat(fields(
                        "frame",
                        Map.of("aspect", "16:9", "background", "none", "checks", "amazon-main", "margin", 7.5)))
                .isEmpty();
        assertThat(fields("remove-background", Map.of("format", "gif"))).containsExactly("format");
    }

    @Test
    void frameTrimsAStudioShotOnWhiteAndCentresItAtSixteenByNine() throws Exception {
        BufferedImage shot = new BufferedImage(800, 800, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = shot.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 800, 800);
        g.setColor(new Color(200, 40, 40));
        g.fillRect(100, 200, 200, 400); // off-centre, 200 × 400
        g.dispose();
        ProviderResult result =
                run("frame", shot, Map.of("aspect", "16:9", "margin", 10, "minLongSide", 1600, "format", "png"));
        assertThat(result.width()).isEqualTo(1600);
        assertThat(result.height()).isEqualTo(900);
        BufferedImage out = ImageCodec.decode(result.bytes());
        // The product is 80% of the height (10% margins), centred horizontally.
        assertThat(out.getRGB(800, 450) & 0xFFFFFF).isEqualTo(0xC82828);
        assertThat(out.getRGB(800, 80) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(out.getRGB(800, 100) & 0xFFFFFF).isEqualTo(0xC82828);
        assertThat(out.getRGB(500, 450) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void replaceBackgroundPutsACutOutOnAGradientWithAShadow() throws Exception {
        BufferedImage cutout = new BufferedImage(400, 400, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = cutout.createGraphics();
        g.setColor(new Color(30, 60, 150));
        g.fillRect(150, 100, 100, 200);
        g.dispose();
        ProviderResult result = run(
                "replace-background",
                cutout,
                Map.of("background", "#ff0000", "gradientTo", "#0000ff", "shadow", true, "format", "png"));
        BufferedImage out = ImageCodec.decode(result.bytes());
        assertThat(out.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(out.getRGB(0, 399) & 0xFFFFFF).isEqualTo(0x0000FF);
        assertThat(out.getRGB(200, 200) & 0xFFFFFF).isEqualTo(0x1E3C96);
        int underBase = out.getRGB(200, 305);
        int farAway = out.getRGB(20, 305);
        assertThat((underBase >> 16) & 0xFF).as("shadowed under the base").isLessThan((farAway >> 16) & 0xFF);
    }

    @Test
    void replaceBackgroundOntoABackdropPhotoCoversTheFrame() throws Exception {
        BufferedImage cutout = new BufferedImage(400, 200, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = cutout.createGraphics();
        g.setColor(new Color(30, 60, 150));
        g.fillRect(150, 50, 100, 100);
        g.dispose();
        BufferedImage photo = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D p = photo.createGraphics();
        p.setColor(new Color(0, 200, 0));
        p.fillRect(0, 0, 100, 100);
        p.dispose();
        SourceImage backdrop =
                new SourceImage(ImageCodec.encode(photo, ImageFormat.PNG, 90), ImageFormat.PNG, 100, 100);
        ProviderResult result =
                run("replace-background", cutout, Map.of("backdrop", backdrop, "backdropKey", "k", "format", "png"));
        BufferedImage out = ImageCodec.decode(result.bytes());
        assertThat(out.getRGB(5, 5) & 0xFFFFFF).isEqualTo(0x00C800);
        assertThat(out.getRGB(200, 100) & 0xFFFFFF).isEqualTo(0x1E3C96);
        assertThat(result.provenance().get("params").toString()).doesNotContain("backdrop");
    }

    private java.util.List<String> fields(String operation, Map<String, Object> params) {
        return local.validate(operation, null, null, params).stream()
                .map(FieldError::field)
                .toList();
    }

    private ProviderResult run(String operation, BufferedImage image, Map<String, Object> params) throws Exception {
        byte[] png = ImageCodec.encode(image, ImageFormat.PNG, 90);
        return local.run(new ProviderCall(
                operation,
                null,
                null,
                params,
                new SourceImage(png, ImageFormat.PNG, image.getWidth(), image.getHeight())));
    }
}
