package io.atelier.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageInspectorTest {

    @Test
    void readsPngSize() throws Exception {
        assertThat(ImageInspector.inspect(ImageFixtures.png(37, 23)))
                .isEqualTo(new ImageHeader(ImageFormat.PNG, 37, 23));
    }

    @Test
    void readsAJpegsColourComponentCountSoCmykCanBeRefusedAtSubmit() throws Exception {
        byte[] jpeg = ImageFixtures.jpeg(41, 29);
        // Frame header: marker(2) length(2) precision(1) height(2) width(2) components(1).
        jpeg[ImageFixtures.frameHeaderOffset(jpeg) + 9] = 4;
        assertThat(ImageInspector.inspect(jpeg).components()).isEqualTo(4);
    }

    @Test
    void readsJpegSize() throws Exception {
        assertThat(ImageInspector.inspect(ImageFixtures.jpeg(41, 29)))
                .isEqualTo(new ImageHeader(ImageFormat.JPEG, 41, 29, 3));
    }

    @Test
    void skipsALargeExifSegmentBeforeTheFrameHeader() throws Exception {
        byte[] jpeg = ImageFixtures.jpeg(64, 48);
        byte[] exif = new byte[60_000];
        ByteBuffer.wrap(exif)
                .put((byte) 0xFF)
                .put((byte) 0xE1)
                .putShort((short) (exif.length - 2))
                .put("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream withExif = new ByteArrayOutputStream();
        withExif.write(jpeg, 0, 2);
        withExif.writeBytes(exif);
        withExif.write(jpeg, 2, jpeg.length - 2);
        byte[] bytes = withExif.toByteArray();

        assertThat(ImageInspector.inspect(bytes)).isEqualTo(new ImageHeader(ImageFormat.JPEG, 64, 48, 3));
        assertThat(ImageCodec.decode(bytes).getWidth()).isEqualTo(64);
    }

    @Test
    void needsOnlyTheLeadingBytes() throws Exception {
        byte[] png = ImageFixtures.png(300, 200);
        byte[] prefix = Arrays.copyOf(png, 40);
        assertThat(ImageInspector.inspect(prefix, png.length)).isEqualTo(new ImageHeader(ImageFormat.PNG, 300, 200));
    }

    @Test
    void readsLossyWebpSizeIgnoringScaleBits() throws Exception {
        ByteBuffer vp8 = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        vp8.put(new byte[] {0x50, 0x02, 0x00}) // frame tag: key frame, shown
                .put((byte) 0x9D)
                .put((byte) 0x01)
                .put((byte) 0x2A)
                .putShort((short) (640 | 1 << 14)) // width with horizontal scale bits set
                .putShort((short) (480 | 2 << 14));
        assertThat(ImageInspector.inspect(ImageFixtures.webp("VP8 ", vp8.array())))
                .isEqualTo(new ImageHeader(ImageFormat.WEBP, 640, 480));
    }

    @Test
    void readsLosslessWebpSize() throws Exception {
        int bits = (1000 - 1) | (750 - 1) << 14 | 1 << 28;
        ByteBuffer vp8l = ByteBuffer.allocate(10)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 0x2F)
                .putInt(bits);
        assertThat(ImageInspector.inspect(ImageFixtures.webp("VP8L", vp8l.array())))
                .isEqualTo(new ImageHeader(ImageFormat.WEBP, 1000, 750));
    }

    @Test
    void readsExtendedWebpCanvasSize() throws Exception {
        assertThat(ImageInspector.inspect(extendedWebp(4000, 3000)))
                .isEqualTo(new ImageHeader(ImageFormat.WEBP, 4000, 3000));
    }

    @Test
    void rejectsAWebpCanvasOverThePixelLimit() {
        assertThatThrownBy(() -> ImageInspector.inspect(extendedWebp(20_000, 20_000)))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessage("The image is 20000 × 20000 pixels (400 megapixels); the limit is 100 megapixels.");
    }

    @Test
    void readsARealLosslessWebp() throws Exception {
        byte[] webp = LosslessWebp.onePixel(255, 200, 100, 50);
        assertThat(ImageInspector.inspect(webp)).isEqualTo(new ImageHeader(ImageFormat.WEBP, 1, 1));
    }

    @Test
    void rejectsText() {
        byte[] text = "hello, this is not an image".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ImageInspector.inspect(text))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessage("The file is not a PNG, JPEG or WebP image.");
    }

    @Test
    void rejectsAnEmptyFile() {
        assertThatThrownBy(() -> ImageInspector.inspect(new byte[0]))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessage("The file is empty.");
    }

    @Test
    void rejectsADecompressionBombByItsHeaderAlone() {
        byte[] bomb = ImageFixtures.pngWithHeader(100_000, 100_000);
        assertThat(bomb.length).isLessThan(100);
        String reason = "The image is 100000 × 100000 pixels (10000 megapixels); the limit is 100 megapixels.";

        assertThatThrownBy(() -> ImageInspector.inspect(bomb))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessage(reason);
        // Had the codec decoded it, the tiny IDAT would have failed as "damaged" (or exhausted memory).
        assertThatThrownBy(() -> ImageCodec.decode(bomb))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessage(reason);
    }

    @Test
    void rejectsAnOverlongSide() {
        assertThatThrownBy(() -> ImageInspector.inspect(ImageFixtures.pngWithHeader(40_000, 10)))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessage("The image is 40000 × 10 pixels; no side may be longer than 30000 pixels.");
    }

    @Test
    void rejectsADamagedPngHeader() {
        byte[] png = ImageFixtures.png(10, 10);
        png[17] ^= 0x01; // a bit of the width changes; the CRC no longer matches
        assertThatThrownBy(() -> ImageInspector.inspect(png))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessage("The PNG header is damaged (IHDR checksum mismatch).");
    }

    @Test
    void rejectsAJpegCutBeforeItsFrameHeader() {
        byte[] jpeg = ImageFixtures.jpeg(32, 32);
        byte[] cut = Arrays.copyOf(jpeg, ImageFixtures.frameHeaderOffset(jpeg));
        assertThatThrownBy(() -> ImageInspector.inspect(cut))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessage("The file is truncated: no image dimensions were found.");
    }

    @Test
    void explainsAHeaderBeyondTheProvidedPrefix() {
        byte[] jpeg = ImageFixtures.jpeg(32, 32);
        byte[] prefix = Arrays.copyOf(jpeg, ImageFixtures.frameHeaderOffset(jpeg));
        assertThatThrownBy(() -> ImageInspector.inspect(prefix, jpeg.length))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageStartingWith("No image dimensions were found in the first");
    }

    @Test
    void rejectsAMalformedJpegMarker() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x00, 0x04, 0x00, 0x00, 0x12, 0x34};
        assertThatThrownBy(() -> ImageInspector.inspect(jpeg))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessage("The JPEG structure is damaged (expected a marker at byte 8).");
    }

    @Test
    void rejectsAnOversizedFileBeforeLookingAtIt() {
        byte[] text = "hello, this is not an image".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ImageInspector.inspect(text, ImageInspector.MAX_BYTES + 1))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessage("The file is more than 50 MB; the limit is 50 MB.");
        assertThatThrownBy(() -> ImageInspector.inspect(text, 80L * 1024 * 1024))
                .hasMessage("The file is 80 MB; the limit is 50 MB.");
    }

    private static byte[] extendedWebp(int width, int height) {
        ByteBuffer vp8x = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        vp8x.put((byte) 0x10).put(new byte[3]); // flags: alpha; reserved
        putUint24(vp8x, width - 1);
        putUint24(vp8x, height - 1);
        return ImageFixtures.webp("VP8X", vp8x.array());
    }

    private static void putUint24(ByteBuffer buffer, int value) {
        buffer.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
    }
}
