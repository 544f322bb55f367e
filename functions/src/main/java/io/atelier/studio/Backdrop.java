package io.atelier.studio;

import io.atelier.cutout.PixelImage;
import java.awt.Color;

/** What a product is placed on: a plain colour, a vertical gradient, or a photo (scaled to cover). */
public sealed interface Backdrop {

    /** Opaque pixels of the given size. */
    PixelImage render(int width, int height);

    record Plain(Color colour) implements Backdrop {
        @Override
        public PixelImage render(int width, int height) {
            int[] argb = new int[width * height];
            java.util.Arrays.fill(argb, 0xFF000000 | colour.getRGB());
            return new PixelImage(width, height, argb);
        }
    }

    record Gradient(Color top, Color bottom) implements Backdrop {
        @Override
        public PixelImage render(int width, int height) {
            int[] argb = new int[width * height];
            for (int y = 0; y < height; y++) {
                float t = height == 1 ? 0 : (float) y / (height - 1);
                int rgb = 0xFF000000
                        | mix(top.getRed(), bottom.getRed(), t) << 16
                        | mix(top.getGreen(), bottom.getGreen(), t) << 8
                        | mix(top.getBlue(), bottom.getBlue(), t);
                java.util.Arrays.fill(argb, y * width, (y + 1) * width, rgb);
            }
            return new PixelImage(width, height, argb);
        }

        private static int mix(int a, int b, float t) {
            return Math.round(a + (b - a) * t);
        }
    }

    record Photo(java.awt.image.BufferedImage image) implements Backdrop {
        @Override
        public PixelImage render(int width, int height) {
            double scale = Math.max((double) width / image.getWidth(), (double) height / image.getHeight());
            int w = Math.max(width, (int) Math.ceil(image.getWidth() * scale));
            int h = Math.max(height, (int) Math.ceil(image.getHeight() * scale));
            PixelImage covered = PixelImage.of(io.atelier.imaging.Resampler.resize(image, w, h));
            int[] argb = new int[width * height];
            int dx = (w - width) / 2;
            int dy = (h - height) / 2;
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    argb[y * width + x] = 0xFF000000 | covered.argb()[(y + dy) * w + x + dx];
            return new PixelImage(width, height, argb);
        }
    }
}
