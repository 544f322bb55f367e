package io.atelier.imaging.vips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.imaging.ExifOrientationTest;
import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageInspector;
import io.atelier.imaging.ImageOps;
import io.atelier.imaging.ImageRejectedException;
import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class VipsEngineTest {
    private final VipsEngine engine = VipsFixtures.engine();
    private static final Color ORANGE = new Color(200, 120, 60);

    @Test
    void webpAndAvifRoundTrip() throws Exception {
        byte[] source = engine.encode(PixelImage.of(VipsFixtures.solid(64, 48, ORANGE)), ImageFormat.PNG, 90);
        for (ImageFormat format : new ImageFormat[] {ImageFormat.WEBP, ImageFormat.AVIF}) {
            EncodedImage encoded = engine.convert(source, format, 90);
            assertThat(encoded.format()).isEqualTo(format);
            assertThat(encoded.width()).isEqualTo(64);
            String brand = new String(encoded.bytes(), 8, 4);
            assertThat(brand).as(format.name()).isEqualTo(format == ImageFormat.WEBP ? "WEBP" : "avif");
            PixelImage decoded = decodeAny(encoded.bytes());
            assertThat(decoded.width()).isEqualTo(64);
            assertThat(decoded.height()).isEqualTo(48);
            assertClose(decoded, ORANGE, 6);
        }
    }

    @Test
    void aDisplayP3JpegComesOutInSrgb() throws Exception {
        byte[] p3 = VipsFixtures.profiledJpeg(engine, Color.RED, "p3", true);
        // Stored as P3 numbers: a profile-blind decoder would show a dull red (about 234, 51, 35).
        assertThat(VipsFixtures.rawFirstPixel(engine, p3)[1]).isGreaterThan(40);
        assertClose(engine.decode(p3), Color.RED, 8);
        assertClose(engine.decode(engine.convert(p3, ImageFormat.PNG, 90).bytes()), Color.RED, 8);
    }

    @Test
    void aCmykJpegIsConvertedThroughItsProfileOrTheFallbackOne() throws Exception {
        for (boolean embedded : new boolean[] {true, false}) {
            byte[] cmyk = VipsFixtures.profiledJpeg(engine, ORANGE, "cmyk", embedded);
            PixelImage decoded = engine.decode(cmyk);
            assertThat(decoded.bands()).isEqualTo(3);
            assertClose(decoded, ORANGE, 12);
        }
    }

    @Test
    void exifOrientationIsHonoured() throws Exception {
        // Stored 40 wide × 20 high, red left half; orientation 6 = turn 90° clockwise: upright, red is on top.
        BufferedImage stored = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) for (int x = 0; x < 40; x++) stored.setRGB(x, y, x < 20 ? 0xFF0000 : 0x0000FF);
        byte[] jpeg =
                ExifOrientationTest.withOrientation(engine.encode(PixelImage.of(stored), ImageFormat.JPEG, 95), 6);
        PixelImage upright = engine.decode(jpeg);
        assertThat(upright.width()).isEqualTo(20);
        assertThat(upright.height()).isEqualTo(40);
        assertThat(upright.data()[0] & 0xFF).isGreaterThan(200);
        assertThat(upright.data()[(39 * 20) * 3 + 2] & 0xFF).isGreaterThan(200);
        EncodedImage resized = engine.resize(jpeg, 10, null, null, null, ImageFormat.JPEG, 90);
        assertThat(resized.width()).isEqualTo(10);
        assertThat(resized.height()).isEqualTo(20);
    }

    @Test
    void metadataIsStrippedButTheColourProfileKept() throws Exception {
        byte[] jpeg = ExifOrientationTest.withOrientation(VipsFixtures.profiledJpeg(engine, ORANGE, "p3", true), 1);
        byte[] out = engine.convert(jpeg, ImageFormat.JPEG, 90).bytes();
        assertThat(new String(out, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("Exif")
                .contains("ICC_PROFILE");
    }

    @Test
    void transparencyIsKeptWithoutABackgroundAndFlattenedWithOne() throws Exception {
        BufferedImage clear = new BufferedImage(40, 20, BufferedImage.TYPE_INT_ARGB);
        for (int x = 0; x < 20; x++) for (int y = 0; y < 20; y++) clear.setRGB(x, y, 0xFF00FF00);
        byte[] png = engine.encode(PixelImage.of(clear), ImageFormat.PNG, 90);

        PixelImage kept = engine.decode(engine.resize(png, 40, 40, ImageOps.Fit.CONTAIN, null, ImageFormat.PNG, 90)
                .bytes());
        assertThat(kept.bands()).isEqualTo(4);
        assertThat(kept.data()[(0 * 40 + 0) * 4 + 3]).as("padding").isEqualTo((byte) 0);
        assertThat(kept.data()[(20 * 40 + 30) * 4 + 3])
                .as("own transparent half")
                .isEqualTo((byte) 0);
        assertThat(kept.data()[(20 * 40 + 5) * 4 + 3]).as("opaque half").isEqualTo((byte) 255);

        PixelImage flat =
                engine.decode(engine.resize(png, 40, 40, ImageOps.Fit.CONTAIN, Color.BLUE, ImageFormat.PNG, 90)
                        .bytes());
        assertThat(flat.bands()).isEqualTo(3);
        assertClose(flat, Color.BLUE, 2);
        assertThat(flat.data()[(20 * 40 + 30) * 3 + 2] & 0xFF)
                .as("own transparent half, flattened")
                .isEqualTo(255);
    }

    @Test
    void bombsAreRefusedBeforeDecoding() {
        byte[] claim = io.atelier.imaging.ImageFixtures.pngWithHeader(40_000, 40_000);
        assertThatThrownBy(() -> engine.thumbnail(claim, 384, ImageFormat.JPEG, 80))
                .isInstanceOf(ImageRejectedException.class);
    }

    @Test
    void nativeMemoryStaysFlatOver200Operations() throws Exception {
        byte[] jpeg = engine.encode(PixelImage.of(VipsFixtures.solid(800, 600, ORANGE)), ImageFormat.JPEG, 90);
        for (int i = 0; i < 10; i++) engine.resize(jpeg, 300, null, null, null, ImageFormat.WEBP, 80);
        long trackedBefore = engine.trackedMemory();
        long rssBefore = rssKb();
        for (int i = 0; i < 200; i++) {
            engine.resize(
                    jpeg,
                    300 + i % 7,
                    200,
                    ImageOps.Fit.CONTAIN,
                    i % 2 == 0 ? Color.WHITE : null,
                    ImageFormat.WEBP,
                    80);
        }
        assertThat(engine.trackedMemory()).isEqualTo(trackedBefore);
        assertThat(rssKb() - rssBefore).as("RSS growth in KB").isLessThan(48 * 1024);
    }

    @Test
    void animatedInputSaysOnlyItsFirstFrameIsUsed() throws Exception {
        byte[] still = engine.encode(PixelImage.of(VipsFixtures.solid(8, 8, ORANGE)), ImageFormat.WEBP, 90);
        assertThat(engine.convert(still, ImageFormat.PNG, 90).notes()).isEmpty();

        EncodedImage first = engine.convert(VipsFixtures.animatedWebp(engine, 3), ImageFormat.PNG, 90);
        assertThat(first.height()).isEqualTo(8);
        assertThat(first.notes()).singleElement().asString().contains("3 frames", "first frame");
    }

    @Test
    void greyscaleStaysGreyAnd16BitStays16BitInPng() throws Exception {
        BufferedImage grey = new BufferedImage(64, 48, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 48; y++)
            for (int x = 0; x < 64; x++) grey.getRaster().setSample(x, y, 0, x * 1000);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(grey, "png", png);

        byte[] out = engine.resize(png.toByteArray(), 32, null, null, null, ImageFormat.PNG, 90)
                .bytes();
        assertThat(out[24]).as("bit depth").isEqualTo((byte) 16);
        assertThat(out[25]).as("colour type: greyscale").isEqualTo((byte) 0);
        byte[] jpeg = engine.convert(png.toByteArray(), ImageFormat.JPEG, 90).bytes();
        assertThat(engine.decode(jpeg).width()).isEqualTo(64);
    }

    private PixelImage decodeAny(byte[] encoded) throws Exception {
        if (encoded.length > 12 && new String(encoded, 4, 8).startsWith("ftypavif")) {
            // AVIF is output-only for uploads (the header check refuses it); read it through libvips directly.
            try (VipsScope scope = new VipsScope(engine.vips())) {
                var image = scope.newFromBuffer(encoded);
                return new PixelImage(
                        scope.get("vips_image_get_width", image),
                        scope.get("vips_image_get_height", image),
                        scope.get("vips_image_get_bands", image),
                        scope.pixels(image));
            }
        }
        assertThat(ImageInspector.inspect(encoded)).isNotNull();
        return engine.decode(encoded);
    }

    private static void assertClose(PixelImage image, Color expected, int tolerance) {
        int centre = (image.height() / 2 * image.width() + image.width() / 2) * image.bands();
        int[] actual = {image.data()[centre] & 0xFF, image.data()[centre + 1] & 0xFF, image.data()[centre + 2] & 0xFF};
        assertThat(actual[0])
                .as("red of %s", java.util.Arrays.toString(actual))
                .isCloseTo(expected.getRed(), org.assertj.core.data.Offset.offset(tolerance));
        assertThat(actual[1])
                .as("green of %s", java.util.Arrays.toString(actual))
                .isCloseTo(expected.getGreen(), org.assertj.core.data.Offset.offset(tolerance));
        assertThat(actual[2])
                .as("blue of %s", java.util.Arrays.toString(actual))
                .isCloseTo(expected.getBlue(), org.assertj.core.data.Offset.offset(tolerance));
    }

    private static long rssKb() throws Exception {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        throw new IllegalStateException("no VmRSS");
    }
}
