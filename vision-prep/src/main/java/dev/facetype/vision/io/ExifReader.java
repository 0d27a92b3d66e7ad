package dev.facetype.vision.io;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.io.ByteArrayInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the EXIF orientation with metadata-extractor, which knows where JPEG, PNG, TIFF and WebP keep it. */
final class ExifReader {

    private static final Logger LOG = LoggerFactory.getLogger(ExifReader.class);

    private ExifReader() {
    }

    /**
     * The orientation of the main image (IFD0; a thumbnail's own tag is ignored), or {@code NORMAL} when the
     * file has none or its metadata cannot be parsed: damaged metadata must not cost a good photo.
     */
    static ExifOrientation orientation(byte[] bytes, String sourceName) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
            for (ExifIFD0Directory directory : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
                if (directory.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                    return ExifOrientation.fromTagValue(directory.getInt(ExifIFD0Directory.TAG_ORIENTATION));
                }
            }
        } catch (Exception e) {
            // metadata-extractor throws for formats it does not know (PGM) and for broken metadata.
            LOG.debug("{}: no EXIF orientation read ({}); using the stored orientation", sourceName, e.toString());
        }
        return ExifOrientation.NORMAL;
    }
}
