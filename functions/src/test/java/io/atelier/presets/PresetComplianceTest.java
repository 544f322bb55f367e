package io.atelier.presets;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.cutout.PixelImage;
import io.atelier.cutout.ProductScenes;
import io.atelier.imaging.ImageCodec;
import io.atelier.imaging.ImageFormat;
import io.atelier.model.Step;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderResult;
import io.atelier.providers.SourceImage;
import io.atelier.providers.local.LocalProvider;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every preset's own workflow, run on the local provider, yields an image that passes that preset's checks; bad images fail. */
class PresetComplianceTest {
    private static final LocalProvider LOCAL = new LocalProvider();
    private static ProviderResult cutout;

    @BeforeAll
    static void cutOnce() throws Exception {
        PixelImage photo = ProductScenes.scene("bottle", 1200, 900, 1).photo();
        byte[] jpeg = ImageCodec.encode(photo.toBufferedImage(), ImageFormat.JPEG, 92);
        Step first = Presets.steps(Presets.find("amazon-main").orElseThrow(), Map.of())
                .get(0);
        cutout = LOCAL.run(new ProviderCall(
                first.operation(), null, null, first.params(), new SourceImage(jpeg, ImageFormat.JPEG, 1200, 900)));
    }

    @Test
    void everyPresetsResultPassesItsOwnChecks() throws Exception {
        for (Preset preset : Presets.all()) {
            List<Step> steps = Presets.steps(preset, Map.of());
            assertThat(steps).extracting(Step::operation).containsExactly("remove-background", "frame");
            Step frame = steps.get(1);
            assertThat(LOCAL.validate(frame.operation(), null, null, frame.params()))
                    .as(preset.name())
                    .isEmpty();
            ProviderResult result =
                    LOCAL.run(new ProviderCall(frame.operation(), null, null, frame.params(), source(cutout)));
            List<Check> checks = Compliance.check(result.bytes(), result.format(), preset.rules());
            assertThat(checks).as(preset.name() + " " + checks).isNotEmpty().allMatch(Check::passed);
        }
    }

    @Test
    void amazonChecksCatchNonCompliantImages() throws Exception {
        Rules amazon = Presets.find("amazon-main").orElseThrow().rules();
        assertThat(failed(jpeg(product(2000, 2000, new Color(240, 240, 240), 0.9)), ImageFormat.JPEG, amazon))
                .containsExactly("background");
        assertThat(failed(jpeg(product(2000, 2000, Color.WHITE, 0.5)), ImageFormat.JPEG, amazon))
                .containsExactly("minFill");
        assertThat(failed(jpeg(product(1000, 1000, Color.WHITE, 0.9)), ImageFormat.JPEG, amazon))
                .containsExactly("longSide");
        assertThat(failed(jpeg(product(2400, 1600, Color.WHITE, 0.9)), ImageFormat.JPEG, amazon))
                .containsExactly("aspect");
        byte[] png = ImageCodec.encode(product(2000, 2000, Color.WHITE, 0.9), ImageFormat.PNG, 90);
        assertThat(failed(png, ImageFormat.PNG, amazon)).containsExactly("format");
        assertThat(failed(withLinearRgbProfile(png), ImageFormat.PNG, amazon)).containsExactly("format", "colourSpace");
    }

    @Test
    void etsyCatchesAFileOverItsByteLimit() throws Exception {
        BufferedImage noisy = product(2000, 1500, Color.WHITE, 0.75);
        Random random = new Random(3);
        for (int y = 400; y < 1100; y++) for (int x = 500; x < 1500; x++) noisy.setRGB(x, y, random.nextInt(0xFFFFFF));
        byte[] big = ImageCodec.encode(noisy, ImageFormat.JPEG, 100);
        assertThat(failed(
                        big,
                        ImageFormat.JPEG,
                        Presets.find("etsy").orElseThrow().rules()))
                .containsExactly("bytes");
    }

    @Test
    void googleShoppingCatchesAProductThatFillsTooMuch() throws Exception {
        Rules google = Presets.find("google-shopping").orElseThrow().rules();
        assertThat(failed(jpeg(product(1500, 1500, Color.WHITE, 0.97)), ImageFormat.JPEG, google))
                .containsExactly("maxFill");
    }

    private static List<String> failed(byte[] bytes, ImageFormat format, Rules rules) {
        return Compliance.check(bytes, format, rules).stream()
                .filter(check -> !check.passed())
                .map(Check::rule)
                .toList();
    }

    private static SourceImage source(ProviderResult result) {
        return new SourceImage(result.bytes(), result.format(), result.width(), result.height());
    }

    private static byte[] jpeg(BufferedImage image) {
        return ImageCodec.encode(image, ImageFormat.JPEG, 90);
    }

    /** A blue box centred on a plain background, {@code fill} of the frame on its tighter axis. */
    private static BufferedImage product(int w, int h, Color background, double fill) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(background);
        g.fillRect(0, 0, w, h);
        int side = (int) (Math.min(w, h) * fill);
        g.setColor(new Color(30, 60, 150));
        g.fillRect((w - side) / 2, (h - side) / 2, side, side);
        g.dispose();
        return image;
    }

    /** The PNG with an iCCP chunk holding the JDK's linear-RGB profile inserted after IHDR: a tagged, non-sRGB file. */
    private static byte[] withLinearRgbProfile(byte[] png) {
        byte[] icc = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        Deflater deflater = new Deflater();
        deflater.setInput(icc);
        deflater.finish();
        byte[] buffer = new byte[icc.length + 1024];
        int compressed = deflater.deflate(buffer);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes("linear\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        data.write(buffer, 0, compressed);
        byte[] body = data.toByteArray();
        byte[] type = "iCCP".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(body);
        int ihdrEnd = 8 + 12 + 13;
        ByteBuffer out = ByteBuffer.allocate(png.length + 12 + body.length);
        out.put(png, 0, ihdrEnd)
                .putInt(body.length)
                .put(type)
                .put(body)
                .putInt((int) crc.getValue())
                .put(png, ihdrEnd, png.length - ihdrEnd);
        return out.array();
    }
}
