package io.atelier.local.bench;

import io.atelier.cutout.CutoutModels;
import io.atelier.imaging.ImageCodec;
import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.vips.VipsEngine;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderResult;
import io.atelier.providers.SourceImage;
import io.atelier.providers.local.LocalProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The worker's memory: one 24 MP JPEG through resize, upscale ×2, cut-out and frame in one fresh JVM sized as a Lambda
 * function of the given memory (heap up to 85 % of it, serial GC), libvips and the model loaded as in the worker.
 * Peak resident memory (VmHWM: heap, metaspace, libvips, ONNX Runtime, the model) is what the function's memory must hold.
 */
final class MemoryBench {
    /** The worker's MemorySize in template.yaml. */
    static final int FUNCTION_MB = 3008;

    private MemoryBench() {}

    static void run(int functionMb) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(
                        java,
                        "-XX:MaxRAM=" + functionMb + "m",
                        "-XX:MaxRAMPercentage=85",
                        "-XX:+UseSerialGC",
                        "-XX:+TieredCompilation",
                        "--enable-native-access=ALL-UNNAMED",
                        "-D" + VipsEngine.DIR_PROPERTY + "=" + System.getProperty(VipsEngine.DIR_PROPERTY, ""),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Bench.class.getName(),
                        "--memory-peak",
                        String.valueOf(functionMb))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(child.getInputStream().readAllBytes()).trim();
        if (child.waitFor() != 0) {
            System.out.println("worker memory at " + functionMb + " MB: the pipeline did not finish ("
                    + out.lines().reduce((a, b) -> b).orElse("no output") + ")");
            return;
        }
        String[] lines = out.split("\\R");
        System.out.println(lines[lines.length - 1]);
    }

    /** In the child: the four operations on one photo, then the process's peak resident set. */
    static void child(int functionMb) throws Exception {
        byte[] jpeg = ImageCodec.encode(CutoutBench.productPhoto(6000, 4000), ImageFormat.JPEG, 90);
        SourceImage photo = new SourceImage(jpeg, ImageFormat.JPEG, 6000, 4000);
        CutoutModels.warm(); // as SnapStart priming does in the worker
        LocalProvider local = new LocalProvider();
        StringBuilder steps = new StringBuilder();
        long t = System.nanoTime();
        local.run(new ProviderCall("resize", null, null, Map.of("width", 2000), photo));
        steps.append(String.format("resize %.1f s, ", (System.nanoTime() - t) / 1e9));
        t = System.nanoTime();
        local.run(new ProviderCall("upscale", null, null, Map.of("factor", 2), photo));
        steps.append(String.format("upscale ×2 %.1f s, ", (System.nanoTime() - t) / 1e9));
        t = System.nanoTime();
        ProviderResult cut = local.run(new ProviderCall("remove-background", null, null, Map.of(), photo));
        steps.append(String.format("cut-out %.1f s, ", (System.nanoTime() - t) / 1e9));
        t = System.nanoTime();
        local.run(new ProviderCall(
                "frame",
                null,
                null,
                Map.of("width", 2000, "height", 2000, "margin", 5, "format", "jpeg"),
                new SourceImage(cut.bytes(), cut.format(), cut.width(), cut.height())));
        steps.append(String.format("frame %.1f s", (System.nanoTime() - t) / 1e9));
        System.out.printf(
                "worker memory, 24 MP JPEG through resize, upscale ×2 (96 MP), cut-out and frame in one JVM (heap ≤ 85%% of %d MB, "
                        + "libvips %s): peak RSS %d MB (VmHWM); %s%n",
                functionMb, VipsEngine.shared().isPresent() ? "on" : "off", peakResidentKb() / 1024, steps);
    }

    private static long peakResidentKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status")))
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", ""));
        throw new IllegalStateException("no VmHWM in /proc/self/status");
    }
}
