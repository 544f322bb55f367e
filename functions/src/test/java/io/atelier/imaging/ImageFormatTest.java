package io.atelier.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageFormatTest {

    @Test
    void namesAreCaseInsensitiveAndJpgMeansJpeg() {
        assertThat(ImageFormat.fromName("PNG")).contains(ImageFormat.PNG);
        assertThat(ImageFormat.fromName("jpeg")).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.fromName("Jpg")).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.fromName("webp")).contains(ImageFormat.WEBP);
        assertThat(ImageFormat.fromName("gif")).isEmpty();
        assertThat(ImageFormat.fromName(null)).isEmpty();
    }

    @Test
    void mimeTypesMapBothWays() {
        for (ImageFormat format : new ImageFormat[] {ImageFormat.PNG, ImageFormat.JPEG, ImageFormat.WEBP}) {
            assertThat(ImageFormat.fromMimeType(format.mimeType())).contains(format);
        }
        // AVIF is written by the engine, never accepted as an upload (the header check cannot read it).
        assertThat(ImageFormat.fromMimeType(ImageFormat.AVIF.mimeType())).isEmpty();
        assertThat(ImageFormat.fromName("AVIF")).contains(ImageFormat.AVIF);
        assertThat(ImageFormat.fromMimeType("IMAGE/JPEG; charset=binary")).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.fromMimeType("text/plain")).isEmpty();
        assertThat(ImageFormat.JPEG.extension()).isEqualTo("jpg");
        assertThat(ImageFormat.WEBP.mimeType()).isEqualTo("image/webp");
    }
}
