package dev.facetype.examples;

import dev.facetype.vision.FacePolicy;
import dev.facetype.vision.PhotoPreparer;
import dev.facetype.vision.PreparedPhoto;
import dev.facetype.vision.RasterImage;
import dev.facetype.vision.augment.AugmentationVariant;
import dev.facetype.vision.augment.Augmenter;
import dev.facetype.vision.crop.CropSettings;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Crops the face of one photo and writes a PNG contact sheet of its 16 augmentations: one row per contrast
 * level (none, low, medium, high), columns plain, flipped, noise, noise + flipped.
 *
 * <pre>
 *   examples/run AugmentationContactSheet [--photo ../shared/data/london-faces/derived/frames_512/neutral/001.jpg]
 *       [--out target/augmentation-contact-sheet.png] [--size 128] [--channels 3] [--seed 1]
 * </pre>
 */
public final class AugmentationContactSheet {

    private static final int LABEL_HEIGHT = 16;
    private static final int GAP = 4;

    private AugmentationContactSheet() {
    }

    /** For example "11 MEDIUM +N +F". */
    private static String shortLabel(AugmentationVariant variant) {
        return variant.index() + " " + variant.contrast() + (variant.noise() ? " +N" : "") + (variant.flip() ? " +F" : "");
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = new Arguments(args);
        Path photo = Path.of(arguments.text("--photo", "../shared/data/london-faces/derived/frames_512/neutral/001.jpg"));
        Path out = Path.of(arguments.text("--out", "target/augmentation-contact-sheet.png"));
        int size = arguments.integer("--size", 128);
        int channels = arguments.integer("--channels", 3);
        long seed = arguments.integer("--seed", 1);

        RasterImage crop;
        try (PhotoPreparer preparer = PhotoPreparer.builder().facePolicy(FacePolicy.LARGEST)
                .cropSettings(CropSettings.defaults().withOutputSize(size).withChannels(channels)).build()) {
            PreparedPhoto prepared = preparer.prepare(photo);
            if (!prepared.kept()) {
                System.err.println(photo + ": no usable face: " + prepared.rejections());
                System.exit(1);
                return;
            }
            crop = prepared.faces().get(0).image();
        }

        Augmenter augmenter = new Augmenter();
        int cell = size + GAP;
        BufferedImage sheet = new BufferedImage(Math.max(4 * cell + GAP, 280), 4 * (cell + LABEL_HEIGHT) + GAP + 3 * LABEL_HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size < 112 ? 10 : 11));
        int[] columnOrder = {0, 1, 2, 3}; // plain, flip, noise, noise + flip: the variant index's two low bits
        for (int row = 0; row < 4; row++) {
            for (int column : columnOrder) {
                int index = 4 * row + column;
                RasterImage variant = augmenter.augment(crop, index, seed);
                int x = GAP + column * cell;
                int y = GAP + row * (cell + LABEL_HEIGHT);
                g.drawImage(variant.toBufferedImage(), x, y + LABEL_HEIGHT, null);
                AugmentationVariant described = AugmentationVariant.of(index);
                g.drawString(size < 80 ? String.valueOf(index) : shortLabel(described), x, y + 12);
            }
        }
        int captionY = GAP + 4 * (cell + LABEL_HEIGHT) + 12;
        g.drawString("rows: contrast x1.0, x1.2, x1.4, x1.6", GAP, captionY);
        g.drawString("columns: plain, +F, +N, +N +F", GAP, captionY + LABEL_HEIGHT);
        g.drawString("+N: Gaussian noise, sigma 10; +F: mirrored", GAP, captionY + 2 * LABEL_HEIGHT);
        g.dispose();
        Files.createDirectories(out.toAbsolutePath().getParent());
        ImageIO.write(sheet, "png", out.toFile());
        System.out.println("Wrote " + out + ": the 16 variants of the face in " + photo);
    }
}
