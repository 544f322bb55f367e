package io.atelier.imaging;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Decodes uploads into TYPE_INT_ARGB / TYPE_INT_RGB images and encodes results. Streams are memory-cached
 * on purpose: ImageIO's default disk cache would write temp files, which Lambda's small /tmp does not need.
 */
public final class ImageCodec {

    private static final String DAMAGED = "The image data is damaged and could not be decoded.";

    private ImageCodec() {}

    /** Inspects the header first, so an oversized image or decompression bomb is never decoded. */
    public static BufferedImage decode(byte[] bytes) throws ImageRejectedException {
        return decode(bytes, 1);
    }

    /**
     * Decodes every {@code subsampling}-th pixel of every {@code subsampling}-th row: a preview of a large image for a
     * fraction of the time and memory of a full decode.
     */
    public static BufferedImage decode(byte[] bytes, int subsampling) throws ImageRejectedException {
        ImageHeader header = ImageInspector.inspect(bytes);
        ImageReader reader = readerFor(header.format());
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(input, true, true);
            // The decoder's own view of the size is checked too, in case it reads the file differently.
            var problem = SizeLimits.problem("The image is", reader.getWidth(0), reader.getHeight(0));
            if (problem.isPresent()) {
                throw new ImageRejectedException(problem.get());
            }
            if (!hasRgbOrGrayColours(reader)) {
                throw new ImageRejectedException("The " + header.format() + " uses a colour model that is not"
                        + " supported (for example CMYK); please save it as RGB and upload it again.");
            }
            ImageReadParam read = reader.getDefaultReadParam();
            if (subsampling > 1) read.setSourceSubsampling(subsampling, subsampling, 0, 0);
            BufferedImage decoded = Pixels.toIntImage(reader.read(0, read));
            return header.format() == ImageFormat.JPEG
                    ? ExifOrientation.apply(decoded, ExifOrientation.of(bytes))
                    : decoded;
        } catch (IOException | RuntimeException e) {
            throw new ImageRejectedException(DAMAGED, e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * @param jpegQuality 1 (smallest) to 100 (best); used only for JPEG
     */
    public static byte[] encode(BufferedImage img, ImageFormat format, int jpegQuality) {
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new InvalidInputException("JPEG quality must be between 1 and 100 (got " + jpegQuality + ").");
        }
        ImageFormat target = writableFormat(format);
        ImageWriter writer =
                ImageIO.getImageWritersByMIMEType(target.mimeType()).next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        BufferedImage prepared = img;
        if (target == ImageFormat.JPEG) {
            prepared = JpegFlattener.ontoWhite(img);
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(jpegQuality / 100f);
            if (param instanceof JPEGImageWriteParam jpegParam) {
                // A second pass over the coefficients; a few percent smaller at negligible cost.
                jpegParam.setOptimizeHuffmanTables(true);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            writer.write(null, new IIOImage(prepared, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("Encoding " + target + " failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * The format {@link #encode} actually writes: the JDK has no WebP or AVIF encoder, so those become PNG here
     * (the libvips engine, where it is installed, writes them as asked).
     */
    public static ImageFormat writableFormat(ImageFormat requested) {
        return requested == ImageFormat.WEBP || requested == ImageFormat.AVIF ? ImageFormat.PNG : requested;
    }

    private static ImageReader readerFor(ImageFormat format) throws ImageRejectedException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.mimeType());
        if (!readers.hasNext()) {
            throw new ImageRejectedException(format + " images cannot be decoded on this server.");
        }
        return readers.next();
    }

    /**
     * CMYK/YCCK JPEGs and other colour spaces are refused up front: converting them without their
     * print profile gives wrong (often inverted) colours, and older JDKs cannot read them at all.
     */
    private static boolean hasRgbOrGrayColours(ImageReader reader) throws IOException {
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        if (!types.hasNext()) {
            return false;
        }
        int space = types.next().getColorModel().getColorSpace().getType();
        return space == ColorSpace.TYPE_RGB || space == ColorSpace.TYPE_GRAY;
    }
}
