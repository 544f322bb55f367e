package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.fakes.TestImages;
import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageInspector;
import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.model.Keys;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UploadCheckTest {
    private final CoreFixture fx = new CoreFixture();
    private final UploadCheck check = new UploadCheck(fx.images, fx.blobs, fx.clock);

    @Test
    void aReadyImageGetsAJpegPreviewOutsideTheUploadsPrefix() throws Exception {
        ImageRecord pending = pending("a.png");
        byte[] png = TestImages.png(900, 600);
        fx.blobs.objects.put(pending.objectKey(), png);
        check.objectCreated(pending.objectKey(), png.length);

        ImageRecord ready = fx.images.find("alice", pending.imageId()).orElseThrow();
        assertThat(ready.status()).isEqualTo(ImageStatus.READY);
        assertThat(ready.previewKey())
                .isEqualTo(Keys.preview("alice", pending.imageId()))
                .doesNotStartWith(Keys.UPLOADS);
        var preview = ImageInspector.inspect(fx.blobs.read(ready.previewKey()));
        assertThat(preview.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(preview.width()).isEqualTo(384);
        assertThat(preview.height()).isEqualTo(256);
        assertThat(ready.width()).isEqualTo(900);
    }

    @Test
    void pixelsThatCannotBeDecodedLeaveTheImageReadyWithoutAPreview() {
        ImageRecord pending = pending("b.png");
        byte[] damaged = pngWithUndecodableData(64, 64); // structure and checksums intact, compressed data garbage
        fx.blobs.objects.put(pending.objectKey(), damaged);
        check.objectCreated(pending.objectKey(), damaged.length);

        ImageRecord checked = fx.images.find("alice", pending.imageId()).orElseThrow();
        assertThat(checked.status()).isEqualTo(ImageStatus.READY);
        assertThat(checked.previewKey()).isNull();
        assertThat(fx.blobs.objects.keySet()).noneMatch(key -> key.startsWith(Keys.PREVIEWS));
    }

    @Test
    void aRejectedUploadHasNoPreviewAndItsBytesAreGone() {
        ImageRecord pending = pending("c.png");
        byte[] notAnImage = "hello, this is not a picture".getBytes();
        fx.blobs.objects.put(pending.objectKey(), notAnImage);
        check.objectCreated(pending.objectKey(), notAnImage.length);

        ImageRecord checked = fx.images.find("alice", pending.imageId()).orElseThrow();
        assertThat(checked.status()).isEqualTo(ImageStatus.REJECTED);
        assertThat(checked.previewKey()).isNull();
        assertThat(fx.blobs.objects).isEmpty();
    }

    @Test
    void aTruncatedFileIsRejectedAsIncomplete() {
        ImageRecord pending = pending("cut.png");
        byte[] png = TestImages.png(900, 600);
        byte[] cut = Arrays.copyOf(png, png.length / 3);
        fx.blobs.objects.put(pending.objectKey(), cut);
        check.objectCreated(pending.objectKey(), cut.length);

        ImageRecord checked = fx.images.find("alice", pending.imageId()).orElseThrow();
        assertThat(checked.status()).isEqualTo(ImageStatus.REJECTED);
        assertThat(checked.reason()).startsWith("The file is incomplete");
        assertThat(fx.blobs.objects).isEmpty();
    }

    @Test
    void bytesWrittenOverACheckedUploadAreNeverServed() {
        ImageRecord pending = pending("d.png");
        byte[] png = TestImages.png(300, 200);
        fx.blobs.objects.put(pending.objectKey(), png);
        check.objectCreated(pending.objectKey(), png.length);
        check.objectCreated(pending.objectKey(), png.length); // a duplicate notification of the same bytes
        assertThat(fx.images.find("alice", pending.imageId()).orElseThrow().status())
                .isEqualTo(ImageStatus.READY);

        byte[] html = "<html><script>alert(1)</script></html>".getBytes();
        fx.blobs.objects.put(pending.objectKey(), html);
        check.objectCreated(pending.objectKey(), html.length);

        ImageRecord revoked = fx.images.find("alice", pending.imageId()).orElseThrow();
        assertThat(revoked.status()).isEqualTo(ImageStatus.REJECTED);
        assertThat(revoked.reason()).contains("replaced after it was checked");
        assertThat(fx.blobs.objects).isEmpty(); // neither the new bytes nor the old preview remain
    }

    /** A valid PNG whose IDAT holds garbage with a correct checksum: every structural check passes, decoding fails. */
    private static byte[] pngWithUndecodableData(int width, int height) {
        var ihdr = java.nio.ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0)
                .array();
        byte[] garbage = new byte[200];
        Arrays.fill(garbage, (byte) 0x5A);
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(chunk("IHDR", ihdr));
        out.writeBytes(chunk("IDAT", garbage));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        var crc = new java.util.zip.CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return java.nio.ByteBuffer.allocate(12 + data.length)
                .putInt(data.length)
                .put(typeBytes)
                .put(data)
                .putInt((int) crc.getValue())
                .array();
    }

    private ImageRecord pending(String name) {
        ImageRecord record = new ImageRecord(
                "alice",
                io.atelier.model.Ids.image(),
                name,
                ImageStatus.PENDING,
                "image/png",
                1,
                null,
                null,
                null,
                null,
                fx.now,
                fx.now,
                null);
        fx.images.put(record);
        return record;
    }
}
