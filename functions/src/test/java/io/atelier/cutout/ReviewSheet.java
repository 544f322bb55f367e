package io.atelier.cutout;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/** A sheet for human eyes: the photo, then the raw and refined cut-outs over white and over a saturated colour. */
final class ReviewSheet {
    private ReviewSheet() {}

    static void write(File file, PixelImage photo, PixelImage raw, PixelImage refined) throws IOException {
        int w = photo.width();
        int h = photo.height();
        BufferedImage sheet = new BufferedImage(w * 3, h * 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.drawImage(photo.toBufferedImage(), 0, 0, null);
        g.setColor(Color.WHITE);
        g.fillRect(w, 0, w * 2, h);
        g.setColor(new Color(20, 120, 70));
        g.fillRect(w, h, w * 2, h);
        g.setColor(Color.BLACK);
        g.fillRect(0, h, w, h);
        g.drawImage(raw.toBufferedImage(), w, 0, null);
        g.drawImage(refined.toBufferedImage(), 2 * w, 0, null);
        g.drawImage(raw.toBufferedImage(), w, h, null);
        g.drawImage(refined.toBufferedImage(), 2 * w, h, null);
        g.setColor(Color.RED);
        g.drawString("photo | raw model | refined  (top: on white, bottom: on green)", 10, h + 20);
        g.dispose();
        ImageIO.write(sheet, "png", file);
    }
}
