package io.atelier.imaging;

import java.util.Objects;

/**
 * Identifies an image and reads its size from the header bytes alone, so oversized images and
 * decompression bombs are rejected before a single pixel is decoded.
 */
public final class ImageInspector {

    public static final long MAX_BYTES = 50L * 1024 * 1024;
    public static final long MAX_PIXELS = 100_000_000L;
    public static final int MAX_SIDE = 30_000;
    /** How many leading bytes callers should pass; enough for headers behind large EXIF/ICC blocks. */
    public static final int HEADER_BYTES = 2 * 1024 * 1024;

    private ImageInspector() {}

    /** Inspects a file given all of its bytes. */
    public static ImageHeader inspect(byte[] wholeFile) throws ImageRejectedException {
        return inspect(wholeFile, wholeFile.length);
    }

    /**
     * @param prefix the first min(totalSize, HEADER_BYTES) bytes of the file
     * @param totalSize the size of the whole file in bytes
     */
    public static ImageHeader inspect(byte[] prefix, long totalSize) throws ImageRejectedException {
        Objects.requireNonNull(prefix, "prefix");
        if (totalSize < 0) {
            throw new IllegalArgumentException("totalSize must not be negative (got " + totalSize + ")");
        }
        // The byte limit comes first: it needs no parsing and a huge upload should not be read further.
        if (totalSize > MAX_BYTES) {
            throw new ImageRejectedException("The file is %s; the limit is %s."
                    .formatted(sizeAboveLimit(totalSize), SizeLimits.bytes(MAX_BYTES)));
        }
        if (totalSize == 0 || prefix.length == 0) {
            throw new ImageRejectedException("The file is empty.");
        }
        ImageHeader header = readHeader(new HeaderBytes(prefix, prefix.length >= totalSize));
        var problem = SizeLimits.problem("The image is", header.width(), header.height());
        if (problem.isPresent()) {
            throw new ImageRejectedException(problem.get());
        }
        // Report the size as the picture is displayed: a phone photo stored sideways is taller than wide.
        if (header.format() == ImageFormat.JPEG && ExifOrientation.swapsSides(ExifOrientation.of(prefix)))
            header = new ImageHeader(header.format(), header.height(), header.width(), header.components());
        return header;
    }

    private static ImageHeader readHeader(HeaderBytes in) throws ImageRejectedException {
        if (in.matches(0, PngHeaderReader.SIGNATURE)) {
            return PngHeaderReader.read(in);
        }
        if (in.matches(0, JpegHeaderReader.SOI)) {
            return JpegHeaderReader.read(in);
        }
        if (WebpHeaderReader.looksLikeWebp(in)) {
            return WebpHeaderReader.read(in);
        }
        throw new ImageRejectedException("The file is not a PNG, JPEG or WebP image.");
    }

    /** Avoids "50 MB; the limit is 50 MB" when a file is only a few bytes over. */
    private static String sizeAboveLimit(long totalSize) {
        String size = SizeLimits.bytes(totalSize);
        return size.equals(SizeLimits.bytes(MAX_BYTES)) ? "more than " + size : size;
    }
}
