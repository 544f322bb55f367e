package io.atelier.presets;

import io.atelier.model.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The marketplace presets users pick instead of numbers. Each expands to a workflow: the product cut out, then
 * framed and encoded by the frame step, whose result is checked against the preset's rules.
 */
public final class Presets {
    public static final String CUSTOM = "custom";
    private static final int WHITE = 0xFFFFFF;
    private static final long MB = 1024L * 1024;
    private static final Map<String, Preset> ALL = new LinkedHashMap<>();

    static {
        add(new Preset(
                "amazon-main",
                "Amazon main image",
                "Pure white background (255,255,255), the product filling at least 85% of the frame, at least 1,600 px on the"
                        + " long side so zoom works, JPEG in sRGB.",
                frame(2000, 2000, "#ffffff", 5, 90),
                new Rules(WHITE, 0.85, null, 1600, null, null, 1.0, "jpeg", 10 * MB, true)));
        add(new Preset(
                "shopify-square",
                "Shopify square",
                "2048 × 2048 square on white, the product filling about 85%, JPEG: consistent tiles in Shopify themes.",
                frame(2048, 2048, "#ffffff", 7.5, 88),
                new Rules(WHITE, 0.80, null, 2048, 2048, 2048, 1.0, "jpeg", 20 * MB, true)));
        add(new Preset(
                "etsy",
                "Etsy listing",
                "4:3 landscape, 2000 px wide, on white with room around the product (Etsy crops thumbnails), JPEG under 1 MB.",
                frame(2000, 1500, "#ffffff", 10, 85),
                new Rules(WHITE, 0.70, null, 2000, 2000, 1500, 4.0 / 3, "jpeg", MB, true)));
        add(new Preset(
                "ebay",
                "eBay",
                "1600 × 1600 on white, the product filling about 90%, JPEG (eBay wants at least 500 px; 1600 enables zoom).",
                frame(1600, 1600, "#ffffff", 5, 90),
                new Rules(WHITE, 0.80, null, 1600, 1600, 1600, 1.0, "jpeg", 12 * MB, true)));
        add(new Preset(
                "google-shopping",
                "Google Shopping",
                "1500 × 1500 on white, the product taking 75% to 90% of the image, JPEG under 16 MB.",
                frame(1500, 1500, "#ffffff", 7, 90),
                new Rules(WHITE, 0.75, 0.90, 1500, 1500, 1500, 1.0, "jpeg", 16 * MB, true)));
        add(new Preset(
                "fashion-3x4",
                "Fashion 3:4 portrait",
                "1500 × 2000 portrait on light grey (#f2f2f2), the garment filling about 88% of the height, JPEG.",
                frame(1500, 2000, "#f2f2f2", 6, 90),
                new Rules(0xF2F2F2, 0.80, null, 2000, 1500, 2000, 0.75, "jpeg", 10 * MB, true)));
        add(new Preset(
                CUSTOM,
                "Custom",
                "Your own frame: give the frame operation's params (margin, width, height, aspect, background, format, quality)."
                        + " Checked for colour space only.",
                Map.of(),
                Rules.basic()));
    }

    private Presets() {}

    public static List<Preset> all() {
        return List.copyOf(ALL.values());
    }

    public static Optional<Preset> find(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    /** The rules a `checks` value names: a preset's, or the basic ones for `true`; empty for none. */
    public static Optional<Rules> rulesFor(Object checks) {
        if (Boolean.TRUE.equals(checks)) return Optional.of(Rules.basic());
        return checks instanceof String name ? find(name).map(Preset::rules) : Optional.empty();
    }

    /** The workflow a preset stands for; custom takes the caller's params for its frame step. */
    public static List<Step> steps(Preset preset, Map<String, Object> params) {
        Map<String, Object> frame = new HashMap<>(preset.frame());
        if (CUSTOM.equals(preset.name())) frame.putAll(params);
        frame.put("checks", preset.name());
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("remove-background", "local", null, null, Map.of()));
        steps.add(new Step("frame", "local", null, null, frame));
        return steps;
    }

    private static Map<String, Object> frame(int width, int height, String background, double margin, int quality) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("width", width);
        out.put("height", height);
        out.put("background", background);
        out.put("margin", margin);
        out.put("format", "jpeg");
        out.put("quality", quality);
        return out;
    }

    private static void add(Preset preset) {
        ALL.put(preset.name(), preset);
    }
}
