package io.atelier.cutout;

/** An image as three float planes in 0..1, usually a reduced copy the refinement works on. */
record RgbPlanes(Plane r, Plane g, Plane b) {

    int width() {
        return r.width();
    }

    int height() {
        return r.height();
    }

    /** Area-averaged reduction of a full image to w × h (every source pixel counts once: no aliasing of fine detail). */
    static RgbPlanes reduce(PixelImage image, int w, int h) {
        Plane r = new Plane(w, h);
        Plane g = new Plane(w, h);
        Plane b = new Plane(w, h);
        float[] count = new float[w * h];
        int[] column = new int[image.width()];
        for (int x = 0; x < image.width(); x++) column[x] = (int) ((long) x * w / image.width());
        for (int y = 0; y < image.height(); y++) {
            int row = (int) ((long) y * h / image.height()) * w;
            int base = y * image.width();
            for (int x = 0; x < image.width(); x++) {
                int p = image.argb()[base + x];
                int i = row + column[x];
                r.values()[i] += (p >> 16) & 0xFF;
                g.values()[i] += (p >> 8) & 0xFF;
                b.values()[i] += p & 0xFF;
                count[i]++;
            }
        }
        for (int i = 0; i < count.length; i++) {
            if (count[i] == 0) {
                // Enlarging (an image smaller than the model's input): the nearest source pixel.
                int p = image.argb()[
                        (int) ((long) (i / w) * image.height() / h) * image.width()
                                + (int) ((long) (i % w) * image.width() / w)];
                r.values()[i] = (p >> 16) & 0xFF;
                g.values()[i] = (p >> 8) & 0xFF;
                b.values()[i] = p & 0xFF;
                count[i] = 1;
            }
            float scale = 1f / (255f * count[i]);
            r.values()[i] *= scale;
            g.values()[i] *= scale;
            b.values()[i] *= scale;
        }
        return new RgbPlanes(r, g, b);
    }

    Plane luminance() {
        Plane out = new Plane(width(), height());
        for (int i = 0; i < out.values().length; i++)
            out.values()[i] = 0.299f * r.values()[i] + 0.587f * g.values()[i] + 0.114f * b.values()[i];
        return out;
    }
}
