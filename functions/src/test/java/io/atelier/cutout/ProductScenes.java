package io.atelier.cutout;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A generated test set of product shots whose true matte is known: shapes rendered anti-aliased with Java2D, shaded,
 * over studio backgrounds (gradient sweep, vignette, soft floor shadow, sensor noise). Includes white-on-white,
 * a semi-transparent glass, thin parts (stems, a wire, a bridge) and a real hole (a mug's handle).
 */
public final class ProductScenes {

    /** A photo with its true alpha (0..1 per pixel). */
    public record Scene(String name, PixelImage photo, float[] truth) {}

    private record Part(Shape shape, java.awt.Paint paint, float opacity) {}

    private ProductScenes() {}

    public static List<String> names() {
        return List.of(
                "bottle",
                "mug",
                "white-box-on-white",
                "wine-glass",
                "headphones",
                "sneaker",
                "plant",
                "sunglasses",
                "watch",
                "desk-lamp");
    }

    public static List<Scene> all(int width, int height) {
        List<Scene> scenes = new ArrayList<>();
        for (int i = 0; i < names().size(); i++) scenes.add(scene(names().get(i), width, height, 1000 + i));
        return scenes;
    }

    public static Scene scene(String name, int width, int height, long seed) {
        List<Part> parts = new ArrayList<>();
        double s = Math.min(width, height) / 600.0;
        double cx = width / 2.0;
        double cy = height / 2.0;
        Color backgroundTop = new Color(232, 232, 236);
        Color backgroundBottom = new Color(250, 250, 250);
        switch (name) {
            case "bottle" -> {
                Area body = new Area(
                        new RoundRectangle2D.Double(cx - 70 * s, cy - 120 * s, 140 * s, 300 * s, 50 * s, 50 * s));
                body.add(new Area(
                        new RoundRectangle2D.Double(cx - 28 * s, cy - 210 * s, 56 * s, 110 * s, 20 * s, 20 * s)));
                parts.add(new Part(body, shade(cx, 70 * s, new Color(170, 30, 40)), 1));
                parts.add(new Part(
                        new RoundRectangle2D.Double(cx - 32 * s, cy - 240 * s, 64 * s, 40 * s, 8 * s, 8 * s),
                        shade(cx, 32 * s, new Color(220, 200, 120)),
                        1));
                parts.add(new Part(
                        new Rectangle2D.Double(cx - 70 * s, cy - 20 * s, 140 * s, 90 * s),
                        shade(cx, 70 * s, new Color(240, 236, 220)),
                        1));
            }
            case "mug" -> {
                Area mug = new Area(
                        new RoundRectangle2D.Double(cx - 110 * s, cy - 110 * s, 200 * s, 230 * s, 30 * s, 30 * s));
                Area handle = new Area(new Ellipse2D.Double(cx + 40 * s, cy - 70 * s, 130 * s, 140 * s));
                handle.subtract(new Area(new Ellipse2D.Double(cx + 75 * s, cy - 40 * s, 65 * s, 80 * s)));
                mug.add(handle);
                parts.add(new Part(mug, shade(cx - 10 * s, 140 * s, new Color(60, 110, 170)), 1));
                backgroundTop = new Color(205, 205, 210);
                backgroundBottom = new Color(228, 228, 230);
            }
            case "white-box-on-white" -> {
                Path2D box = new Path2D.Double();
                box.moveTo(cx - 150 * s, cy - 60 * s);
                box.lineTo(cx - 40 * s, cy - 130 * s);
                box.lineTo(cx + 160 * s, cy - 100 * s);
                box.lineTo(cx + 160 * s, cy + 110 * s);
                box.lineTo(cx + 40 * s, cy + 170 * s);
                box.lineTo(cx - 150 * s, cy + 130 * s);
                box.closePath();
                parts.add(new Part(
                        box,
                        new GradientPaint(
                                (float) (cx - 150 * s),
                                0,
                                new Color(246, 246, 244),
                                (float) (cx + 160 * s),
                                0,
                                new Color(222, 224, 226)),
                        1));
                parts.add(new Part(
                        new Rectangle2D.Double(cx - 60 * s, cy - 10 * s, 120 * s, 60 * s), new Color(40, 90, 160), 1));
                backgroundTop = new Color(246, 246, 246);
                backgroundBottom = new Color(255, 255, 255);
            }
            case "wine-glass" -> {
                Area bowl = new Area(new Ellipse2D.Double(cx - 90 * s, cy - 230 * s, 180 * s, 200 * s));
                bowl.subtract(new Area(new Rectangle2D.Double(cx - 100 * s, cy - 240 * s, 200 * s, 40 * s)));
                parts.add(new Part(bowl, new Color(200, 220, 225), 0.35f));
                parts.add(new Part(
                        new Rectangle2D.Double(cx - 86 * s, cy - 204 * s, 172 * s, 6 * s),
                        new Color(190, 210, 215),
                        0.9f));
                parts.add(new Part(
                        new Rectangle2D.Double(cx - 4 * s, cy - 35 * s, 8 * s, 200 * s),
                        new Color(185, 205, 210),
                        0.8f));
                parts.add(new Part(
                        new Ellipse2D.Double(cx - 70 * s, cy + 155 * s, 140 * s, 26 * s),
                        new Color(185, 205, 210),
                        0.7f));
                parts.add(new Part(
                        new Ellipse2D.Double(cx - 80 * s, cy - 120 * s, 160 * s, 80 * s),
                        new Color(120, 20, 40),
                        0.92f));
            }
            case "headphones" -> {
                Area band = new Area(new Arc2D.Double(cx - 150 * s, cy - 200 * s, 300 * s, 320 * s, 0, 180, Arc2D.PIE));
                band.subtract(
                        new Area(new Arc2D.Double(cx - 130 * s, cy - 180 * s, 260 * s, 300 * s, 0, 180, Arc2D.PIE)));
                parts.add(new Part(band, new Color(30, 30, 34), 1));
                parts.add(new Part(
                        new RoundRectangle2D.Double(cx - 175 * s, cy - 40 * s, 70 * s, 140 * s, 30 * s, 30 * s),
                        shade(cx - 140 * s, 35 * s, new Color(45, 45, 50)),
                        1));
                parts.add(new Part(
                        new RoundRectangle2D.Double(cx + 105 * s, cy - 40 * s, 70 * s, 140 * s, 30 * s, 30 * s),
                        shade(cx + 140 * s, 35 * s, new Color(45, 45, 50)),
                        1));
            }
            case "sneaker" -> {
                Path2D shoe = new Path2D.Double();
                shoe.moveTo(cx - 220 * s, cy + 80 * s);
                shoe.curveTo(cx - 230 * s, cy - 10 * s, cx - 160 * s, cy - 30 * s, cx - 90 * s, cy - 40 * s);
                shoe.lineTo(cx - 40 * s, cy - 130 * s);
                shoe.lineTo(cx + 60 * s, cy - 120 * s);
                shoe.curveTo(cx + 110 * s, cy - 40 * s, cx + 200 * s, cy, cx + 230 * s, cy + 60 * s);
                shoe.lineTo(cx + 230 * s, cy + 110 * s);
                shoe.lineTo(cx - 220 * s, cy + 110 * s);
                shoe.closePath();
                parts.add(new Part(
                        shoe,
                        new GradientPaint(
                                (float) cx,
                                (float) (cy - 130 * s),
                                new Color(235, 120, 40),
                                (float) cx,
                                (float) (cy + 110 * s),
                                new Color(180, 70, 20)),
                        1));
                parts.add(new Part(
                        new Rectangle2D.Double(cx - 225 * s, cy + 85 * s, 458 * s, 25 * s),
                        new Color(245, 245, 240),
                        1));
                backgroundTop = new Color(215, 225, 235);
                backgroundBottom = new Color(240, 244, 248);
            }
            case "plant" -> {
                parts.add(new Part(
                        new Rectangle2D.Double(cx - 70 * s, cy + 60 * s, 140 * s, 150 * s),
                        shade(cx, 70 * s, new Color(190, 100, 60)),
                        1));
                Random leaves = new Random(7);
                Area stems = new Area();
                for (int i = 0; i < 7; i++) {
                    double angle = -Math.PI / 2 + (i - 3) * 0.28;
                    double len = (170 + leaves.nextInt(60)) * s;
                    double ex = cx + Math.cos(angle) * len;
                    double ey = cy + 60 * s + Math.sin(angle) * len;
                    stems.add(new Area(new BasicStroke((float) (3 * s))
                            .createStrokedShape(new java.awt.geom.Line2D.Double(cx, cy + 60 * s, ex, ey))));
                    Shape leaf = AffineTransform.getRotateInstance(angle, ex, ey)
                            .createTransformedShape(new Ellipse2D.Double(ex - 30 * s, ey - 12 * s, 60 * s, 24 * s));
                    stems.add(new Area(leaf));
                }
                parts.add(new Part(stems, new Color(50, 130, 60), 1));
            }
            case "sunglasses" -> {
                Area frame = new Area(new Ellipse2D.Double(cx - 200 * s, cy - 60 * s, 170 * s, 120 * s));
                frame.add(new Area(new Ellipse2D.Double(cx + 30 * s, cy - 60 * s, 170 * s, 120 * s)));
                frame.add(new Area(new BasicStroke((float) (5 * s))
                        .createStrokedShape(
                                new Arc2D.Double(cx - 40 * s, cy - 50 * s, 80 * s, 40 * s, 20, 140, Arc2D.OPEN))));
                frame.add(new Area(new Rectangle2D.Double(cx - 260 * s, cy - 50 * s, 65 * s, 7 * s)));
                frame.add(new Area(new Rectangle2D.Double(cx + 195 * s, cy - 50 * s, 65 * s, 7 * s)));
                parts.add(new Part(frame, new Color(20, 20, 25), 1));
                parts.add(new Part(
                        new Ellipse2D.Double(cx - 190 * s, cy - 50 * s, 150 * s, 100 * s),
                        shade(cx - 115 * s, 75 * s, new Color(60, 50, 40)),
                        0.95f));
                parts.add(new Part(
                        new Ellipse2D.Double(cx + 40 * s, cy - 50 * s, 150 * s, 100 * s),
                        shade(cx + 115 * s, 75 * s, new Color(60, 50, 40)),
                        0.95f));
            }
            case "watch" -> {
                parts.add(new Part(
                        new RoundRectangle2D.Double(cx - 45 * s, cy - 250 * s, 90 * s, 500 * s, 20 * s, 20 * s),
                        shade(cx, 45 * s, new Color(120, 80, 50)),
                        1));
                parts.add(new Part(
                        new Ellipse2D.Double(cx - 95 * s, cy - 95 * s, 190 * s, 190 * s),
                        new RadialGradientPaint(
                                (float) (cx - 30 * s),
                                (float) (cy - 30 * s),
                                (float) (120 * s),
                                new float[] {0, 1},
                                new Color[] {new Color(235, 235, 240), new Color(150, 150, 160)}),
                        1));
                parts.add(new Part(
                        new Ellipse2D.Double(cx - 75 * s, cy - 75 * s, 150 * s, 150 * s), new Color(250, 250, 248), 1));
                parts.add(new Part(
                        new Rectangle2D.Double(cx - 2 * s, cy - 60 * s, 4 * s, 60 * s), new Color(20, 20, 20), 1));
                backgroundTop = new Color(70, 72, 80);
                backgroundBottom = new Color(110, 112, 118);
            }
            case "desk-lamp" -> {
                parts.add(new Part(
                        new Ellipse2D.Double(cx - 110 * s, cy + 190 * s, 220 * s, 40 * s), new Color(40, 40, 40), 1));
                Area arm = new Area(new BasicStroke((float) (6 * s))
                        .createStrokedShape(
                                new java.awt.geom.Line2D.Double(cx, cy + 205 * s, cx - 60 * s, cy - 40 * s)));
                arm.add(new Area(new BasicStroke((float) (6 * s))
                        .createStrokedShape(
                                new java.awt.geom.Line2D.Double(cx - 60 * s, cy - 40 * s, cx + 60 * s, cy - 170 * s))));
                parts.add(new Part(arm, new Color(200, 200, 205), 1));
                Path2D shade = new Path2D.Double();
                shade.moveTo(cx + 40 * s, cy - 200 * s);
                shade.lineTo(cx + 110 * s, cy - 200 * s);
                shade.lineTo(cx + 190 * s, cy - 90 * s);
                shade.lineTo(cx + 10 * s, cy - 90 * s);
                shade.closePath();
                parts.add(new Part(shade, shade(cx + 100 * s, 90 * s, new Color(30, 120, 110)), 1));
            }
            default -> throw new IllegalArgumentException(name);
        }
        return render(name, width, height, parts, backgroundTop, backgroundBottom, new Random(seed));
    }

    private static java.awt.Paint shade(double centre, double halfWidth, Color base) {
        return new GradientPaint(
                (float) (centre - halfWidth), 0, base.darker(), (float) (centre + halfWidth * 0.3), 0, brighter(base));
    }

    private static Color brighter(Color c) {
        return new Color(
                Math.min(255, c.getRed() + 50), Math.min(255, c.getGreen() + 50), Math.min(255, c.getBlue() + 50));
    }

    private static Scene render(
            String name, int width, int height, List<Part> parts, Color top, Color bottom, Random random) {
        // The product's colours (over-drawn by a stroke so anti-aliased edge pixels have a colour) and its true alpha.
        BufferedImage colour = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        BufferedImage alpha = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Area union = new Area();
        for (Part part : parts) union.add(new Area(part.shape()));
        draw(colour, false, g -> {
            for (Part part : parts) {
                g.setPaint(part.paint());
                g.fill(part.shape());
                g.setStroke(new BasicStroke(3f));
                g.draw(part.shape());
            }
        });
        draw(alpha, true, g -> {
            for (Part part : parts) {
                // Later parts cover earlier ones: opacity composes as "over".
                g.setComposite(java.awt.AlphaComposite.SrcOver.derive(part.opacity()));
                g.setColor(Color.WHITE);
                g.fill(part.shape());
            }
        });
        Rectangle2D bounds = union.getBounds2D();
        BufferedImage background = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        draw(background, true, g -> {
            g.setPaint(new GradientPaint(0, 0, top, 0, height, bottom));
            g.fillRect(0, 0, width, height);
            // A soft floor shadow under the product: part of the background, not of the product.
            g.setPaint(new RadialGradientPaint(
                    (float) bounds.getCenterX(),
                    (float) bounds.getMaxY(),
                    (float) (bounds.getWidth() * 0.6),
                    new float[] {0, 1},
                    new Color[] {new Color(0, 0, 0, 60), new Color(0, 0, 0, 0)}));
            g.fill(new Ellipse2D.Double(
                    bounds.getMinX() - bounds.getWidth() * 0.1,
                    bounds.getMaxY() - bounds.getHeight() * 0.06,
                    bounds.getWidth() * 1.2,
                    bounds.getHeight() * 0.12));
        });
        int[] argb = new int[width * height];
        float[] truth = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                float a = (alpha.getRGB(x, y) & 0xFF) / 255f;
                truth[i] = a;
                int f = colour.getRGB(x, y);
                int b = background.getRGB(x, y);
                int rgb = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    double v =
                            a * ((f >> shift) & 0xFF) + (1 - a) * ((b >> shift) & 0xFF) + random.nextGaussian() * 2.5;
                    rgb |= (int) Math.max(0, Math.min(255, Math.round(v))) << shift;
                }
                argb[i] = 0xFF000000 | rgb;
            }
        }
        return new Scene(name, new PixelImage(width, height, argb), truth);
    }

    private static void draw(BufferedImage image, boolean antialias, Consumer<Graphics2D> painter) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(
                RenderingHints.KEY_ANTIALIASING,
                antialias ? RenderingHints.VALUE_ANTIALIAS_ON : RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        painter.accept(g);
        g.dispose();
    }
}
