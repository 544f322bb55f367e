package io.atelier.imaging.vips;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageHeader;
import io.atelier.imaging.ImageInspector;
import io.atelier.imaging.ImageOps;
import io.atelier.imaging.ImageRejectedException;
import java.awt.Color;
import java.awt.Dimension;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Atelier's image engine on libvips: decodes at reduced scale where the codec allows it (JPEG shrinks in the DCT),
 * honours EXIF orientation, converts embedded colour profiles (Adobe RGB, Display P3, CMYK) to sRGB, and writes PNG,
 * JPEG, WebP and AVIF with only the colour profile kept. Every call frees its native memory before it returns.
 *
 * <p>Inputs are checked by {@link ImageInspector} before any decoding, so oversized images and decompression bombs are
 * refused as on the Java path. Thread-safe.
 */
public final class VipsEngine {
    /** The folder holding libvips-cpp.so.*: this system property, else this environment variable, else the layer's. */
    public static final String DIR_PROPERTY = "atelier.libvips.dir";

    public static final String DIR_ENV = "ATELIER_LIBVIPS_DIR";
    /** Where the worker's Lambda layer puts it (layer contents appear under /opt). */
    static final Path LAYER_DIR = Path.of("/opt/libvips");

    private static final Object LOCK = new Object();
    private static volatile Optional<VipsEngine> shared;

    private final Vips vips;

    Vips vips() {
        return vips;
    }

    private VipsEngine(Vips vips) {
        this.vips = vips;
    }

    /**
     * The engine of this JVM, started on first use; empty where libvips is not installed (the API functions, whose
     * package carries no natives), and callers then keep to the Java path.
     */
    public static Optional<VipsEngine> shared() {
        Optional<VipsEngine> engine = shared;
        if (engine != null) return engine;
        synchronized (LOCK) {
            if (shared == null) shared = start(configuredDir());
            return shared;
        }
    }

