package io.atelier.presets;

import io.atelier.imaging.ImageFormat;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Inflater;

/**
 * Which colour space a file declares. Untagged files are read as sRGB by browsers and marketplaces; a tagged one
 * is sRGB only if its embedded ICC profile says so (a Display P3 or Adobe RGB photo is not, and shifts colours).
 */
final class ColourProfiles {
    private ColourProfiles() {}

    static String describe(byte[] bytes, ImageFormat format) {
        byte[] icc = switch (format) {
            case JPEG -> jpegProfile(bytes);
            case PNG -> pngProfile(bytes);
            default -> null;
        };
        if (icc == null) return "sRGB (untagged)";
        try {
            ICC_Profile profile = ICC_Profile.getInstance(icc);
            String name = description(profile);
            // By name: "sRGB IEC61966-2.1", "sRGB built-in"…; a linear-light variant is not sRGB.
            boolean srgb = name.contains("sRGB")
                    && !name.toLowerCase(java.util.Locale.ROOT).contains("linear");
            return srgb ? "sRGB (" + name + ")" : name + " (embedded ICC)";
        } catch (IllegalArgumentException e) {
            return "unreadable ICC profile";
        }
    }

    /** The profile's 'desc' tag text (ASCII part of a v2 textDescriptionType, or the first record of a v4 mluc). */
    private static String description(ICC_Profile profile) {
        byte[] desc = profile.getData(ICC_Profile.icSigProfileDescriptionTag);
        if (desc == null || desc.length < 12) return "unnamed profile";
        String type = new String(desc, 0, 4, StandardCharsets.US_ASCII);
        if (type.equals("desc")) {
            int length = readInt(desc, 8);
            return new String(desc, 12, Math.max(0, Math.min(length - 1, desc.length - 12)), StandardCharsets.US_ASCII);
        }
        if (type.equals("mluc") && desc.length >= 28) {
            int length = readInt(desc, 20);
            int offset = readInt(desc, 24);
            if (offset + length <= desc.length) return new String(desc, offset, length, StandardCharsets.UTF_16BE);
        }
        return "unnamed profile";
    }

    /** The ICC profile of APP2 segments (only single-segment profiles are read whole; that covers sRGB, P3, Adobe RGB). */
    private static byte[] jpegProfile(byte[] b) {
        int i = 2;
        while (i + 4 < b.length && (b[i] & 0xFF) == 0xFF) {
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) break;
            int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            if (marker == 0xE2
                    && length > 16
                    && i + 18 <= b.length
                    && new String(b, i + 4, 11, StandardCharsets.US_ASCII).equals("ICC_PROFILE")) {
                int start = i + 4 + 14;
                int end = Math.min(b.length, i + 2 + length);
                return java.util.Arrays.copyOfRange(b, start, end);
            }
            i += 2 + length;
        }
        return null;
    }

    /** The iCCP chunk's zlib stream, inflated; an sRGB chunk without one is sRGB already. */
    private static byte[] pngProfile(byte[] b) {
        int i = 8;
        while (i + 8 <= b.length) {
            int length = readInt(b, i);
            String type = new String(b, i + 4, 4, StandardCharsets.US_ASCII);
            if (type.equals("iCCP") && i + 8 + length <= b.length) {
                int nameEnd = i + 8;
                while (nameEnd < i + 8 + length && b[nameEnd] != 0) nameEnd++;
                return inflate(b, nameEnd + 2, i + 8 + length - nameEnd - 2);
            }
            if (type.equals("IDAT")) break;
            i += 12 + length;
        }
        return null;
    }

    private static byte[] inflate(byte[] b, int offset, int length) {
        Inflater inflater = new Inflater();
        inflater.setInput(b, offset, length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (java.util.zip.DataFormatException e) {
            return new byte[0];
        } finally {
            inflater.end();
        }
    }

    private static int readInt(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }
}
