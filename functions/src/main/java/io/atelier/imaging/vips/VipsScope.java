package io.atelier.imaging.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One unit of native work: every image, array and buffer made through it is freed when it closes (images
 * unreferenced, then the arena that holds the encoded input they may still point into). Single-threaded.
 */
final class VipsScope implements AutoCloseable {
    /** libvips' largest coordinate: a thumbnail box side that never constrains. */
    static final int UNBOUNDED = 10_000_000;
    /** Loader options: fail on decode errors and truncation rather than decode what can be decoded. */
    static final String LOAD_OPTIONS = "fail_on=error";

    private final Vips vips;
    private final Arena arena = Arena.ofConfined();
    private final List<MemorySegment> images = new ArrayList<>();
    private final List<MemorySegment> areas = new ArrayList<>();
    private byte[] inputBytes;
    private MemorySegment input;
    private MemorySegment header;

    VipsScope(Vips vips) {
        this.vips = vips;
    }

    /** vips_thumbnail_buffer: shrink-on-load, EXIF rotation and colour management in one pass. */
    MemorySegment thumbnail(byte[] encoded, int width, Map<String, Object> options) {
        MemorySegment in = input(encoded);
        MemorySegment out = arena.allocate(ADDRESS);
        int result = (int) vips.lib.call(
                "vips_thumbnail_buffer",
                false,
                List.of(ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT),
                List.of(in, (long) encoded.length, out, width),
                options,
                arena);
        return track(result, out);
    }

    /** The input opened lazily (header only), once per scope. */
    MemorySegment header(byte[] encoded) {
        if (header == null || encoded != inputBytes) header = newFromBuffer(encoded);
        return header;
    }

    boolean hasField(MemorySegment image, String name) {
        try {
            return (long) vips.lib
                            .fixed("vips_image_get_typeof", VipsLibrary.LONG_OF_POINTERS)
                            .invokeExact(image, arena.allocateFrom(name))
                    != 0;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Opens an image lazily: only the header is read until pixels are asked for. */
    MemorySegment newFromBuffer(byte[] encoded) {
        MemorySegment in = input(encoded);
        MemorySegment image = (MemorySegment) vips.lib.call(
                "vips_image_new_from_buffer",
                true,
                List.of(ADDRESS, JAVA_LONG, ADDRESS),
                List.of(in, (long) encoded.length, arena.allocateFrom(LOAD_OPTIONS)),
                Map.of(),
                arena);
        if (image.equals(MemorySegment.NULL)) throw new VipsException(vips.takeError());
        images.add(image);
        return image;
    }

    /** Runs an operation of the form {@code int op(VipsImage *in, VipsImage **out, extra…, options…, NULL)}. */
    MemorySegment op(
            String name,
            MemorySegment in,
            List<MemoryLayout> extraLayouts,
            List<Object> extra,
            Map<String, Object> options) {
        MemorySegment out = arena.allocate(ADDRESS);
        List<MemoryLayout> layouts = new ArrayList<>(List.of(ADDRESS, ADDRESS));
        layouts.addAll(extraLayouts);
        List<Object> args = new ArrayList<>(List.of(in, out));
        args.addAll(extra);
        return track((int) vips.lib.call(name, false, layouts, args, options, arena), out);
    }

    MemorySegment op(String name, MemorySegment in, Map<String, Object> options) {
        return op(name, in, List.of(), List.of(), options);
    }

    /** Encodes with a saver chosen by suffix, options in brackets, e.g. {@code .jpg[Q=85]}. */
    byte[] save(MemorySegment image, String suffix) {
        MemorySegment buffer = arena.allocate(ADDRESS);
        MemorySegment size = arena.allocate(JAVA_LONG);
        int result = (int) vips.lib.call(
                "vips_image_write_to_buffer",
                false,
                List.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS),
                List.of(image, arena.allocateFrom(suffix), buffer, size),
                Map.of(),
                arena);
        if (result != 0) throw new VipsException(vips.takeError());
        return copyAndFree(buffer.get(ADDRESS, 0), size.get(JAVA_LONG, 0));
    }

    /** The decoded pixels, band-interleaved, row after row. */
    byte[] pixels(MemorySegment image) {
        MemorySegment size = arena.allocate(JAVA_LONG);
        MemorySegment data;
        try {
            data = (MemorySegment) vips.writeToMemory().invokeExact(image, size);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        if (data.equals(MemorySegment.NULL)) throw new VipsException(vips.takeError());
        return copyAndFree(data, size.get(JAVA_LONG, 0));
    }

    /** An 8-bit image of {@code bands} interleaved channels, copied into libvips. */
    MemorySegment fromPixels(byte[] data, int width, int height, int bands) {
        MemorySegment copy = arena.allocateFrom(JAVA_BYTE, data);
        MemorySegment image;
        try {
            image = (MemorySegment) vips.newFromMemoryCopy()
                    .invokeExact(copy, (long) data.length, width, height, bands, VipsEnums.FORMAT_UCHAR);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        if (image.equals(MemorySegment.NULL)) throw new VipsException(vips.takeError());
        images.add(image);
        return image;
    }

    /** A VipsArrayDouble (for background colours), released with the scope. */
    MemorySegment doubles(double... values) {
        try {
            MemorySegment array = (MemorySegment)
                    vips.arrayDoubleNew().invokeExact(arena.allocateFrom(JAVA_DOUBLE, values), values.length);
            areas.add(array);
            return array;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    MemorySegment string(String value) {
        return arena.allocateFrom(value);
    }

    int get(String getter, MemorySegment image) {
        try {
            return (int) vips.imageInt(getter).invokeExact(image);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void close() {
        try {
            for (int i = images.size() - 1; i >= 0; i--) vips.unref().invokeExact(images.get(i));
            for (MemorySegment area : areas) vips.areaUnref().invokeExact(area);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        } finally {
            arena.close();
        }
    }

    /** The encoded input in native memory, copied once however many images read it. */
    private MemorySegment input(byte[] encoded) {
        if (encoded != inputBytes) {
            input = arena.allocateFrom(JAVA_BYTE, encoded);
            inputBytes = encoded;
        }
        return input;
    }

    private MemorySegment track(int result, MemorySegment out) {
        if (result != 0) throw new VipsException(vips.takeError());
        MemorySegment image = out.get(ADDRESS, 0);
        images.add(image);
        return image;
    }

    private byte[] copyAndFree(MemorySegment data, long size) {
        try {
            return data.reinterpret(size).toArray(JAVA_BYTE);
        } finally {
            try {
                vips.gFree().invokeExact(data);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }
}
