package io.atelier.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ThumbnailsTest {

    @Test
    void aLargeResultBecomesASmallJpegWithItsProportions() throws Exception {
        byte[] png = ImageFixtures.write(ImageFixtures.colourful(3000, 2000, false), "png");
        byte[] preview = Thumbnails.jpeg(png, 3000, 2000);
        ImageHeader header = ImageInspector.inspect(preview);
        assertThat(header.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(header.width()).isEqualTo(Thumbnails.MAX_SIDE);
        assertThat(header.height()).isEqualTo(256);
        assertThat(preview.length).isLessThan(png.length / 10);
    }

    @Test
    void subsamplingKeepsTheColoursOfTheImage() throws Exception {
        byte[] png = ImageFixtures.write(ImageFixtures.solid(2400, 1600, 0xFF2050C0, false), "png");
        BufferedImage preview = ImageCodec.decode(Thumbnails.jpeg(png, 2400, 1600));
        int centre = preview.getRGB(preview.getWidth() / 2, preview.getHeight() / 2);
        assertThat(ImageFixtures.red(centre)).isBetween(0x20 - 6, 0x20 + 6);
        assertThat(ImageFixtures.green(centre)).isBetween(0x50 - 6, 0x50 + 6);
        assertThat(ImageFixtures.blue(centre)).isBetween(0xC0 - 6, 0xC0 + 6);
    }

    @Test
    void transparencyIsShownOnWhiteAndSmallImagesKeepTheirSize() throws Exception {
        byte[] png = ImageFixtures.write(ImageFixtures.solid(100, 50, 0x00000000, true), "png");
        BufferedImage preview = ImageCodec.decode(Thumbnails.jpeg(png, 100, 50));
        assertThat(preview.getWidth()).isEqualTo(100);
        assertThat(preview.getHeight()).isEqualTo(50);
        assertThat(ImageFixtures.red(preview.getRGB(50, 25))).isGreaterThan(245);
    }
}
