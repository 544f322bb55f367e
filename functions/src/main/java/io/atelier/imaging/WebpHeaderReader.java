package io.atelier.imaging;

/**
 * Reads WebP dimensions from the first chunk after the RIFF header (RFC 9649): VP8 (lossy),
 * VP8L (lossless) or VP8X (extended, which states the canvas size).
 */
final class WebpHeaderReader {

    static final byte[] RIFF = {'R', 'I', 'F', 'F'};
    static final byte[] WEBP = {'W', 'E', 'B', 'P'};
    private static final byte[] VP8 = {'V', 'P', '8', ' '};
    private static final byte[] VP8L = {'V', 'P', '8', 'L'};
    private static final byte[] VP8X = {'V', 'P', '8', 'X'};
    private static final int CHUNK_AT = 12;
    private static final int PAYLOAD_AT = CHUNK_AT + 8;

    private WebpHeaderReader() {}

    static boolean looksLikeWebp(HeaderBytes in) {
        return in.matches(0, RIFF) && in.matches(8, WEBP);
    }

    static ImageHeader read(HeaderBytes in) throws ImageRejectedException {
        in.require(CHUNK_AT, 8);
        if (in.matches(CHUNK_AT, VP8)) {
            return lossy(in);
        }
        if (in.matches(CHUNK_AT, VP8L)) {
            return lossless(in);
        }
        if (in.matches(CHUNK_AT, VP8X)) {
            return extended(in);
        }
        throw damaged("the first chunk is not VP8, VP8L or VP8X");
    }

    private static ImageHeader lossy(HeaderBytes in) throws ImageRejectedException {
        // Frame tag (3 bytes), start code 9D 01 2A, then 14-bit width and height (top 2 bits are scaling).
        int startCodeAt = PAYLOAD_AT + 3;
        if (in.u8(startCodeAt) != 0x9D || in.u8(startCodeAt + 1) != 0x01 || in.u8(startCodeAt + 2) != 0x2A) {
            throw damaged("missing VP8 start code");
        }
        int width = in.u16le(startCodeAt + 3) & 0x3FFF;
        int height = in.u16le(startCodeAt + 5) & 0x3FFF;
        if (width == 0 || height == 0) {
            throw damaged("VP8 frame size is %d × %d".formatted(width, height));
        }
        return new ImageHeader(ImageFormat.WEBP, width, height);
    }

    private static ImageHeader lossless(HeaderBytes in) throws ImageRejectedException {
        // Signature 0x2F, then a little-endian bit field: 14 bits width-1, 14 bits height-1, alpha, version.
        if (in.u8(PAYLOAD_AT) != 0x2F) {
            throw damaged("missing VP8L signature");
        }
        long bits = in.u32le(PAYLOAD_AT + 1);
        int width = (int) (bits & 0x3FFF) + 1;
        int height = (int) (bits >>> 14 & 0x3FFF) + 1;
        return new ImageHeader(ImageFormat.WEBP, width, height);
    }

    private static ImageHeader extended(HeaderBytes in) throws ImageRejectedException {
        // Flags (1 byte), reserved (3 bytes), then 24-bit canvas width-1 and height-1.
        int width = in.u24le(PAYLOAD_AT + 4) + 1;
        int height = in.u24le(PAYLOAD_AT + 7) + 1;
        return new ImageHeader(ImageFormat.WEBP, width, height);
    }

    private static ImageRejectedException damaged(String detail) {
        return new ImageRejectedException("The WebP header is damaged (" + detail + ").");
    }
}
