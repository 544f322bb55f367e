package io.atelier.imaging;

import java.awt.image.BufferedImage;

/**
 * The EXIF orientation of a JPEG (1 = upright … 8), and the pixel transform that applies it. Cameras and phones
 * store photos sideways with this tag; ImageIO ignores it and re-encoding drops it, so without this a result
 * would come out rotated. Anything unreadable counts as upright: the tag is a hint, never a reason to refuse.
 */
final class ExifOrientation {
    private static final int TAG_ORIENTATION = 0x0112;

    private ExifOrientation() {}

    /** Reads the tag from the APP1 Exif segment that precedes the frame header. */
    static int of(byte[] jpeg) {
        try {
            int at = 2;
            while (at + 4 <= jpeg.length && u8(jpeg, at) == 0xFF) {
                int marker = u8(jpeg, at + 1);
                if (marker == 0xDA
                        || marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
                    return 1;
                int length = u16(jpeg, at + 2, true);
                if (marker == 0xE1 && length > 14 && startsWithExif(jpeg, at + 4))
                    return orientation(jpeg, at + 10, at + 2 + length);
                at += 2 + length;
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            return 1;
        }
        return 1;
    }

    /** Orientations 5 to 8 turn the picture a quarter: width and height swap. */
    static boolean swapsSides(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /** Returns the image as it should be displayed: each output pixel is read from where the tag says it was stored. */
    static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) return image;
        int w = image.getWidth(), h = image.getHeight();
        boolean swap = swapsSides(orientation);
        int outW = swap ? h : w, outH = swap ? w : h;
        int[] src = image.getRGB(0, 0, w, h, null, 0, w);
        int[] dst = new int[src.length];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int sx, sy;
                switch (orientation) {
                    case 2 -> {
                        sx = w - 1 - x;
                        sy = y;
                    }
                    case 3 -> {
                        sx = w - 1 - x;
                        sy = h - 1 - y;
                    }
                    case 4 -> {
                        sx = x;
                        sy = h - 1 - y;
                    }
                    case 5 -> {
                        sx = y;
                        sy = x;
                    }
                    case 6 -> {
                        sx = y;
                        sy = h - 1 - x;
                    }
                    case 7 -> {
                        sx = w - 1 - y;
                        sy = h - 1 - x;
                    }
                    default -> {
                        sx = w - 1 - y;
                        sy = x;
                    } // 8
                }
                dst[y * outW + x] = src[sy * w + sx];
            }
        }
        BufferedImage out = new BufferedImage(outW, outH, image.getType());
        out.setRGB(0, 0, outW, outH, dst, 0, outW);
        return out;
    }

    private static int orientation(byte[] b, int tiff, int end) {
        boolean bigEndian = b[tiff] == 'M' && b[tiff + 1] == 'M';
        if (!bigEndian && !(b[tiff] == 'I' && b[tiff + 1] == 'I')) return 1;
        int ifd = tiff + (int) u32(b, tiff + 4, bigEndian);
        int entries = u16(b, ifd, bigEndian);
        for (int i = 0; i < entries; i++) {
            int entry = ifd + 2 + 12 * i;
            if (entry + 12 > end) return 1;
            if (u16(b, entry, bigEndian) == TAG_ORIENTATION) {
                int value = u16(b, entry + 8, bigEndian);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static boolean startsWithExif(byte[] b, int at) {
        return b[at] == 'E'
                && b[at + 1] == 'x'
                && b[at + 2] == 'i'
                && b[at + 3] == 'f'
                && b[at + 4] == 0
                && b[at + 5] == 0;
    }

    private static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    private static int u16(byte[] b, int at, boolean bigEndian) {
        return bigEndian ? (u8(b, at) << 8) | u8(b, at + 1) : (u8(b, at + 1) << 8) | u8(b, at);
    }

    private static long u32(byte[] b, int at, boolean bigEndian) {
        return bigEndian
                ? ((long) u16(b, at, true) << 16) | u16(b, at + 2, true)
                : ((long) u16(b, at + 2, false) << 16) | u16(b, at, false);
    }
}
