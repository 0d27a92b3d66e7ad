package dev.facetype.cli.pictures;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** Writes pictures as PNG files, atomically. */
public final class PngFiles {

    private PngFiles() {
    }

    /** Writes {@code image} to {@code file} (a temporary file renamed over it, so never half a picture). */
    public static void write(BufferedImage image, Path file) throws IOException {
        Canvas.writePng(image, file);
    }
}
