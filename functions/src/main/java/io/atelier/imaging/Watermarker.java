package io.atelier.imaging;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Locale;

/**
 * Draws white, anti-aliased text with a dark outline and soft shadow, so it reads on light and dark
 * images alike. The mark is drawn fully opaque into its own layer and then blended with the opacity
 * once; blending each stroke separately would let the outline show through the letters.
 */
final class Watermarker {

    static final int MAX_TEXT_LENGTH = 200;
    static final int MAX_FONT_SIZE = 2000;

    private static final int MIN_AUTO_FONT_SIZE = 12;
    private static final double AUTO_FONT_SHARE = 0.04;
    private static final double MARGIN_SHARE = 0.03;
    private static final Color OUTLINE = new Color(0, 0, 0, 170);
    private static final Color SHADOW = new Color(0, 0, 0, 90);
    private static final FontRenderContext ANTIALIASED = new FontRenderContext(null, true, true);

    enum Position {
        TOP_LEFT,
        TOP_RIGHT,
        BOTTOM_LEFT,
        BOTTOM_RIGHT,
        CENTER;

        static Position parse(String name) {
            if (name == null || name.isBlank()) {
                return BOTTOM_RIGHT;
            }
            String wanted = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            for (Position position : values()) {
                if (position.label().equals(wanted)) {
                    return position;
                }
            }
            throw new InvalidInputException("Unknown watermark position '" + name + "'; use one of "
                    + Arrays.stream(values()).map(Position::label).toList() + ".");
        }

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private Watermarker() {}

    static BufferedImage draw(BufferedImage src, String text, Position position, float opacity, Integer fontSize) {
        BufferedImage result = Pixels.copy(src);
        int width = result.getWidth();
        int height = result.getHeight();
        int shorterSide = Math.min(width, height);
        int margin = (int) Math.round(shorterSide * MARGIN_SHARE);

        int requested = fontSize != null
                ? fontSize
                : Math.max(MIN_AUTO_FONT_SIZE, (int) Math.round(shorterSide * AUTO_FONT_SHARE));
        int size = fittedFontSize(text, requested, width - 2 * margin, height - 2 * margin);
        TextLayout layout = layout(text, size);
        float outline = Math.max(1f, size / 14f);
        int pad = markPad(size);
        Rectangle2D glyphBounds = layout.getBounds();
        int markWidth = (int) Math.ceil(glyphBounds.getWidth()) + 2 * pad;
        int markHeight = (int) Math.ceil(glyphBounds.getHeight()) + 2 * pad;

        Rectangle mark = place(position, markWidth, markHeight, width, height, margin);
        // The layer covers only the visible part of the mark, so oversized text cannot exhaust memory.
        Rectangle visible = mark.intersection(new Rectangle(width, height));
        if (visible.isEmpty() || opacity == 0f) {
            return result;
        }
        Shape glyphs = layout.getOutline(AffineTransform.getTranslateInstance(
                mark.x - visible.x + pad - glyphBounds.getX(), mark.y - visible.y + pad - glyphBounds.getY()));
        BufferedImage layer = paintMark(glyphs, outline, visible.width, visible.height);

        Graphics2D g = result.createGraphics();
        try {
            g.setComposite(AlphaComposite.SrcOver.derive(opacity));
            g.drawImage(layer, visible.x, visible.y, null);
        } finally {
            g.dispose();
        }
        return result;
    }

    private static Rectangle place(
            Position position, int markWidth, int markHeight, int width, int height, int margin) {
        int left = switch (position) {
            case TOP_LEFT, BOTTOM_LEFT -> margin;
            case TOP_RIGHT, BOTTOM_RIGHT -> width - margin - markWidth;
            case CENTER -> (width - markWidth) / 2;
        };
        int top = switch (position) {
            case TOP_LEFT, TOP_RIGHT -> margin;
            case BOTTOM_LEFT, BOTTOM_RIGHT -> height - margin - markHeight;
            case CENTER -> (height - markHeight) / 2;
        };
        return new Rectangle(left, top, markWidth, markHeight);
    }

    private static BufferedImage paintMark(Shape glyphs, float outline, int width, int height) {
        BufferedImage layer = Pixels.newImage(width, height, true);
        Graphics2D g = layer.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            BasicStroke stroke = new BasicStroke(outline * 2, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
            g.setColor(SHADOW);
            g.fill(stroke.createStrokedShape(
                    AffineTransform.getTranslateInstance(outline, outline).createTransformedShape(glyphs)));
            g.setColor(OUTLINE);
            g.setStroke(stroke);
            g.draw(glyphs);
            g.setColor(Color.WHITE);
            g.fill(glyphs);
        } finally {
            g.dispose();
        }
        return layer;
    }

    /**
     * The requested size (automatic or the user's), shrunk until the whole mark, outline and shadow included, fits
     * inside the margins: text is never pushed off the image.
     */
    private static int fittedFontSize(String text, int size, int availableWidth, int availableHeight) {
        int fitted = size;
        while (fitted > 1) {
            Rectangle2D bounds = layout(text, fitted).getBounds();
            int pad = 2 * markPad(fitted);
            double scale =
                    Math.min(availableWidth / (bounds.getWidth() + pad), availableHeight / (bounds.getHeight() + pad));
            if (scale >= 1 || availableWidth <= 0 || availableHeight <= 0) break;
            fitted = Math.max(1, Math.min(fitted - 1, (int) Math.floor(fitted * scale)));
        }
        return fitted;
    }

    /** Room around the glyphs for the outline (half the stroke) plus the shadow's offset. */
    private static int markPad(int size) {
        return (int) Math.ceil(Math.max(1f, size / 14f) * 2) + 1;
    }

    /** The characters of {@code text} the watermark font has no glyph for (it covers Latin, Greek and Cyrillic). */
    static String undrawable(String text) {
        StringBuilder missing = new StringBuilder();
        text.codePoints()
                .filter(c -> !Character.isWhitespace(c) && !WatermarkFont.canDraw(c))
                .distinct()
                .forEach(missing::appendCodePoint);
        return missing.toString();
    }

    private static TextLayout layout(String text, int fontSize) {
        return new TextLayout(text, WatermarkFont.ofSize(fontSize), ANTIALIASED);
    }
}
