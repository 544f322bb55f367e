package io.atelier.imaging.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;

/**
 * vips_thumbnail's steps for 16-bit inputs, which vips_thumbnail itself would reduce to 8 bits: upright, colour-managed
 * to sRGB at 16 bits, then scaled into the same box with the same size and crop rules. Only 16-bit PNGs come here, and
 * PNG has no shrink-on-load to lose.
 */
final class SixteenBitLoader {
    private SixteenBitLoader() {}

    static MemorySegment load(VipsScope scope, MemorySegment header, int boxWidth, Map<String, Object> options) {
        MemorySegment image = scope.op("vips_autorot", header, Map.of());
        if (options.containsKey("export_profile")) {
            image = scope.op(
                    "vips_icc_transform",
                    image,
                    List.of(ADDRESS),
                    List.of(options.get("export_profile")),
                    Map.of("embedded", 1, "depth", 16));
        }
        int width = scope.get("vips_image_get_width", image);
        int height = scope.get("vips_image_get_height", image);
        int boxHeight = (int) options.get("height");
        double horizontal = (double) boxWidth / width;
        double vertical = (double) boxHeight / height;
        Object size = options.get("size");
        if (Integer.valueOf(VipsEnums.SIZE_FORCE).equals(size)) return resize(scope, image, horizontal, vertical);
        if (options.containsKey("crop")) {
            double scale = Math.max(horizontal, vertical);
            MemorySegment scaled = resize(scope, image, scale, scale);
            int scaledWidth = scope.get("vips_image_get_width", scaled);
            int scaledHeight = scope.get("vips_image_get_height", scaled);
            int cropWidth = Math.min(boxWidth, scaledWidth);
            int cropHeight = Math.min(boxHeight, scaledHeight);
            return scope.op(
                    "vips_extract_area",
                    scaled,
                    List.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
                    List.of((scaledWidth - cropWidth) / 2, (scaledHeight - cropHeight) / 2, cropWidth, cropHeight),
                    Map.of());
        }
        double scale = Math.min(horizontal, vertical);
        if (Integer.valueOf(VipsEnums.SIZE_DOWN).equals(size)) scale = Math.min(scale, 1);
        return resize(scope, image, scale, scale);
    }

    private static MemorySegment resize(VipsScope scope, MemorySegment image, double horizontal, double vertical) {
        if (horizontal == 1 && vertical == 1) return image;
        return scope.op("vips_resize", image, List.of(JAVA_DOUBLE), List.of(horizontal), Map.of("vscale", vertical));
    }
}
