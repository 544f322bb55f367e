package io.atelier.cutout;

/**
 * Removes small specks of foreground (dust, reflections the model half-liked) and fills small holes in the product,
 * leaving real holes (a mug's handle) alone: both are judged by area against the image.
 */
final class MatteCleaner {
    private MatteCleaner() {}

    /** @param maxFraction specks and holes up to this fraction of the image's area are cleaned */
    static void clean(Plane matte, double maxFraction) {
        int w = matte.width();
        int h = matte.height();
        float[] a = matte.values();
        int limit = (int) Math.max(4, maxFraction * w * h);
        int[] label = new int[w * h];
        int[] queue = new int[w * h];
        int next = 1;
        for (int start = 0; start < a.length; start++) {
            if (label[start] != 0) continue;
            boolean foreground = a[start] >= 0.5f;
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            label[start] = next;
            boolean touchesBorder = false;
            while (head < tail) {
                int i = queue[head++];
                int x = i % w;
                int y = i / w;
                if (x == 0 || y == 0 || x == w - 1 || y == h - 1) touchesBorder = true;
                if (x > 0) tail = visit(i - 1, foreground, a, label, queue, tail, next);
                if (x < w - 1) tail = visit(i + 1, foreground, a, label, queue, tail, next);
                if (y > 0) tail = visit(i - w, foreground, a, label, queue, tail, next);
                if (y < h - 1) tail = visit(i + w, foreground, a, label, queue, tail, next);
            }
            // A speck of foreground anywhere, or a hole of background enclosed by the product.
            boolean small = tail <= limit && (foreground || !touchesBorder);
            if (small) for (int k = 0; k < tail; k++) a[queue[k]] = foreground ? 0f : 1f;
            next++;
        }
    }

    private static int visit(int j, boolean foreground, float[] a, int[] label, int[] queue, int tail, int id) {
        if (label[j] == 0 && (a[j] >= 0.5f) == foreground) {
            label[j] = id;
            queue[tail++] = j;
        }
        return tail;
    }
}