    static Optional<VipsEngine> start(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) return Optional.empty();
        try {
            return Optional.of(new VipsEngine(
                    Vips.start(dir, Math.max(1, Runtime.getRuntime().availableProcessors()))));
        } catch (Throwable e) {
            System.err.println("libvips in " + dir + " could not be started, the Java imaging path is used: " + e);
            return Optional.empty();
        }
    }

    private static Path configuredDir() {
        String configured = System.getProperty(DIR_PROPERTY, System.getenv(DIR_ENV));
        return configured != null && !configured.isBlank() ? Path.of(configured) : LAYER_DIR;
    }

    /** A preview whose long side is at most {@code maxSide} (never enlarged). */
    public EncodedImage thumbnail(byte[] encoded, int maxSide, ImageFormat format, int quality)
            throws ImageRejectedException {
        guard(encoded);
        try (VipsScope scope = new VipsScope(vips)) {
            Map<String, Object> options = loadOptions(scope, encoded, maxSide);
            options.put("size", VipsEnums.SIZE_DOWN);
            return finish(scope, load(scope, encoded, maxSide, options), format, quality, notes(scope, encoded));
        }
    }

    /** The whole image, upright and in sRGB, re-encoded: what "convert" and "keep format" need. */
    public EncodedImage convert(byte[] encoded, ImageFormat format, int quality) throws ImageRejectedException {
        return thumbnail(encoded, VipsScope.UNBOUNDED, format, quality);
    }

    /** Enlarges by {@code factor} (Lanczos-3, as libvips' resize), then sharpens mildly. */
    public EncodedImage upscale(byte[] encoded, int factor, ImageFormat format, int quality)
            throws ImageRejectedException {
        var header = guard(encoded);
        ImageOps.upscaledSize(header.width(), header.height(), factor);
        int box = Math.max(header.width(), header.height()) * factor;
        try (VipsScope scope = new VipsScope(vips)) {
            MemorySegment image = load(scope, encoded, box, loadOptions(scope, encoded, box));
            return finish(scope, scope.op("vips_sharpen", image, Map.of()), format, quality, notes(scope, encoded));
        }
    }

    /**
     * Resizes as {@link ImageOps#resize} does. Transparency: with a {@code background}, the whole image is flattened
     * onto it (and padded with it); without one, an image with alpha keeps its transparency and is padded with
     * transparency, an opaque one is padded with white.
     */
    public EncodedImage resize(
            byte[] encoded,
            Integer width,
            Integer height,
            ImageOps.Fit fit,
            Color background,
            ImageFormat format,
            int quality)
            throws ImageRejectedException {
        var header = guard(encoded);
        Dimension size = ImageOps.resizedSize(header.width(), header.height(), width, height);
        try (VipsScope scope = new VipsScope(vips)) {
            boolean box = width != null && height != null;
            ImageOps.Fit mode = box && fit != null ? fit : ImageOps.Fit.CONTAIN;
            Map<String, Object> options = loadOptions(scope, encoded, size.height);
            // One side given: the other is derived exactly as the Java path derives it.
            if (!box || mode == ImageOps.Fit.FILL) options.put("size", VipsEnums.SIZE_FORCE);
            if (box && mode == ImageOps.Fit.COVER) options.put("crop", VipsEnums.INTERESTING_CENTRE);
            MemorySegment image = load(scope, encoded, size.width, options);
            if (background != null) image = flatten(scope, colour(scope, image), background);
            if (box && mode == ImageOps.Fit.CONTAIN) image = pad(scope, image, width, height, background);
            return finish(scope, image, format, quality, notes(scope, encoded));
        }
    }

    /** Decodes to 8-bit sRGB pixels, upright: RGBA when the image has alpha, else RGB. */
    public PixelImage decode(byte[] encoded) throws ImageRejectedException {
        guard(encoded);
        try (VipsScope scope = new VipsScope(vips)) {
            Map<String, Object> options = loadOptions(scope, encoded, VipsScope.UNBOUNDED);
            options.put("size", VipsEnums.SIZE_DOWN);
            MemorySegment image = eightBit(scope, colour(scope, load(scope, encoded, VipsScope.UNBOUNDED, options)));
            return new PixelImage(
                    scope.get("vips_image_get_width", image),
                    scope.get("vips_image_get_height", image),
                    scope.get("vips_image_get_bands", image),
                    scope.pixels(image));
        }
    }

    /** Encodes pixels; {@code quality} 1–100 applies to JPEG, WebP and AVIF. */
    public byte[] encode(PixelImage pixels, ImageFormat format, int quality) {
        try (VipsScope scope = new VipsScope(vips)) {
            MemorySegment image = scope.fromPixels(pixels.data(), pixels.width(), pixels.height(), pixels.bands());
            image = scope.op("vips_copy", image, Map.of("interpretation", VipsEnums.INTERPRETATION_SRGB));
            return finish(scope, image, format, quality, List.of()).bytes();
        }
    }

    /** Bytes libvips holds now: flat between calls, since every call frees what it made. */
    public long trackedMemory() {
        return vips.trackedMemory();
    }

    /**
     * Refuses oversized images before any decoding. AVIF is never uploaded (the header check cannot read it) but is
     * what an earlier step of a workflow may have written: its size is read from libvips' lazily opened header.
     */
    private ImageHeader guard(byte[] encoded) throws ImageRejectedException {
        if (!isAvif(encoded)) return ImageInspector.inspect(encoded);
        try (VipsScope scope = new VipsScope(vips)) {
            MemorySegment header = scope.newFromBuffer(encoded);
            int width = scope.get("vips_image_get_width", header);
            int height = scope.get("vips_image_get_height", header);
            if (width > ImageInspector.MAX_SIDE
                    || height > ImageInspector.MAX_SIDE
                    || (long) width * height > ImageInspector.MAX_PIXELS)
                throw new ImageRejectedException(
                        "The image is " + width + "×" + height + ", larger than this server decodes.");
            return new ImageHeader(ImageFormat.AVIF, width, height);
        } catch (VipsException e) {
            throw new ImageRejectedException("The image data is damaged and could not be decoded.", e);
        }
    }

    static boolean isAvif(byte[] encoded) {
        return encoded.length > 12 && new String(encoded, 4, 8, StandardCharsets.ISO_8859_1).equals("ftypavif");
    }

    /**
     * Colour management to sRGB where the file needs it: an embedded profile is applied, CMYK without one gets libvips'
     * fallback CMYK profile. Untagged RGB is sRGB already (a transform would only cost time) and greyscale stays grey.
     */
    private static Map<String, Object> loadOptions(VipsScope scope, byte[] encoded, int height)
            throws ImageRejectedException {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("height", height);
        // Damaged pixel data is an error, as on the Java path, not a picture of garbage.
        options.put("option_string", scope.string(VipsScope.LOAD_OPTIONS));
        MemorySegment header = header(scope, encoded);
        int interpretation = scope.get("vips_image_get_interpretation", header);
        boolean grey =
                interpretation == VipsEnums.INTERPRETATION_B_W || interpretation == VipsEnums.INTERPRETATION_GREY16;
        if (!grey && (interpretation == VipsEnums.INTERPRETATION_CMYK || scope.hasField(header, "icc-profile-data")))
            options.put("export_profile", scope.string("srgb"));
        return options;
    }

    private static MemorySegment header(VipsScope scope, byte[] encoded) throws ImageRejectedException {
        try {
            return scope.header(encoded);
        } catch (VipsException e) {
            throw new ImageRejectedException("The image data is damaged and could not be decoded.", e);
        }
    }

    private static MemorySegment load(VipsScope scope, byte[] encoded, int width, Map<String, Object> options)
            throws ImageRejectedException {
        try {
            MemorySegment header = scope.header(encoded);
            if (scope.get("vips_image_get_format", header) == VipsEnums.FORMAT_USHORT)
                return SixteenBitLoader.load(scope, header, width, options);
            return scope.thumbnail(encoded, width, options);
        } catch (VipsException e) {
            throw new ImageRejectedException("The image data is damaged and could not be decoded.", e);
        }
    }

    private static List<String> notes(VipsScope scope, byte[] encoded) throws ImageRejectedException {
        List<String> notes = new ArrayList<>();
        // The page count comes from the header alone (libvips opens lazily): an animation keeps only its first frame.
        int pages = scope.get("vips_image_get_n_pages", header(scope, encoded));
        if (pages > 1) notes.add("The input is animated (" + pages + " frames); only its first frame was used.");
        return notes;
    }

    /** Greyscale becomes sRGB where a colour must be painted; 16-bit stays 16-bit (RGB16). */
    private static MemorySegment colour(VipsScope scope, MemorySegment image) {
        int interpretation = scope.get("vips_image_get_interpretation", image);
        boolean sixteen = scope.get("vips_image_get_format", image) == VipsEnums.FORMAT_USHORT;
        int target = sixteen ? VipsEnums.INTERPRETATION_RGB16 : VipsEnums.INTERPRETATION_SRGB;
        if (interpretation == target) return image;
        return scope.op("vips_colourspace", image, List.of(JAVA_INT), List.of(target), Map.of());
    }

    private static MemorySegment eightBit(VipsScope scope, MemorySegment image) {
        if (scope.get("vips_image_get_format", image) == VipsEnums.FORMAT_UCHAR) return image;
        return scope.op("vips_colourspace", image, List.of(JAVA_INT), List.of(VipsEnums.INTERPRETATION_SRGB), Map.of());
    }

    private static MemorySegment flatten(VipsScope scope, MemorySegment image, Color background) {
        if (scope.get("vips_image_hasalpha", image) == 0) return image;
        boolean sixteen = scope.get("vips_image_get_format", image) == VipsEnums.FORMAT_USHORT;
        int colourBands = scope.get("vips_image_get_bands", image) - 1;
        return scope.op(
                "vips_flatten",
                image,
                Map.of(
                        "background",
                        scope.doubles(channels(scope, image, background, colourBands)),
                        "max_alpha",
                        sixteen ? 65535.0 : 255.0));
    }

    /** Centres the image on a width × height canvas of the background (transparent or white when none is given). */
    private static MemorySegment pad(VipsScope scope, MemorySegment image, int width, int height, Color background) {
        int bands = scope.get("vips_image_get_bands", image);
        boolean alpha = scope.get("vips_image_hasalpha", image) != 0;
        double[] fill;
        if (background != null) {
            fill = channels(scope, image, background, bands);
        } else if (alpha) {
            fill = new double[bands];
        } else {
            fill = channels(scope, image, Color.WHITE, bands);
        }
        return scope.op(
                "vips_gravity",
                image,
                List.of(JAVA_INT, JAVA_INT, JAVA_INT),
                List.of(VipsEnums.DIRECTION_CENTRE, width, height),
                Map.of("extend", VipsEnums.EXTEND_BACKGROUND, "background", scope.doubles(fill)));
    }

    /** The colour in the image's own range (0–255 or 0–65535), one value per band; alpha (if any) opaque. */
    private static double[] channels(VipsScope scope, MemorySegment image, Color colour, int bands) {
        double max = scope.get("vips_image_get_format", image) == VipsEnums.FORMAT_USHORT ? 65535 : 255;
        double[] rgb = {colour.getRed(), colour.getGreen(), colour.getBlue()};
        double[] values = new double[bands];
        for (int i = 0; i < bands; i++) {
            values[i] = i < 3 ? rgb[i] * max / 255 : max;
        }
        if (bands < 3) values[0] = (rgb[0] * 0.2126 + rgb[1] * 0.7152 + rgb[2] * 0.0722) * max / 255;
        return values;
    }

    private static EncodedImage finish(
            VipsScope scope, MemorySegment image, ImageFormat format, int quality, List<String> notes) {
        if (quality < 1 || quality > 100)
            throw new IllegalArgumentException("quality must be between 1 and 100 (got " + quality + ").");
        MemorySegment out = image;
        if (format != ImageFormat.PNG) out = eightBitKeepingGrey(scope, out);
        if (format == ImageFormat.JPEG) out = flatten(scope, out, Color.WHITE);
        String suffix = switch (format) {
            case JPEG -> ".jpg[Q=" + quality + ",optimize_coding,keep=icc]";
            case PNG -> ".png[keep=icc]";
            case WEBP -> ".webp[Q=" + quality + ",keep=icc]";
            case AVIF -> ".avif[Q=" + quality + ",keep=icc]";
        };
        byte[] bytes = scope.save(out, suffix);
        return new EncodedImage(
                bytes, format, scope.get("vips_image_get_width", out), scope.get("vips_image_get_height", out), notes);
    }

    /** JPEG, WebP and AVIF (here) are 8-bit: 16-bit greyscale becomes 8-bit greyscale, 16-bit colour 8-bit sRGB. */
    private static MemorySegment eightBitKeepingGrey(VipsScope scope, MemorySegment image) {
        if (scope.get("vips_image_get_format", image) == VipsEnums.FORMAT_UCHAR) return image;
        int interpretation = scope.get("vips_image_get_interpretation", image);
        int target = interpretation == VipsEnums.INTERPRETATION_GREY16
                ? VipsEnums.INTERPRETATION_B_W
                : VipsEnums.INTERPRETATION_SRGB;
        return scope.op("vips_colourspace", image, List.of(JAVA_INT), List.of(target), Map.of());
    }
}
