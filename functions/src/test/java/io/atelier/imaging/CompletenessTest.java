package io.atelier.imaging;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CompletenessTest {
    private static final byte[] JPEG = ImageFixtures.jpeg(640, 480);
    private static final byte[] PNG = ImageFixtures.png(320, 200);
    private static final byte[] WEBP = LosslessWebp.onePixel(255, 10, 20, 30);

    @Test
    void wholeFilesPass() {
        assertThatCode(() -> Completeness.check(JPEG, ImageFormat.JPEG)).doesNotThrowAnyException();
        assertThatCode(() -> Completeness.check(PNG, ImageFormat.PNG)).doesNotThrowAnyException();
        assertThatCode(() -> Completeness.check(WEBP, ImageFormat.WEBP)).doesNotThrowAnyException();
    }

    @Test
    void bytesAfterAJpegsEndOfImageAreAllowed() {
        byte[] withTrailer = Arrays.copyOf(JPEG, JPEG.length + 100);
        assertThatCode(() -> Completeness.check(withTrailer, ImageFormat.JPEG)).doesNotThrowAnyException();
    }

    @Test
    void aJpegCutOffAnywhereIsIncomplete() {
        for (int length : new int[] {JPEG.length / 14, JPEG.length / 2, JPEG.length - 2, JPEG.length - 1}) {
            byte[] cut = Arrays.copyOf(JPEG, length);
            assertThatThrownBy(() -> Completeness.check(cut, ImageFormat.JPEG))
                    .isInstanceOf(ImageRejectedException.class)
                    .hasMessageContaining("incomplete");
        }
    }

    @Test
    void aJpegScanWithAnInvalidMarkerIsDamaged() {
        byte[] broken = JPEG.clone();
        int inScan = broken.length - 200;
        broken[inScan] = (byte) 0xFF;
        broken[inScan + 1] = 0x4A;
        assertThatThrownBy(() -> Completeness.check(broken, ImageFormat.JPEG)).hasMessageContaining("damaged");
    }

    @Test
    void aPngWithoutIendOrWithABadChecksumIsRefused() {
        byte[] noEnd = Arrays.copyOf(PNG, PNG.length - 12);
        assertThatThrownBy(() -> Completeness.check(noEnd, ImageFormat.PNG)).hasMessageContaining("no IEND");
        byte[] cut = Arrays.copyOf(PNG, PNG.length / 2);
        assertThatThrownBy(() -> Completeness.check(cut, ImageFormat.PNG)).hasMessageContaining("incomplete");
        byte[] flipped = PNG.clone();
        flipped[60] ^= 0x01; // inside IDAT
        assertThatThrownBy(() -> Completeness.check(flipped, ImageFormat.PNG))
                .hasMessageContaining("IDAT chunk's checksum");
    }

    @Test
    void aWebpShorterThanItsRiffSizeIsIncomplete() {
        byte[] cut = Arrays.copyOf(WEBP, WEBP.length - 3);
        assertThatThrownBy(() -> Completeness.check(cut, ImageFormat.WEBP)).hasMessageContaining("RIFF size");
    }
}
