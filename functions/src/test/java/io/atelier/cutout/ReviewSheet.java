package io.atelier.cutout;

import io.atelier.studio.Backdrop;
import io.atelier.studio.Compositor;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/** A sheet for human eyes: the photo, then the raw and refined cut-outs over white and over a saturated colour. */
final class ReviewSheet {
    private ReviewSheet() {}

    /** name-before.png (the raw model's matte) and name-after.png (refined, with a contact shadow), each on white | teal. */
    static void beforeAfter(File dir, String name, PixelImage raw, PixelImage refined) throws IOException {
        ImageIO.write(pair(raw, 0), "png", new File(dir, name + "-before.png"));
        ImageIO.write(pair(refined, 0.35), "png", new File(dir, name + "-after.png"));
    }

    private static BufferedImage pair(PixelImage cutout, double shadow) {
        int w = cutout.width();
        BufferedImage out = new BufferedImage(2 * w, cutout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(
                Compositor.place(cutout, new Backdrop.Plain(Color.WHITE), shadow)
                        .toBufferedImage(),
                0,
                0,
                null);
        g.drawImage(
                Compositor.place(cutout, new Backdrop.Gradient(new Color(0, 128, 128), new Color(0, 70, 90)), shadow)
                        .toBufferedImage(),
                w,
                0,
                null);
        g.dispose();
        return out;
    }

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
