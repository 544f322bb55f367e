package io.atelier.imaging.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The few libvips and GLib calls Atelier needs, bound with java.lang.foreign. libvips' operations are C varargs
 * functions ({@code name, value, …, NULL}); {@link #call} builds (and caches) one downcall per argument shape.
 */
final class VipsLibrary {
    private static final Linker LINKER = Linker.nativeLinker();
    private final SymbolLookup symbols;
    private final Map<String, MethodHandle> handles = new ConcurrentHashMap<>();

    private VipsLibrary(SymbolLookup symbols) {
        this.symbols = symbols;
    }

    /** Opens libvips-cpp.so.* in {@code dir} for the life of the JVM (a native library cannot be unloaded safely). */
    static VipsLibrary open(Path dir) throws IOException {
        Path library;
        try (Stream<Path> files = Files.list(dir)) {
            library = files.filter(f -> f.getFileName().toString().startsWith("libvips-cpp.so"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no libvips-cpp.so in " + dir));
        }
        return new VipsLibrary(SymbolLookup.libraryLookup(library, Arena.global()));
    }

    /** A non-variadic function. */
    MethodHandle fixed(String name, FunctionDescriptor descriptor) {
        return handles.computeIfAbsent(name, n -> LINKER.downcallHandle(find(n), descriptor));
    }

    /**
     * Calls a libvips varargs operation: the fixed arguments, then each option as (name, value), then NULL.
     * Option values may be Integer (int, gboolean, enums), Double, or MemorySegment (pointers: strings, arrays).
     *
     * @return the operation's int result (0 = success) or, for {@code returnsPointer}, its pointer
     */
    Object call(
            String name,
            boolean returnsPointer,
            List<MemoryLayout> fixedLayouts,
            List<Object> fixedArgs,
            Map<String, Object> options,
            Arena arena) {
        List<MemoryLayout> layouts = new ArrayList<>(fixedLayouts);
        List<Object> args = new ArrayList<>(fixedArgs);
        StringBuilder shape = new StringBuilder(name).append(':');
        for (Map.Entry<String, Object> option : options.entrySet()) {
            layouts.add(ADDRESS);
            args.add(arena.allocateFrom(option.getKey()));
            MemoryLayout layout = switch (option.getValue()) {
                case Integer i -> JAVA_INT;
                case Double d -> JAVA_DOUBLE;
                case MemorySegment s -> ADDRESS;
                default -> throw new IllegalArgumentException("unsupported option " + option.getKey());
            };
            layouts.add(layout);
            args.add(option.getValue());
            shape.append(layout == JAVA_INT ? 'i' : layout == JAVA_DOUBLE ? 'd' : 'p');
        }
        layouts.add(ADDRESS);
        args.add(MemorySegment.NULL);
        MemoryLayout[] argLayouts = layouts.toArray(MemoryLayout[]::new);
        MethodHandle handle = handles.computeIfAbsent(
                shape.toString(),
                s -> LINKER.downcallHandle(
                        find(name),
                        returnsPointer
                                ? FunctionDescriptor.of(ADDRESS, argLayouts)
                                : FunctionDescriptor.of(JAVA_INT, argLayouts),
                        Linker.Option.firstVariadicArg(fixedLayouts.size())));
        try {
            return handle.invokeWithArguments(args);
        } catch (Throwable t) {
            throw new IllegalStateException("libvips call " + name + " failed", t);
        }
    }

    private MemorySegment find(String name) {
        return symbols.find(name).orElseThrow(() -> new IllegalStateException("libvips has no " + name));
    }

    static final FunctionDescriptor INT_OF_POINTER = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    static final FunctionDescriptor VOID_OF_POINTER = FunctionDescriptor.ofVoid(ADDRESS);
    static final FunctionDescriptor VOID_OF_INT = FunctionDescriptor.ofVoid(JAVA_INT);
    static final FunctionDescriptor VOID_OF_LONG = FunctionDescriptor.ofVoid(JAVA_LONG);
    static final FunctionDescriptor POINTER = FunctionDescriptor.of(ADDRESS);
    static final FunctionDescriptor LONG = FunctionDescriptor.of(JAVA_LONG);
    static final FunctionDescriptor LONG_OF_POINTERS = FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS);
    static final FunctionDescriptor VOID = FunctionDescriptor.ofVoid();
}
