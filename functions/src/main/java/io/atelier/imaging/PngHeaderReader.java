package io.atelier.imaging;

/** Reads PNG dimensions from the IHDR chunk, which the PNG spec requires to come first. */
final class PngHeaderReader {

    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] IHDR = {'I', 'H', 'D', 'R'};
    private static final int IHDR_LENGTH = 13;

    private PngHeaderReader() {}

    static ImageHeader read(HeaderBytes in) throws ImageRejectedException {
        int lengthAt = SIGNATURE.length;
        int typeAt = lengthAt + 4;
        int dataAt = typeAt + 4;
        int crcAt = dataAt + IHDR_LENGTH;
        in.require(lengthAt, 8);
        if (in.u32be(lengthAt) != IHDR_LENGTH || !in.matches(typeAt, IHDR)) {
            throw new ImageRejectedException("The PNG header is damaged (the first chunk is not a valid IHDR).");
        }
        // The checksum covers the chunk type and data; checking it catches corrupted or hand-edited headers.
        if (in.crc32(typeAt, 4 + IHDR_LENGTH) != in.u32be(crcAt)) {
            throw new ImageRejectedException("The PNG header is damaged (IHDR checksum mismatch).");
        }
        long width = in.u32be(dataAt);
        long height = in.u32be(dataAt + 4);
        if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new ImageRejectedException(
                    "The PNG header is damaged (invalid size %d × %d).".formatted(width, height));
        }
        return new ImageHeader(ImageFormat.PNG, (int) width, (int) height);
    }
}
