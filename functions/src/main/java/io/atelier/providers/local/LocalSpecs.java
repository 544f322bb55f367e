package io.atelier.providers.local;

import static io.atelier.providers.spec.ParamSpec.bool;
import static io.atelier.providers.spec.ParamSpec.choice;
import static io.atelier.providers.spec.ParamSpec.color;
import static io.atelier.providers.spec.ParamSpec.integer;
import static io.atelier.providers.spec.ParamSpec.number;
import static io.atelier.providers.spec.ParamSpec.text;

import io.atelier.imaging.ImageInspector;
import io.atelier.providers.spec.OperationSpec;
import io.atelier.providers.spec.ParamSpec;
import io.atelier.providers.spec.Prompt;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local provider's operations and their parameters, declared once (checked at submit and at run time, published by
 * {@code GET /providers}). A new operation is one more {@code put}.
 */
final class LocalSpecs {
    static final List<String> POSITIONS = List.of("bottom-right", "bottom-left", "top-right", "top-left", "center");
    /** Every pixel operation writes its result in this format and quality. */
    private static final List<ParamSpec> OUTPUT = List.of(
            choice("format", List.of("png", "jpeg", "jpg", "webp", "avif"))
                    .describe("Output format; default: the input's own"),
            integer("quality", 1, 100).defaultValue(90).describe("JPEG quality"));

    static final Map<String, OperationSpec> ALL = java.util.Collections.unmodifiableMap(all());

    private LocalSpecs() {}

    private static Map<String, OperationSpec> all() {
        int side = ImageInspector.MAX_SIDE;
        Map<String, OperationSpec> specs = new LinkedHashMap<>();
        specs.put(
                "upscale",
                OperationSpec.of(
                                Prompt.UNUSED,
                                integer("factor", 2, 4)
                                        .oneOf(2, 4)
                                        .defaultValue(2)
                                        .describe("Enlargement factor"))
                        .plus(OUTPUT));
        specs.put(
                "resize",
                OperationSpec.of(
                                Prompt.UNUSED,
                                integer("width", 1, side)
                                        .unit("px")
                                        .describe("Target width; alone, the height follows the aspect ratio"),
                                integer("height", 1, side)
                                        .unit("px")
                                        .describe("Target height; alone, the width follows the aspect ratio"),
                                choice("fit", List.of("contain", "cover", "fill"))
                                        .defaultValue("contain")
                                        .describe("With both sides: contain pads, cover crops, fill stretches"),
                                color("background")
                                        .describe(
                                                "Padding colour for contain; none is transparent; default: transparent for images with alpha, else white"))
                        .plus(OUTPUT)
                        .needsOneOf("width", "height"));
        specs.put("convert", OperationSpec.of(Prompt.UNUSED).plus(OUTPUT));
        specs.put(
                "watermark",
                OperationSpec.of(
                                Prompt.UNUSED,
                                text("text", 1, 200).mandatory().describe("The watermark's text"),
                                choice("position", POSITIONS).defaultValue("bottom-right"),
                                number("opacity", 0, 1).defaultValue(0.5),
                                integer("fontSize", 6, 2000).unit("px").describe("Default: 4% of the shorter side"))
                        .plus(OUTPUT));
        specs.put(
                "adjust",
                OperationSpec.of(
                                Prompt.UNUSED,
                                number("brightness", 0, 3).defaultValue(1).describe("1 keeps it as it is"),
                                number("contrast", 0, 3).defaultValue(1).describe("1 keeps it as it is"),
                                number("saturation", 0, 3).defaultValue(1).describe("1 keeps it as it is"))
                        .plus(OUTPUT));
        specs.put("remove-background", OperationSpec.of(Prompt.UNUSED).plus(OUTPUT));
        specs.put(
                "replace-background",
                OperationSpec.of(
                                Prompt.UNUSED,
                                color("background")
                                        .describe(
                                                "The new background's colour (default white), or a gradient's first colour"),
                                color("gradientTo").describe("A vertical gradient from background to this colour"),
                                bool("shadow").describe("A soft contact shadow under the product"),
                                number("shadowOpacity", 0, 1).defaultValue(0.35),
                                text("backdropImageId", 1, 40).describe("One of your READY images as the backdrop"))
                        .plus(OUTPUT));
        int frameSide = 12_000; // a framed canvas is built in Java pixels: 144 MP at most
        specs.put(
                "frame",
                OperationSpec.of(
                                Prompt.UNUSED,
                                bool("trim")
                                        .describe(
                                                "Trim to the product first (from its alpha, or the border colour of a shot on white); default true"),
                                integer("tolerance", 1, 128)
                                        .describe("How far from the border colour still counts as background"),
                                number("margin", 0, 45)
                                        .defaultValue(5)
                                        .unit("%")
                                        .describe("Space around the product, per side"),
                                integer("width", 1, frameSide).unit("px").describe("Frame width"),
                                integer("height", 1, frameSide).unit("px").describe("Frame height"),
                                text("aspect", 3, 7).describe("Aspect ratio such as 16:9 when no exact size is given"),
                                integer("minLongSide", 1, frameSide)
                                        .unit("px")
                                        .describe("Scale up so the long side is at least this"),
                                color("background").describe("Frame colour; none keeps transparency; default white"))
                        .plus(OUTPUT));
        return specs;
    }
}
