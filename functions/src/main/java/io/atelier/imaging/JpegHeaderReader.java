package io.atelier.imaging;

/**
 * Finds JPEG dimensions by walking the marker segments from SOI to the first frame header (SOFn),
 * skipping each segment by its length so large EXIF or ICC blocks cost nothing.
 */
final class JpegHeaderReader {

    static final byte[] SOI = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;

    private JpegHeaderReader() {}

    static ImageHeader read(HeaderBytes in) throws ImageRejectedException {
        int at = 2;
        while (true) {
            if (in.u8(at) != 0xFF) {
                throw damaged("expected a marker at byte " + at);
            }
            // Any number of 0xFF fill bytes may precede a marker code.
            while (in.u8(at + 1) == 0xFF) {
                at++;
            }
            int marker = in.u8(at + 1);
            at += 2;
            if (hasNoSegment(marker)) {
                continue;
            }
            if (marker == 0x00 || marker == EOI || marker == SOS) {
                throw damaged("marker 0x%02X appears before the frame header".formatted(marker));
            }
            int segmentLength = in.u16be(at);
            if (segmentLength < 2) {
                throw damaged("segment 0x%02X has an invalid length".formatted(marker));
            }
            if (isFrameHeader(marker)) {
                return frameSize(in, at);
            }
            at += segmentLength;
        }
    }

    /** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range but are not frames. */
    private static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** TEM and RSTn stand alone, without a length field. */
    private static boolean hasNoSegment(int marker) {
        return marker == 0x01 || marker >= 0xD0 && marker <= 0xD7;
    }

    private static ImageHeader frameSize(HeaderBytes in, int segmentAt) throws ImageRejectedException {
        // Frame header: length(2) precision(1) height(2) width(2) components(1) …
        int height = in.u16be(segmentAt + 3);
        int width = in.u16be(segmentAt + 5);
        int components = in.u8(segmentAt + 7);
        if (width == 0 || height == 0) {
            // Height 0 means "defined later by a DNL marker", which decoders rarely support.
            throw damaged("the frame header gives a size of %d × %d".formatted(width, height));
        }
        return new ImageHeader(ImageFormat.JPEG, width, height, components);
    }

    private static ImageRejectedException damaged(String detail) {
        return new ImageRejectedException("The JPEG structure is damaged (" + detail + ").");
    }
}
