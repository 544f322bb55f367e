package io.atelier.imaging;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Builds test images and image files, independently of the code under test where it matters. */
public final class ImageFixtures {

    private ImageFixtures() {}

    static BufferedImage solid(int width, int height, int argb, boolean alpha) {
        BufferedImage image =
                new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] pixels = new int[width * height];
        Arrays.fill(pixels, argb);
        image.setRGB(0, 0, width, height, pixels, 0, width);
        return image;
    }

    /** Colourful, smooth content with some detail, so codecs and filters have something to work on. */
    static BufferedImage colourful(int width, int height, boolean alpha) {
        BufferedImage image =
                new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = x * 255 / Math.max(1, width - 1);
                int g = y * 255 / Math.max(1, height - 1);
                int b = (x * 7 + y * 13) % 256;
                int a = alpha ? (x + y) % 256 : 255;
                pixels[y * width + x] = a << 24 | r << 16 | g << 8 | b;
            }
        }
        image.setRGB(0, 0, width, height, pixels, 0, width);
        return image;
    }

    static int[] argb(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    static int alpha(int argb) {
        return argb >>> 24;
    }

    static int red(int argb) {
        return argb >> 16 & 0xFF;
    }

    static int green(int argb) {
        return argb >> 8 & 0xFF;
    }

    static int blue(int argb) {
        return argb & 0xFF;
    }

    static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] png(int width, int height) {
        return write(colourful(width, height, false), "png");
    }

    static byte[] jpeg(int width, int height) {
        return write(colourful(width, height, false), "jpeg");
    }

    /** PNG signature, an IHDR with a correct CRC claiming the given size, a tiny IDAT and IEND. */
    public static byte[] pngWithHeader(long width, long height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt((int) width)
                .putInt((int) height)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(pngChunk("IHDR", ihdr.array()));
        out.writeBytes(pngChunk("IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}));
        out.writeBytes(pngChunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    static byte[] pngChunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length)
                .put(typeBytes)
                .put(data)
                .putInt((int) crc.getValue())
                .array();
    }

    /** A RIFF/WEBP file with a single chunk (padded to an even size, as RIFF requires). */
    static byte[] webp(String fourcc, byte[] payload) {
        int padded = payload.length + (payload.length & 1);
        ByteBuffer file = ByteBuffer.allocate(12 + 8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        file.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(4 + 8 + padded)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII))
                .put(fourcc.getBytes(StandardCharsets.US_ASCII))
                .putInt(payload.length)
                .put(payload);
        return file.array();
    }

    /** Position of the first SOF0/SOF2 marker in a JPEG written by the JDK (its tables never contain FF). */
    static int frameHeaderOffset(byte[] jpeg) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && ((jpeg[i + 1] & 0xFF) == 0xC0 || (jpeg[i + 1] & 0xFF) == 0xC2)) {
                return i;
            }
        }
        throw new IllegalStateException("no SOF marker");
    }
}
