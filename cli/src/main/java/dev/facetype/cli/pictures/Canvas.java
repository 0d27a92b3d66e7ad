package dev.facetype.cli.pictures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/** A white picture to draw on, and writing it as PNG without ever leaving half a file. */
final class Canvas {

    static final Color INK = new Color(0x22, 0x22, 0x22);
    static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    static final Color BLUE = new Color(0x21, 0x66, 0xAC);
    static final Color ORANGE = new Color(0xD9, 0x5F, 0x02);
    static final Color GREEN = new Color(0x1B, 0x9E, 0x48);
    static final Color RED = new Color(0xD7, 0x30, 0x27);
    static final Color MUTED = new Color(0x77, 0x77, 0x77);

    private Canvas() {
    }

    /** A white RGB image and its graphics, with anti-aliased shapes and text. */
    static Graphics2D white(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(INK);
        return g;
    }

    /** Writes {@code image} as PNG to a temporary file beside {@code target}, then renames it over the target. */
    static void writePng(BufferedImage image, Path target) throws IOException {
        Path file = target.toAbsolutePath();
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            if (!ImageIO.write(image, "png", temporary.toFile())) {
                throw new IOException("no PNG writer available");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Draws {@code text} centred on {@code x}. */
    static void centred(Graphics2D g, String text, double x, double baseline) {
        g.drawString(text, (float) (x - g.getFontMetrics().stringWidth(text) / 2.0), (float) baseline);
    }
}
