package io.atelier.imaging;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The watermark typeface, shipped in the jar (DejaVu Sans Bold) so text renders the same everywhere: Lambda's
 * runtime image has no system fonts to resolve the JDK's logical "SansSerif" against. The JDK's logical font is
 * only the fallback should the bundled file be missing.
 */
final class WatermarkFont {
    private static final String RESOURCE = "/fonts/DejaVuSans-Bold.ttf";
    private static final Font BASE = load();

    private WatermarkFont() {}

    static Font ofSize(int size) {
        return BASE.deriveFont((float) size);
    }

    static boolean canDraw(int codePoint) {
        return BASE.canDisplay(codePoint);
    }

    private static Font load() {
        try (InputStream in = WatermarkFont.class.getResourceAsStream(RESOURCE)) {
            if (in != null) return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException | FontFormatException e) {
            // fall through to the logical font
        }
        return new Font(Font.SANS_SERIF, Font.BOLD, 12);
    }
}
