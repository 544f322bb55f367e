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
        assertThat(ready.previewKey()).isEqualTo(Keys.preview("alice", pending.imageId())).doesNotStartWith(Keys.UPLOADS);
        var preview = ImageInspector.inspect(fx.blobs.read(ready.previewKey()));
        assertThat(preview.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(preview.width()).isEqualTo(384);
        assertThat(preview.height()).isEqualTo(256);
        assertThat(ready.width()).isEqualTo(900);
    }

    @Test
    void pixelsThatCannotBeDecodedLeaveTheImageReadyWithoutAPreview() {
        ImageRecord pending = pending("b.png");
        byte[] png = TestImages.png(64, 64);
        byte[] damaged = Arrays.copyOf(png, png.length);
        for (int i = 60; i < damaged.length - 20; i++) damaged[i] = (byte) 0x5A; // header intact, image data garbage
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

    private ImageRecord pending(String name) {
        ImageRecord record = new ImageRecord("alice", io.atelier.model.Ids.image(), name, ImageStatus.PENDING, "image/png", 1,
                null, null, null, null, fx.now, fx.now, null);
        fx.images.put(record);
        return record;
    }
}
