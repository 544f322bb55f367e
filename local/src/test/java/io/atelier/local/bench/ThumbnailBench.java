package io.atelier.local.bench;

import io.atelier.imaging.ImageCodec;
import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageOps;
import io.atelier.imaging.vips.PixelImage;
import io.atelier.imaging.vips.VipsEngine;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.SourceImage;
import io.atelier.providers.local.LocalProvider;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * 24 MP JPEGs → 1,024 px JPEGs (Q 85): the local provider's resize on the libvips engine, Debian's `vipsthumbnail`
 * over the same files in one process, and the Java (ImageIO) path, in one run on the same cores.
 */
final class ThumbnailBench {
    private static final int FILES = 6;
    private static final int ROUNDS = 3;
    private static final int QUALITY = 85;

    private ThumbnailBench() {}

    static void run() throws Exception {
        if (VipsEngine.shared().isEmpty()) {
            System.out.println("24 MP → 1,024 px: libvips engine not loaded (build with Maven first); skipped");
            return;
        }
        Path dir = Files.createTempDirectory("atelier-bench-24mp");
        try {
            List<Path> files = photos(dir);
            LocalProvider provider = new LocalProvider();
            Work engineRun = () -> {
                for (Path file : files) {
                    byte[] bytes = Files.readAllBytes(file);
                    Files.write(
                            dir.resolve("engine-" + file.getFileName()),
                            provider.run(new ProviderCall(
                                            "resize",
                                            null,
                                            null,
                                            Map.of("width", 1024, "format", "jpeg", "quality", QUALITY),
                                            new SourceImage(bytes, ImageFormat.JPEG, 6000, 4000)))
                                    .bytes());
                }
            };
            Work reference = vipsthumbnail(dir, files);
            // Interleaved rounds, best of each: a machine busy with other work slows both sides alike.
            double engine = Double.MAX_VALUE;
            double vipsthumbnail = Double.MAX_VALUE;
            engineRun.run();
            if (reference != null) reference.run();
            for (int round = 0; round < ROUNDS; round++) {
                engine = Math.min(engine, time(engineRun));
                if (reference != null) vipsthumbnail = Math.min(vipsthumbnail, time(reference));
            }
            double java = best(() -> {
                        byte[] bytes = Files.readAllBytes(files.get(0));
                        ImageCodec.encode(
                                ImageOps.resize(ImageCodec.decode(bytes), 1024, null, null, null),
                                ImageFormat.JPEG,
                                QUALITY);
                    })
                    * files.size();
            System.out.printf(
                    "24 MP JPEG → 1,024 px JPEG, %d files: libvips engine (local resize) %.0f ms/file%s; Java ImageIO path %.0f ms/file%n",
                    files.size(),
                    engine / files.size(),
                    reference == null ? "" : formatRatio(engine, vipsthumbnail, files.size()),
                    java / files.size());
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String formatRatio(double engine, double reference, int files) {
        return String.format(" vs vipsthumbnail %.0f ms/file: %.2f× its time", reference / files, engine / reference);
    }

    /** `vipsthumbnail` over all files in one process, as its users run it; null when it is not installed. */
    private static Work vipsthumbnail(Path dir, List<Path> files) {
        List<String> command = new ArrayList<>(List.of(
                "vipsthumbnail",
                "-s",
                "1024",
                "-o",
                dir.resolve("vt-%s.jpg").toString() + "[Q=" + QUALITY + ",optimize_coding,strip]"));
        files.forEach(f -> command.add(f.toString()));
        try {
            new ProcessBuilder("vipsthumbnail", "--vips-version").start().waitFor();
        } catch (Exception e) {
            System.out.println("vipsthumbnail not installed (Debian: libvips-tools): no reference figure");
            return null;
        }
        return () -> {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (process.waitFor() != 0) throw new IllegalStateException("vipsthumbnail failed");
        };
    }

    /** 6000 × 4000 photos with fine detail (noise over gradients), so the JPEGs are photo-sized (several MB). */
    private static List<Path> photos(Path dir) throws Exception {
        List<Path> files = new ArrayList<>();
        Random random = new Random(24);
        for (int i = 0; i < FILES; i++) {
            BufferedImage image = new BufferedImage(6000, 4000, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setPaint(new java.awt.GradientPaint(
                    0, 0, new Color(240, 200, 150), 6000, 4000, new Color(20, 60 + i * 20, 120)));
            g.fillRect(0, 0, 6000, 4000);
            g.dispose();
            int[] row = new int[6000];
            for (int y = 0; y < 4000; y++) {
                image.getRGB(0, y, 6000, 1, row, 0, 6000);
                for (int x = 0; x < 6000; x++) row[x] ^= random.nextInt(32) * 0x010101;
                image.setRGB(0, y, 6000, 1, row, 0, 6000);
            }
            Path file = dir.resolve("photo" + i + ".jpg");
            Files.write(file, VipsEngine.shared().orElseThrow().encode(PixelImage.of(image), ImageFormat.JPEG, 92));
            files.add(file);
        }
        return files;
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double time(Work work) throws Exception {
        long t = System.nanoTime();
        work.run();
        return (System.nanoTime() - t) / 1e6;
    }

    /** Best of the rounds after one warm-up, in milliseconds. */
    private static double best(Work work) throws Exception {
        work.run();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < ROUNDS; i++) best = Math.min(best, time(work));
        return best;
    }
}
