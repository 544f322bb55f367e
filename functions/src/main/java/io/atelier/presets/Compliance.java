package io.atelier.presets;

import io.atelier.cutout.PixelImage;
import io.atelier.imaging.ImageCodec;
import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageRejectedException;
import io.atelier.studio.ProductBounds;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/** Checks an encoded result against a marketplace's rules, the way its listing checks would see the file. */
public final class Compliance {
    /** A border pixel counts as background within this much per channel (JPEG leaves flat white exact; edges wobble). */
    private static final int PURITY_TOLERANCE = 2;

    private static final double MIN_PURE_SHARE = 0.99;
    private static final double ASPECT_TOLERANCE = 0.01;

    private Compliance() {}

    public static List<Check> check(byte[] bytes, ImageFormat format, Rules rules) {
        List<Check> checks = new ArrayList<>();
        PixelImage image;
        try {
            image = PixelImage.of(ImageCodec.decode(bytes));
        } catch (ImageRejectedException e) {
            checks.add(new Check("decodable", false, e.getMessage(), "a readable image"));
            return checks;
        }
        int w = image.width();
        int h = image.height();
        if (rules.background() != null) {
            double pure = pureBorderShare(image, rules.background());
            checks.add(new Check(
                    "background",
                    pure >= MIN_PURE_SHARE,
                    round(pure),
                    ">= " + MIN_PURE_SHARE + " of the border is " + String.format("#%06x", rules.background())));
            Rectangle product = ProductBounds.fromBorderColourOf(image, rules.background());
            double fill = Math.max((double) product.width / w, (double) product.height / h);
            if (rules.minFill() != null)
                checks.add(new Check("minFill", fill >= rules.minFill(), round(fill), ">= " + rules.minFill()));
            if (rules.maxFill() != null)
                checks.add(new Check("maxFill", fill <= rules.maxFill(), round(fill), "<= " + rules.maxFill()));
        }
        if (rules.minLongSide() != null)
            checks.add(new Check(
                    "longSide", Math.max(w, h) >= rules.minLongSide(), Math.max(w, h), ">= " + rules.minLongSide()));
        if (rules.width() != null && rules.height() != null)
            checks.add(new Check(
                    "size",
                    w == rules.width() && h == rules.height(),
                    w + "x" + h,
                    rules.width() + "x" + rules.height()));
        if (rules.aspect() != null) {
            double aspect = (double) w / h;
            checks.add(new Check(
                    "aspect",
                    Math.abs(aspect / rules.aspect() - 1) <= ASPECT_TOLERANCE,
                    round(aspect),
                    round(rules.aspect())));
        }
        if (rules.format() != null) {
            String actual = format.name().toLowerCase(java.util.Locale.ROOT);
            checks.add(new Check("format", actual.equals(rules.format()), actual, rules.format()));
        }
        if (rules.maxBytes() != null)
            checks.add(new Check(
                    "bytes", bytes.length <= rules.maxBytes(), (long) bytes.length, "<= " + rules.maxBytes()));
        if (rules.srgb()) {
            String space = ColourProfiles.describe(bytes, format);
            checks.add(new Check("colourSpace", space.startsWith("sRGB"), space, "sRGB"));
        }
        return checks;
    }

    /** The share of the outer ring (1% of the short side, at least 2 px) within tolerance of the colour. */
    static double pureBorderShare(PixelImage image, int rgb) {
        int w = image.width();
        int h = image.height();
        int ring = Math.max(2, Math.min(w, h) / 100);
        long pure = 0;
        long total = 0;
        for (int y = 0; y < h; y++) {
            boolean edgeRow = y < ring || y >= h - ring;
            for (int x = 0; x < w; x++) {
                if (!edgeRow && x >= ring && x < w - ring) {
                    x = w - ring - 1;
                    continue;
                }
                total++;
                if (ProductBounds.distance(image.argb()[y * w + x], rgb) <= PURITY_TOLERANCE) pure++;
            }
        }
        return total == 0 ? 0 : (double) pure / total;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
