package io.atelier.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

public class ExifOrientationTest {

    @Test
    void aSidewaysPhotoIsReportedAndDecodedUpright() throws Exception {
        // Stored 40 wide × 20 high, with a red left half; orientation 6 = turn 90° clockwise to display.
        BufferedImage stored = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) for (int x = 0; x < 40; x++) stored.setRGB(x, y, x < 20 ? 0xFF0000 : 0x0000FF);
        byte[] jpeg = withOrientation(ImageCodec.encode(stored, ImageFormat.JPEG, 95), 6);

        assertThat(ExifOrientation.of(jpeg)).isEqualTo(6);
        ImageHeader header = ImageInspector.inspect(jpeg);
        assertThat(header.width()).isEqualTo(20);
        assertThat(header.height()).isEqualTo(40);
        BufferedImage shown = ImageCodec.decode(jpeg);
        assertThat(shown.getWidth()).isEqualTo(20);
        assertThat(shown.getHeight()).isEqualTo(40);
        // Turned clockwise, the stored left half ends up on top.
        assertThat(red(shown.getRGB(10, 5))).isGreaterThan(200);
        assertThat(red(shown.getRGB(10, 35))).isLessThan(60);
    }

    @Test
    void everyOrientationMapsCornersLikeTheExifSpecification() {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        int topLeft = 0x010101, topRight = 0x020202, bottomLeft = 0x030303;
        image.setRGB(0, 0, topLeft);
        image.setRGB(2, 0, topRight);
        image.setRGB(0, 1, bottomLeft);
        assertThat(ExifOrientation.apply(image, 2).getRGB(0, 0) & 0xFFFFFF).isEqualTo(topRight);
        assertThat(ExifOrientation.apply(image, 4).getRGB(0, 0) & 0xFFFFFF).isEqualTo(bottomLeft);
        assertThat(ExifOrientation.apply(image, 5).getRGB(0, 0) & 0xFFFFFF).isEqualTo(topLeft);
        assertThat(ExifOrientation.apply(image, 6).getRGB(0, 0) & 0xFFFFFF).isEqualTo(bottomLeft);
        assertThat(ExifOrientation.apply(image, 8).getRGB(0, 0) & 0xFFFFFF).isEqualTo(topRight);
        assertThat(ExifOrientation.apply(image, 6).getWidth()).isEqualTo(2);
    }

    @Test
    void aDamagedExifBlockCountsAsUpright() throws Exception {
        byte[] jpeg = ImageCodec.encode(new BufferedImage(8, 4, BufferedImage.TYPE_INT_RGB), ImageFormat.JPEG, 90);
        byte[] broken = withOrientation(jpeg, 6);
        broken[2 + 4 + 6 + 4] = 0x7F; // IFD offset now points far outside the segment
        assertThat(ExifOrientation.of(broken)).isEqualTo(1);
        assertThat(ImageInspector.inspect(broken).width()).isEqualTo(8);
    }

    private static int red(int rgb) {
        return (rgb >> 16) & 0xFF;
    }

    /** Inserts an APP1 Exif segment (big-endian TIFF, one IFD entry: Orientation) right after SOI. */
    public static byte[] withOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {
            'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0
        };
        int length = 2 + 6 + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
