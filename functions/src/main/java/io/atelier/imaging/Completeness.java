package io.atelier.imaging;

import java.util.zip.CRC32;

/**
 * Checks that a whole file is all there, by walking its structure without decoding pixels: a JPEG's segments and
 * scans up to its end-of-image marker, a PNG's chunks (each checksum) up to IEND, a WebP's chunks within its RIFF size.
 * A file cut off in transit otherwise passes the header check and decodes to grey.
 */
public final class Completeness {
    private static final String INCOMPLETE = "The file is incomplete (%s); upload it again.";

    private Completeness() {}

    public static void check(byte[] file, ImageFormat format) throws ImageRejectedException {
        switch (format) {
            case JPEG -> jpeg(file);
            case PNG -> png(file);
            case WEBP -> webp(file);
        }
    }

    private static void jpeg(byte[] b) throws ImageRejectedException {
        int n = b.length;
        int i = 2; // after SOI
        while (true) {
            if (i >= n) throw incomplete("the JPEG has no end-of-image marker");
            if ((b[i] & 0xFF) != 0xFF) throw damaged("JPEG", "bytes between segments where a marker belongs");
            while (i + 1 < n && (b[i + 1] & 0xFF) == 0xFF) i++; // fill bytes
            if (i + 1 >= n) throw incomplete("the JPEG has no end-of-image marker");
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xD9) return; // EOI: whatever follows (a second picture, vendor data) is not ours to judge
            if (isStandalone(marker)) {
                i += 2;
                continue;
            }
            if (marker < 0xC0) throw damaged("JPEG", "an invalid marker");
            if (i + 4 > n) throw incomplete("a JPEG segment is cut off");
            int length = (b[i + 2] & 0xFF) << 8 | b[i + 3] & 0xFF;
            if (length < 2) throw damaged("JPEG", "a segment with an invalid length");
            i += 2 + length;
            if (i > n) throw incomplete("a JPEG segment is cut off");
            if (marker == 0xDA) i = skipScan(b, i);
        }
    }

    /** Entropy-coded data runs until a marker that is neither a stuffed zero nor a restart marker. */
    private static int skipScan(byte[] b, int i) throws ImageRejectedException {
        int n = b.length;
        while (i < n) {
            if ((b[i] & 0xFF) != 0xFF) {
                i++;
                continue;
            }
            if (i + 1 >= n) break;
            int next = b[i + 1] & 0xFF;
            if (next == 0x00 || next >= 0xD0 && next <= 0xD7) i += 2;
            else if (next == 0xFF) i++;
            else if (next < 0xC0 && next != 0x01) throw damaged("JPEG", "the image data is broken");
            else return i;
        }
        throw incomplete("the JPEG's image data is cut off");
    }

    private static boolean isStandalone(int marker) {
        return marker == 0x01 || marker >= 0xD0 && marker <= 0xD8;
    }

    private static void png(byte[] b) throws ImageRejectedException {
        int n = b.length;
        int i = PngHeaderReader.SIGNATURE.length;
        CRC32 crc = new CRC32();
        while (i + 8 <= n) {
            long length = u32be(b, i);
            if (length > n - i - 12L) throw incomplete("a PNG chunk is cut off");
            int dataEnd = i + 8 + (int) length;
            crc.reset();
            crc.update(b, i + 4, 4 + (int) length);
            String type = new String(b, i + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (crc.getValue() != u32be(b, dataEnd))
                throw damaged("PNG", "the " + printable(type) + " chunk's checksum does not match");
            if (type.equals("IEND")) return;
            i = dataEnd + 4;
        }
        throw incomplete("the PNG has no IEND chunk");
    }

    private static void webp(byte[] b) throws ImageRejectedException {
        int n = b.length;
        if (n < 12) throw incomplete("the WebP is shorter than its header");
        long riffEnd = 8 + u32le(b, 4);
        if (riffEnd > n) throw incomplete("the WebP is shorter than its RIFF size says");
        int i = 12;
        while (i + 8 <= riffEnd) {
            long size = u32le(b, i + 4);
            long next = i + 8 + size + (size & 1);
            if (i + 8 + size > riffEnd) throw incomplete("a WebP chunk is cut off");
            i = (int) Math.min(next, riffEnd);
        }
        if (i == 12) throw incomplete("the WebP has no image data");
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 'A' && c <= 'z') ? type : "a";
    }

    private static long u32be(byte[] b, int at) {
        return (long) (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }

    private static long u32le(byte[] b, int at) {
        return (long) (b[at + 3] & 0xFF) << 24 | (b[at + 2] & 0xFF) << 16 | (b[at + 1] & 0xFF) << 8 | b[at] & 0xFF;
    }

    private static ImageRejectedException incomplete(String why) {
        return new ImageRejectedException(INCOMPLETE.formatted(why));
    }

    private static ImageRejectedException damaged(String format, String why) {
        return new ImageRejectedException("The " + format + " file is damaged (" + why + ").");
    }
}
