package io.atelier.local.bench;

import io.atelier.cutout.Cutout;
import io.atelier.cutout.ModelSettings;
import io.atelier.cutout.OnnxSaliencyModel;
import io.atelier.cutout.PixelImage;
import io.atelier.cutout.Plane;
import io.atelier.imaging.ImageCodec;
import io.atelier.imaging.ImageFormat;
import io.atelier.studio.FrameSpec;
import io.atelier.studio.Framer;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.Random;

/**
 * The Amazon-main-image pipeline on one 12 MP product photo, stage by stage: decode, model inference, matte
 * refinement, frame, JPEG encode; the median of 3 runs after one warm-up, and the heap's peak over one run.
 */
final class CutoutBench {
    private static final int RUNS = 3;

    private CutoutBench() {}

    static void run() throws Exception {
        byte[] jpeg = ImageCodec.encode(productPhoto(4000, 3000), ImageFormat.JPEG, 90);
        FrameSpec amazon = new FrameSpec(true, 5, 2000, 2000, null, null, Color.WHITE, 24);
        double[][] times = new double[5][RUNS];
        try (OnnxSaliencyModel model = new OnnxSaliencyModel(ModelSettings.defaults())) {
            model.warm();
            for (int run = -1; run < RUNS; run++) {
                if (run == 0) resetPeaks();
                long t0 = System.nanoTime();
                PixelImage photo = PixelImage.of(ImageCodec.decode(jpeg));
                long t1 = System.nanoTime();
                Plane coarse = model.predict(photo);
                long t2 = System.nanoTime();
                PixelImage cut = Cutout.refine(photo, coarse);
                long t3 = System.nanoTime();
                PixelImage framed = Framer.frame(cut, amazon);
                long t4 = System.nanoTime();
                ImageCodec.encode(framed.toBufferedImage(), ImageFormat.JPEG, 90);
                long t5 = System.nanoTime();
                if (run < 0) continue;
                long[] marks = {t0, t1, t2, t3, t4, t5};
                for (int stage = 0; stage < 5; stage++) times[stage][run] = (marks[stage + 1] - marks[stage]) / 1e6;
            }
        }
        String[] names = {"decode", "inference", "refinement", "frame", "encode"};
        double total = 0;
        StringBuilder line =
                new StringBuilder("cut-out → Amazon main image, 12 MP JPEG (4000×3000), median of " + RUNS + ":");
        for (int stage = 0; stage < 5; stage++) {
            double median = median(times[stage]);
            total += median;
            line.append(String.format(" %s %.0f ms,", names[stage], median));
        }
        System.out.println(line.append(String.format(" total %.0f ms", total)));
        System.out.printf(
                "  peak heap during those runs: %,d MB (max heap %,d MB; includes garbage not yet collected)%n",
                peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    /** A shaded bottle and box on a studio sweep with a floor shadow and sensor noise. */
    static BufferedImage productPhoto(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(230, 230, 234), 0, h, new Color(250, 250, 250)));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(0, 0, 0, 40));
        g.fill(new Ellipse2D.Double(w * 0.3, h * 0.8, w * 0.4, h * 0.06));
        g.setPaint(new GradientPaint(w * 0.38f, 0, new Color(120, 20, 30), w * 0.52f, 0, new Color(220, 80, 90)));
        g.fill(new RoundRectangle2D.Double(w * 0.38, h * 0.3, w * 0.16, h * 0.53, w * 0.05, w * 0.05));
        g.fill(new RoundRectangle2D.Double(w * 0.43, h * 0.15, w * 0.06, h * 0.2, w * 0.02, w * 0.02));
        g.setPaint(new GradientPaint(w * 0.55f, 0, new Color(30, 80, 160), w * 0.7f, 0, new Color(90, 150, 220)));
        g.fill(new RoundRectangle2D.Double(w * 0.55, h * 0.5, w * 0.15, h * 0.33, w * 0.01, w * 0.01));
        g.dispose();
        Random random = new Random(1);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int noise = (int) (random.nextGaussian() * 2);
                int p = row[x];
                row[x] = clamp(((p >> 16) & 0xFF) + noise) << 16
                        | clamp(((p >> 8) & 0xFF) + noise) << 8
                        | clamp((p & 0xFF) + noise);
            }
            image.setRGB(0, y, w, 1, row, 0, w);
        }
        return image;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
            if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
            if (pool.getType() == MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
        return sum;
    }
}
