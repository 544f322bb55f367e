package io.atelier.imaging;

import io.atelier.imaging.vips.VipsEngine;
import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Small JPEG previews for grids: a job of 300 images must not make the browser load 300 full-size results. Where the
 * libvips engine is installed (the worker) it makes them, shrinking JPEGs in the DCT on load; elsewhere (the upload
 * check in the API functions) large images are decoded subsampled (keeping at least twice the preview's pixels for
 * the Lanczos filter to work with).
 */
public final class Thumbnails {
    public static final int MAX_SIDE = 384;
    private static final int QUALITY = 80;

    private Thumbnails() {}

    public static byte[] jpeg(byte[] image, int width, int height) throws ImageRejectedException {
        Optional<VipsEngine> engine = VipsEngine.shared();
        if (engine.isPresent())
            return engine.get()
                    .thumbnail(image, MAX_SIDE, ImageFormat.JPEG, QUALITY)
                    .bytes();
        int longSide = Math.max(width, height);
        int subsampling = Math.max(1, longSide / (2 * MAX_SIDE));
        BufferedImage decoded = ImageCodec.decode(image, subsampling);
        int decodedLong = Math.max(decoded.getWidth(), decoded.getHeight());
        BufferedImage preview = decoded;
        if (decodedLong > MAX_SIDE) {
            double scale = (double) MAX_SIDE / decodedLong;
            preview = Resampler.resize(
                    decoded, Math.max(1, (int) Math.round(decoded.getWidth() * scale)), Math.max(1, (int)
                            Math.round(decoded.getHeight() * scale)));
        }
        return ImageCodec.encode(preview, ImageFormat.JPEG, QUALITY);
    }
}
