package io.atelier.imaging.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * libvips started once per JVM, with bounded resources: the operation cache is off (every result is freed as soon
 * as its scope closes, so memory is flat between tasks), worker threads are capped, and loaders libvips itself marks
 * untrusted are blocked. Every image lives in a {@link VipsScope}.
 */
final class Vips {
    final VipsLibrary lib;
    private final MethodHandle errorBuffer;
    private final MethodHandle errorClear;
    private final MethodHandle trackedMem;

    private Vips(VipsLibrary lib) {
        this.lib = lib;
        this.errorBuffer = lib.fixed("vips_error_buffer", VipsLibrary.POINTER);
        this.errorClear = lib.fixed("vips_error_clear", VipsLibrary.VOID);
        this.trackedMem = lib.fixed("vips_tracked_get_mem", VipsLibrary.LONG);
    }

    static Vips start(Path dir, int threads) throws Throwable {
        VipsLibrary lib = VipsLibrary.open(dir);
        MethodHandle init = lib.fixed("vips_init", VipsLibrary.INT_OF_POINTER);
        int failed = (int) init.invokeExact(Arena.global().allocateFrom("atelier"));
        Vips vips = new Vips(lib);
        if (failed != 0) throw new VipsException("libvips did not start: " + vips.takeError());
        lib.fixed("vips_cache_set_max", VipsLibrary.VOID_OF_INT).invokeExact(0);
        lib.fixed("vips_cache_set_max_mem", VipsLibrary.VOID_OF_LONG).invokeExact(0L);
        lib.fixed("vips_cache_set_max_files", VipsLibrary.VOID_OF_INT).invokeExact(0);
        lib.fixed("vips_concurrency_set", VipsLibrary.VOID_OF_INT).invokeExact(threads);
        lib.fixed("vips_block_untrusted_set", VipsLibrary.VOID_OF_INT).invokeExact(1);
        return vips;
    }

    /** Bytes libvips has allocated for pixels and buffers right now. */
    long trackedMemory() {
        try {
            return (long) trackedMem.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** libvips' error text since the last call, cleared so the next failure reports only itself. */
    String takeError() {
        try {
            MemorySegment text = (MemorySegment) errorBuffer.invokeExact();
            String message = text.equals(MemorySegment.NULL)
                    ? ""
                    : text.reinterpret(Integer.MAX_VALUE).getString(0).strip();
            errorClear.invokeExact();
            return message.isEmpty() ? "unknown libvips error" : message;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    MethodHandle imageInt(String getter) {
        return lib.fixed(getter, VipsLibrary.INT_OF_POINTER);
    }

    MethodHandle unref() {
        return lib.fixed("g_object_unref", VipsLibrary.VOID_OF_POINTER);
    }

    MethodHandle gFree() {
        return lib.fixed("g_free", VipsLibrary.VOID_OF_POINTER);
    }

    MethodHandle areaUnref() {
        return lib.fixed("vips_area_unref", VipsLibrary.VOID_OF_POINTER);
    }

    MethodHandle arrayDoubleNew() {
        return lib.fixed("vips_array_double_new", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
    }

    MethodHandle writeToMemory() {
        return lib.fixed("vips_image_write_to_memory", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    }

    MethodHandle newFromMemoryCopy() {
        return lib.fixed(
                "vips_image_new_from_memory_copy",
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    }
}
