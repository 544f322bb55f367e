package io.atelier.presets;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a marketplace demands of an image; null means "no rule". Fill is the product's extent along its tighter axis
 * (the larger of its width and height shares of the frame).
 *
 * @param background required border colour as 0xRRGGBB
 * @param aspect     width / height
 */
public record Rules(
        Integer background,
        Double minFill,
        Double maxFill,
        Integer minLongSide,
        Integer width,
        Integer height,
        Double aspect,
        String format,
        Long maxBytes,
        boolean srgb) {

    /** What `checks: true` applies to any job: only the colour space. */
    public static Rules basic() {
        return new Rules(null, null, null, null, null, null, null, null, null, true);
    }

    /** The rules as GET /presets shows them. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (background != null) out.put("background", String.format("#%06x", background));
        if (minFill != null) out.put("minFill", minFill);
        if (maxFill != null) out.put("maxFill", maxFill);
        if (minLongSide != null) out.put("minLongSide", minLongSide);
        if (width != null) out.put("width", width);
        if (height != null) out.put("height", height);
        if (aspect != null) out.put("aspect", aspect);
        if (format != null) out.put("format", format);
        if (maxBytes != null) out.put("maxBytes", maxBytes);
        if (srgb) out.put("colourSpace", "sRGB");
        return out;
    }
}
