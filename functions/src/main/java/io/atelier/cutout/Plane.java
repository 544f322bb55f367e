package io.atelier.cutout;

/** One float channel of an image (an alpha matte, a luminance guide, a colour channel). */
public record Plane(int width, int height, float[] values) {

    Plane(int width, int height) {
        this(width, height, new float[width * height]);
    }

    float at(int x, int y) {
        return values[y * width + x];
    }

    /** Bilinear sample at the centre of pixel (x, y) of a width × height grid laid over this plane. */
    float sample(int x, int y, int gridWidth, int gridHeight) {
        float sx = (x + 0.5f) * width / gridWidth - 0.5f;
        float sy = (y + 0.5f) * height / gridHeight - 0.5f;
        return bilinear(sx, sy);
    }

    float bilinear(float sx, float sy) {
        sx = Math.max(0, Math.min(width - 1, sx));
        sy = Math.max(0, Math.min(height - 1, sy));
        int x0 = (int) sx;
        int y0 = (int) sy;
        int x1 = Math.min(width - 1, x0 + 1);
        int y1 = Math.min(height - 1, y0 + 1);
        float fx = sx - x0;
        float fy = sy - y0;
        float top = values[y0 * width + x0] * (1 - fx) + values[y0 * width + x1] * fx;
        float bottom = values[y1 * width + x0] * (1 - fx) + values[y1 * width + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    /** This plane resampled to another size, bilinearly. */
    Plane resized(int w, int h) {
        Plane out = new Plane(w, h);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) out.values[y * w + x] = sample(x, y, w, h);
        return out;
    }

    /** The mean over a (2r+1)² window clamped to the plane, in O(pixels) whatever the radius. */
    Plane boxBlur(int r) {
        float[] rows = new float[values.length];
        double[] prefix = new double[Math.max(width, height) + 1];
        for (int y = 0; y < height; y++) {
            int base = y * width;
            for (int x = 0; x < width; x++) prefix[x + 1] = prefix[x] + values[base + x];
            for (int x = 0; x < width; x++) {
                int lo = Math.max(0, x - r);
                int hi = Math.min(width - 1, x + r);
                rows[base + x] = (float) ((prefix[hi + 1] - prefix[lo]) / (hi - lo + 1));
            }
        }
        float[] out = new float[values.length];
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) prefix[y + 1] = prefix[y] + rows[y * width + x];
            for (int y = 0; y < height; y++) {
                int lo = Math.max(0, y - r);
                int hi = Math.min(height - 1, y + r);
                out[y * width + x] = (float) ((prefix[hi + 1] - prefix[lo]) / (hi - lo + 1));
            }
        }
        return new Plane(width, height, out);
    }
}
