package io.atelier.imaging.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Map;

/** Test images made with libvips itself: colour-profiled JPEGs whose true sRGB colour is known. */
final class VipsFixtures {
    private VipsFixtures() {}

    /** The libvips the build unpacked under target/: if it does not load, the tests fail rather than skip. */
    static VipsEngine engine() {
        return VipsEngine.shared()
                .orElseThrow(() ->
                        new AssertionError("libvips did not load from " + System.getProperty(VipsEngine.DIR_PROPERTY)));
    }

    /**
     * A flat {@code srgb} colour, converted into {@code profile} ("p3", "cmyk", … libvips' built-in names) and saved
     * as JPEG, with that profile embedded or (keepProfile false) with none.
     */
    static byte[] profiledJpeg(VipsEngine engine, Color srgb, String profile, boolean keepProfile) {
        try (VipsScope scope = new VipsScope(engine.vips())) {
            MemorySegment image = srgbImage(scope, solid(64, 48, srgb));
            MemorySegment converted = scope.op(
                    "vips_icc_transform",
                    image,
                    List.of(ADDRESS),
                    List.of(scope.string(profile)),
                    Map.of("input_profile", scope.string("srgb")));
            return scope.save(converted, keepProfile ? ".jpg[Q=98,keep=icc]" : ".jpg[Q=98,keep=none]");
        }
    }

    /** The first pixel as stored in the file, with no colour management: what a viewer ignoring profiles shows. */
    static int[] rawFirstPixel(VipsEngine engine, byte[] encoded) {
        try (VipsScope scope = new VipsScope(engine.vips())) {
            byte[] pixels = scope.pixels(scope.newFromBuffer(encoded));
            return new int[] {pixels[0] & 0xFF, pixels[1] & 0xFF, pixels[2] & 0xFF};
        }
    }

    /** {@code frames} 8 × 8 frames stacked into one animated WebP (libvips' page-height marks the frames). */
    static byte[] animatedWebp(VipsEngine engine, int frames) {
        try (VipsScope scope = new VipsScope(engine.vips())) {
            // Frames must differ: libwebp's animation encoder merges identical ones.
            BufferedImage frameStrip = solid(8, 8 * frames, Color.WHITE);
            for (int y = 0; y < 8 * frames; y++) for (int x = 0; x < 8; x++) frameStrip.setRGB(x, y, y / 8 * 0x404040);
            MemorySegment strip = scope.op("vips_copy", srgbImage(scope, frameStrip), Map.of());
            MethodHandle setInt = engine.vips()
                    .lib
                    .fixed("vips_image_set_int", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT));
            setInt.invokeExact(strip, scope.string("page-height"), 8);
            return scope.save(strip, ".webp[Q=90]");
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static BufferedImage solid(int width, int height, Color colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) image.setRGB(x, y, colour.getRGB());
        return image;
    }

    private static MemorySegment srgbImage(VipsScope scope, BufferedImage image) {
        PixelImage pixels = PixelImage.of(image);
        MemorySegment raw = scope.fromPixels(pixels.data(), pixels.width(), pixels.height(), pixels.bands());
        return scope.op("vips_copy", raw, Map.of("interpretation", VipsEnums.INTERPRETATION_SRGB));
    }
}
