package io.atelier.imaging;

import java.io.ByteArrayOutputStream;

/**
 * Hand-assembles a valid 1 × 1 lossless WebP (VP8L, RFC 9649), because the JDK cannot encode WebP.
 * The image uses no transforms and five "simple" prefix codes with one symbol each; a one-symbol
 * code has zero-length codewords, so the pixel itself costs no bits.
 */
final class LosslessWebp {

    private LosslessWebp() {}

    static byte[] onePixel(int alpha, int red, int green, int blue) {
        BitWriter bits = new BitWriter();
        bits.write(0x2F, 8); // VP8L signature
        bits.write(0, 14); // width - 1
        bits.write(0, 14); // height - 1
        bits.write(alpha < 255 ? 1 : 0, 1); // alpha_is_used hint
        bits.write(0, 3); // version
        bits.write(0, 1); // no transform
        bits.write(0, 1); // no colour cache
        bits.write(0, 1); // no meta prefix codes
        // Prefix codes in spec order: green, red, blue, alpha, distance.
        for (int symbol : new int[] {green, red, blue, alpha}) {
            simpleCode(bits, symbol);
        }
        simpleCode(bits, 0);
        return ImageFixtures.webp("VP8L", bits.toByteArray());
    }

    private static void simpleCode(BitWriter bits, int symbol) {
        bits.write(1, 1); // simple code
        bits.write(0, 1); // one symbol
        bits.write(1, 1); // symbol stored in 8 bits
        bits.write(symbol, 8);
    }

    /** Writes values least-significant bit first, as VP8L reads them. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int used;

        void write(int value, int count) {
            for (int i = 0; i < count; i++) {
                current |= (value >> i & 1) << used;
                if (++used == 8) {
                    out.write(current);
                    current = 0;
                    used = 0;
                }
            }
        }

        byte[] toByteArray() {
            if (used > 0) {
                out.write(current);
                current = 0;
                used = 0;
            }
            return out.toByteArray();
        }
    }
}
