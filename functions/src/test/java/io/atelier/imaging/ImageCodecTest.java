package io.atelier.imaging;

import static io.atelier.imaging.ImageFixtures.blue;
import static io.atelier.imaging.ImageFixtures.green;
import static io.atelier.imaging.ImageFixtures.red;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

class ImageCodecTest {

    @Test
    void pngRoundTripIsLossless() throws Exception {
        BufferedImage original = ImageFixtures.colourful(50, 40, true);
        byte[] png = ImageCodec.encode(original, ImageFormat.PNG, 90);

        BufferedImage decoded = ImageCodec.decode(png);

        assertThat(decoded.getType()).isEqualTo(BufferedImage.TYPE_INT_ARGB);
        assertThat(ImageFixtures.argb(decoded)).isEqualTo(ImageFixtures.argb(original));
    }

    @Test
    void lowerJpegQualityGivesSmallerFiles() throws Exception {
        BufferedImage image = ImageFixtures.colourful(200, 150, false);
        byte[] high = ImageCodec.encode(image, ImageFormat.JPEG, 90);
        byte[] low = ImageCodec.encode(image, ImageFormat.JPEG, 30);

        assertThat(low.length).isLessThan(high.length);
        assertThat(ImageInspector.inspect(high)).isEqualTo(new ImageHeader(ImageFormat.JPEG, 200, 150, 3));
        assertThat(ImageCodec.decode(low).getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    }

    @Test
    void jpegFlattensTransparencyOntoWhite() throws Exception {
        BufferedImage transparent = ImageFixtures.solid(32, 32, 0x00000000, true);
        for (int x = 0; x < 16; x++) {
            for (int y = 0; y < 32; y++) {
                transparent.setRGB(x, y, 0xFF0000FF); // left half opaque blue
            }
        }

        BufferedImage decoded = ImageCodec.decode(ImageCodec.encode(transparent, ImageFormat.JPEG, 95));

        int right = decoded.getRGB(28, 16);
        assertThat(red(right)).isGreaterThan(245);
        assertThat(green(right)).isGreaterThan(245);
        assertThat(blue(right)).isGreaterThan(245);
        int left = decoded.getRGB(4, 16);
        assertThat(blue(left)).isGreaterThan(230);
        assertThat(red(left)).isLessThan(25);
    }

    @Test
    void webpRequestsAreWrittenAsPng() throws Exception {
        assertThat(ImageCodec.writableFormat(ImageFormat.WEBP)).isEqualTo(ImageFormat.PNG);
        assertThat(ImageCodec.writableFormat(ImageFormat.JPEG)).isEqualTo(ImageFormat.JPEG);

        byte[] bytes = ImageCodec.encode(ImageFixtures.colourful(8, 8, false), ImageFormat.WEBP, 80);

        assertThat(ImageInspector.inspect(bytes).format()).isEqualTo(ImageFormat.PNG);
    }

    @Test
    void decodesAHandBuiltLosslessWebp() throws Exception {
        BufferedImage decoded = ImageCodec.decode(LosslessWebp.onePixel(255, 200, 100, 50));

        assertThat(decoded.getWidth()).isEqualTo(1);
        assertThat(decoded.getRGB(0, 0) & 0xFFFFFF).isEqualTo(200 << 16 | 100 << 8 | 50);
    }

    @Test
    void convertsGreyscaleToRgb() throws Exception {
        BufferedImage grey = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(3, 3, 0, 77);

        BufferedImage decoded = ImageCodec.decode(ImageFixtures.write(grey, "png"));

        assertThat(decoded.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(decoded.getRGB(3, 3) & 0xFFFFFF).isEqualTo(77 << 16 | 77 << 8 | 77);
    }

    @Test
    void rejectsCmykJpegClearly() throws Exception {
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16, 16, 4, null);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            writer.write(null, new IIOImage(cmyk, null, null), null);
        } finally {
            writer.dispose();
        }

        assertThatThrownBy(() -> ImageCodec.decode(bytes.toByteArray()))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining("colour model that is not supported");
    }

    @Test
    void wrapsDecoderFailuresAsDamaged() {
        byte[] png = ImageFixtures.png(64, 64);
        byte[] cut = Arrays.copyOf(png, png.length / 2);

        assertThatThrownBy(() -> ImageCodec.decode(cut))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessage("The image data is damaged and could not be decoded.");
    }

    @Test
    void rejectsAnOutOfRangeJpegQuality() {
        BufferedImage image = ImageFixtures.colourful(4, 4, false);
        assertThatThrownBy(() -> ImageCodec.encode(image, ImageFormat.JPEG, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
