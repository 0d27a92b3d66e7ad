package dev.facetype.vision.io;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.io.ImageLoadException.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads a photo into a {@link RasterImage}: upright, 8-bit, RGB or gray as configured.
 *
 * <ul>
 *   <li>The format is recognised from the content, never from the file name (Yale's GIFs have no extension).
 *       Decoding is done by ImageIO: the JDK's readers for PNG (8/16-bit, palette, alpha), GIF (first frame)
 *       and BMP, TwelveMonkeys' for JPEG (baseline, progressive, CMYK, YCCK), TIFF and PGM/PPM.</li>
 *   <li>The image size is read from the header first; images over {@link LoadOptions#maxPixels()} are
 *       refused before any pixel is decoded.</li>
 *   <li>The EXIF orientation (all 8 values) is applied; transparent pixels are composited onto
 *       {@link LoadOptions#background()}.</li>
 *   <li>Every failure is an {@link ImageLoadException} whose message names the source and the problem.</li>
 * </ul>
 *
 * <p>Instances hold no mutable state and are safe for concurrent use. The caller's files are only read.
 */
public final class ImageLoader {

    private final LoadOptions options;

    /** A loader with {@link LoadOptions#defaults()}. */
    public ImageLoader() {
        this(LoadOptions.defaults());
    }

    public ImageLoader(LoadOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public LoadOptions options() {
        return options;
    }

    /** Reads and decodes the file at {@code file}; the path is the source name in error messages. */
    public RasterImage load(Path file) throws ImageLoadException {
        Objects.requireNonNull(file, "file");
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new ImageLoadException(Reason.UNREADABLE, name, "is a directory, not an image file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // Opening a pipe would wait for a writer forever; a device may never end.
            throw new ImageLoadException(Reason.UNREADABLE, name, "is not a regular file (a pipe, device or socket)");
        }
        byte[] bytes;
        try {
            checkFileSize(Math.max(1, Files.size(file)), name);
            // Read up to the limit instead of trusting the size: some files (in /proc, say) report 0 bytes.
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) options.maxFileBytes() + 1);
            }
        } catch (NoSuchFileException e) {
            throw new ImageLoadException(Reason.UNREADABLE, name, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new ImageLoadException(Reason.UNREADABLE, name, "permission denied", e);
        } catch (FileSystemException e) {
            throw new ImageLoadException(Reason.UNREADABLE, name, "cannot be read: "
                    + (e.getReason() != null ? e.getReason() : e.toString()), e);
        } catch (IOException e) {
            throw new ImageLoadException(Reason.UNREADABLE, name, "cannot be read: " + e, e);
        }
        checkFileSize(bytes.length, name);
        return decode(bytes, name);
    }

    /** Decodes an image held in memory, for example an upload; {@code sourceName} names it in errors. */
    public RasterImage load(byte[] bytes, String sourceName) throws ImageLoadException {
        Objects.requireNonNull(bytes, "bytes");
        checkFileSize(bytes.length, sourceName);
        return decode(bytes, sourceName);
    }

    /**
     * Reads {@code in} to its end (it is not closed) and decodes it; streams longer than
     * {@link LoadOptions#maxFileBytes()} are refused without reading the rest.
     */
    public RasterImage load(InputStream in, String sourceName) throws ImageLoadException {
        Objects.requireNonNull(in, "in");
        byte[] bytes;
        try {
            bytes = in.readNBytes((int) options.maxFileBytes() + 1);
        } catch (IOException e) {
            throw new ImageLoadException(Reason.UNREADABLE, sourceName, "cannot be read: " + e, e);
        }
        checkFileSize(bytes.length, sourceName);
        return decode(bytes, sourceName);
    }

    private void checkFileSize(long size, String name) throws ImageLoadException {
        if (size == 0) {
            throw new ImageLoadException(Reason.EMPTY, name, "is empty (0 bytes)");
        }
        if (size > options.maxFileBytes()) {
            throw new ImageLoadException(Reason.TOO_LARGE, name, "holds more than " + options.maxFileBytes()
                    + " bytes, the limit for one image");
        }
    }

    private RasterImage decode(byte[] bytes, String name) throws ImageLoadException {
        BufferedImage decoded = decodeFirstImage(bytes, name);
        RasterImage image = DecodedImageConverter.convert(decoded, options.colorMode(), options.background());
        return ExifReader.orientation(bytes, name).apply(image);
    }

    private BufferedImage decodeFirstImage(byte[] bytes, String name) throws ImageLoadException {
        ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
        Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
        if (!readers.hasNext()) {
            throw notAnImage(bytes, name);
        }
        ImageReader reader = readers.next();
        String format = formatName(reader);
        List<String> warnings = new ArrayList<>();
        try {
            reader.setInput(input, true, false);
            long width = reader.getWidth(0);
            long height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw new ImageLoadException(Reason.TRUNCATED_OR_CORRUPT, name,
                        format + " header declares an impossible size " + width + "x" + height);
            }
            if (width * height > options.maxPixels()) {
                throw new ImageLoadException(Reason.TOO_LARGE, name, String.format(Locale.ROOT,
                        "%s image of %dx%d = %.1f megapixels is over the limit of %.1f megapixels",
                        format, width, height, width * height / 1e6, options.maxPixels() / 1e6));
            }
            reader.addIIOReadWarningListener(collectInto(warnings));
            BufferedImage image = reader.read(0);
            for (String warning : warnings) {
                if (meansTruncated(warning)) {
                    throw new ImageLoadException(Reason.TRUNCATED_OR_CORRUPT, name,
                            format + " data is cut short or damaged (" + warning + ")");
                }
            }
            return image;
        } catch (ImageLoadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders report broken data as IIOException, EOFException or, in some plugins, runtime exceptions.
            throw new ImageLoadException(Reason.TRUNCATED_OR_CORRUPT, name,
                    format + " data is cut short or damaged: " + describe(e), e);
        } finally {
            reader.dispose();
        }
    }

    private static ImageLoadException notAnImage(byte[] bytes, String name) {
        return UnsupportedFormats.recognise(bytes)
                .map(format -> new ImageLoadException(Reason.UNSUPPORTED_FORMAT, name, "is a " + format
                        + " image, which facetype cannot decode; convert it to JPEG or PNG"))
                .orElseGet(() -> new ImageLoadException(Reason.NOT_AN_IMAGE, name,
                        "is not an image in a format facetype reads (JPEG, PNG, GIF, BMP, TIFF, PGM/PPM); "
                                + "it starts with bytes " + HexFormat.ofDelimiter(" ").formatHex(bytes, 0,
                                Math.min(8, bytes.length))));
    }

    private static String formatName(ImageReader reader) {
        try {
            return reader.getOriginatingProvider().getFormatNames()[0].toUpperCase(Locale.ROOT);
        } catch (RuntimeException e) {
            return "image";
        }
    }

    private static IIOReadWarningListener collectInto(List<String> warnings) {
        return (source, warning) -> warnings.add(warning);
    }

    /**
     * JPEG decoders return a half-grey picture for a cut-off file and only warn; such a photo must not reach
     * training. Other "corrupt data" warnings (extraneous bytes before a marker) are common in good photos.
     */
    private static boolean meansTruncated(String warning) {
        String lower = warning.toLowerCase(Locale.ROOT);
        return lower.contains("premature end") || lower.contains("truncated");
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
