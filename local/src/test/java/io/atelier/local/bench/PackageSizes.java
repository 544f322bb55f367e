package io.atelier.local.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What each function deploys: every function has CodeUri functions/, which sam build turns into the classes plus the
 * runtime-scope dependency jars (functions/target/lambda-classpath.txt lists them); the worker adds its layers, read
 * from a `sam build` (.aws-sam/build/<Layer>) or from
 * `make -C functions/natives build-<Layer> ARTIFACTS_DIR=$PWD/functions/target/layers/<Layer>`.
 * Sizes are on disk, unzipped (the jars inside are already compressed).
 */
final class PackageSizes {
    private static final Path FUNCTIONS = Path.of("functions", "target");
    private static final List<String> LAYERS = List.of("LibvipsLayer", "OnnxLayer");

    private PackageSizes() {}

    static void print() throws IOException {
        Path classpath = FUNCTIONS.resolve("lambda-classpath.txt");
        Path jar = FUNCTIONS.resolve("atelier-functions-0.1.0-SNAPSHOT.jar");
        if (!Files.exists(classpath) || !Files.exists(jar)) {
            System.out.println("package sizes: build functions/ first (make build)");
            return;
        }
        List<Path> dependencies = Stream.of(Files.readString(classpath).trim().split(File.pathSeparator))
                .map(Path::of)
                .toList();
        long libs = dependencies.stream().mapToLong(PackageSizes::size).sum();
        System.out.printf(
                "every function's package (CodeUri functions/): classes %.1f MiB + %d runtime jars %.1f MiB = %.1f MiB%s%n",
                mib(size(jar)),
                dependencies.size(),
                mib(libs),
                mib(size(jar) + libs),
                dependencies.stream().anyMatch(p -> p.getFileName().toString().startsWith("onnxruntime"))
                        ? " (onnxruntime included!)"
                        : "");
        StringBuilder layers = new StringBuilder("WorkerFunction's layers:");
        for (String layer : LAYERS) {
            Path built = Stream.of(
                            Path.of(".aws-sam", "build", layer),
                            FUNCTIONS.resolve("layers").resolve(layer))
                    .filter(Files::isDirectory)
                    .findFirst()
                    .orElse(null);
            layers.append(
                    built == null
                            ? " " + layer + " not built,"
                            : String.format(" %s %.1f MiB,", layer, mib(size(built))));
        }
        System.out.println(layers.substring(0, layers.length() - 1));
    }

    private static long size(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> {
                        try {
                            return Files.size(file);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
