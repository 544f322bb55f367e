package io.atelier.imaging;

import java.util.zip.CRC32;

/**
 * The leading bytes of a file with bounds-checked unsigned reads. It knows whether it holds the whole
 * file, so running out of bytes can be explained as "truncated" or as "not within the first N bytes".
 */
final class HeaderBytes {

    private final byte[] bytes;
    private final boolean wholeFile;

    HeaderBytes(byte[] bytes, boolean wholeFile) {
        this.bytes = bytes;
        this.wholeFile = wholeFile;
    }

    int length() {
        return bytes.length;
    }

    boolean matches(int at, byte[] expected) {
        if (at < 0 || at + expected.length > bytes.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (bytes[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    int u8(int at) throws ImageRejectedException {
        require(at, 1);
        return bytes[at] & 0xFF;
    }

    int u16be(int at) throws ImageRejectedException {
        require(at, 2);
        return (bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF;
    }

    long u32be(int at) throws ImageRejectedException {
        require(at, 4);
        return (long) u16be(at) << 16 | u16be(at + 2);
    }

    int u16le(int at) throws ImageRejectedException {
        require(at, 2);
        return bytes[at] & 0xFF | (bytes[at + 1] & 0xFF) << 8;
    }

    int u24le(int at) throws ImageRejectedException {
        require(at, 3);
        return u16le(at) | (bytes[at + 2] & 0xFF) << 16;
    }

    long u32le(int at) throws ImageRejectedException {
        require(at, 4);
        return u24le(at) | (long) (bytes[at + 3] & 0xFF) << 24;
    }

    long crc32(int at, int count) throws ImageRejectedException {
        require(at, count);
        CRC32 crc = new CRC32();
        crc.update(bytes, at, count);
        return crc.getValue();
    }

    /** Throws the "ran out of bytes" rejection unless [at, at + count) is available. */
    void require(int at, int count) throws ImageRejectedException {
        if (at < 0 || count < 0 || (long) at + count > bytes.length) {
            throw ranOut();
        }
    }

    ImageRejectedException ranOut() {
        return new ImageRejectedException(
                wholeFile
                        ? "The file is truncated: no image dimensions were found."
                        : "No image dimensions were found in the first " + SizeLimits.bytes(bytes.length)
                                + " of the file.");
    }
}
