package dev.facetype.cli.reliability;

import static dev.facetype.testing.EncodedImages.encode;

import dev.facetype.dataset.manifest.FileReason;
import dev.facetype.testing.EncodedImages;
import dev.facetype.testing.SharedData;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Builds, in code, a photo folder {@code <type>/<person>/<file>} full of what users really put in one: real
 * London portraits as plain JPEGs (so training has something to learn), the same kind of faces in every odd
 * format (CMYK JPEG, 16-bit, gray and palette-with-alpha PNG, an animated GIF, TIFF, PGM, each of the 8 EXIF
 * orientations, a Japanese file name), real photos with no face and with many, and files that are no photo at
 * all (empty, cut off, random bytes, a decompression bomb, a link loop, a pipe, a file whose read fails).
 *
 * <p>Unreadable files: the tests run as root, for whom {@code chmod 000} stops nothing. The corpus uses files
 * that fail for anyone instead: a FIFO (not a regular file), links in a loop, and a link to
 * {@code /proc/self/mem}, a regular file whose first read fails with an I/O error (EIO), as a failing disk would.
 */
final class BadInputCorpus {

    /** One file of the corpus and the decision preparation must reach for it. */
    record Case(String path, String what, FileReason expected) {
        boolean kept() {
            return expected == FileReason.OK;
        }
    }

    private final Path root;
    private final List<Case> cases = new ArrayList<>();
    private final List<String> people;

    private BadInputCorpus(Path root) throws IOException {
        this.root = root;
        try (Stream<Path> files = Files.list(london("neutral"))) {
            people = files.map(f -> f.getFileName().toString().replace(".jpg", "")).sorted().toList();
        }
    }

    /** The corpus under {@code root}, with {@code goodPeople} people photographed plainly in each type. */
    static BadInputCorpus build(Path root, int goodPeople) throws IOException {
        BadInputCorpus corpus = new BadInputCorpus(root);
        corpus.addPlainPortraits(goodPeople);
        corpus.addOddFormats(goodPeople);
        corpus.addBadFiles();
        corpus.addRealPhotosWithoutOrWithManyFaces();
        return corpus;
    }

    Path root() {
        return root;
    }

    List<Case> cases() {
        return List.copyOf(cases);
    }

    private static Path london(String expression) {
        return SharedData.require("data/london-faces/derived/small_256").resolve(expression);
    }

    private BufferedImage portrait(String expression, int index) throws IOException {
        return EncodedImages.rgbCopy(ImageIO.read(london(expression).resolve(people.get(index) + ".jpg").toFile()));
    }

    private void addPlainPortraits(int goodPeople) throws IOException {
        for (String expression : List.of("neutral", "smiling")) {
            for (int i = 0; i < goodPeople; i++) {
                String name = people.get(i);
                Path target = root.resolve(expression).resolve(name).resolve(name + ".jpg");
                Files.createDirectories(target.getParent());
                Files.copy(london(expression).resolve(name + ".jpg"), target);
            }
        }
    }

    /** Each odd format holds the face of another person, so that every one must be found on its own. */
    private void addOddFormats(int goodPeople) throws IOException {
        int next = goodPeople;
        BufferedImage face = portrait("neutral", next);
        add("neutral/" + people.get(next++) + "/cmyk.jpg", "Adobe CMYK JPEG", FileReason.OK, cmykJpeg(face));
        add("neutral/" + people.get(next) + "/sixteen-bit.png", "16-bit gray PNG", FileReason.OK,
                encode(EncodedImages.sixteenBitGray(gray(portrait("neutral", next++))), "png"));
        add("neutral/" + people.get(next) + "/gray.png", "8-bit gray PNG", FileReason.OK,
                encode(gray(portrait("neutral", next++)), "png"));
        add("neutral/" + people.get(next) + "/palette-alpha.png", "palette PNG with a transparent border",
                FileReason.OK, encode(grayPaletteWithTransparentBorder(portrait("neutral", next++)), "png"));
        add("neutral/" + people.get(next) + "/animated.gif", "animated GIF, the face in its first frame",
                FileReason.OK, animatedGif(portrait("neutral", next++)));
        add("neutral/" + people.get(next) + "/face.tif", "TIFF", FileReason.OK, encode(portrait("neutral", next++), "tiff"));
        add("neutral/" + people.get(next) + "/face.pgm", "binary PGM", FileReason.OK, EncodedImages.netpbm(gray(portrait("neutral", next++)), false));
        add("smiling/田中/笑顔の写真.jpg", "Japanese folder and file name", FileReason.OK,
                jpeg(portrait("smiling", next++)));
        for (int orientation = 1; orientation <= 8; orientation++) {
            BufferedImage upright = portrait("smiling", next);
            add("smiling/" + people.get(next++) + "/exif-orientation-" + orientation + ".jpg",
                    "JPEG stored turned, with EXIF orientation " + orientation, FileReason.OK,
                    EncodedImages.jpegWithExifOrientation(jpeg(stored(upright, orientation)), orientation));
        }
    }

    /** Bad files sit beside good photos in the plain people's folders, as they would in a real folder. */
    private void addBadFiles() throws IOException {
        add("neutral/" + people.get(0) + "/empty.jpg", "zero-byte file", FileReason.EMPTY_FILE, new byte[0]);
        byte[] whole = Files.readAllBytes(london("neutral").resolve(people.get(1) + ".jpg"));
        add("neutral/" + people.get(1) + "/cut-off.jpg", "JPEG cut off after half its bytes", FileReason.DAMAGED_IMAGE,
                Arrays.copyOf(whole, whole.length / 2));
        byte[] random = new byte[20_000];
        new SplittableRandom(8).nextBytes(random);
        random[0] = 'x'; // so that no image signature can start it by chance
        add("neutral/" + people.get(2) + "/random.jpg", "random bytes named .jpg", FileReason.NOT_AN_IMAGE, random);
        add("neutral/" + people.get(3) + "/bomb.png", "PNG header declaring 100000 x 100000 pixels",
                FileReason.TOO_LARGE, EncodedImages.pngHeaderOnly(100_000, 100_000));
        add("neutral/" + people.get(4) + "/notes.jpg", "a text file named .jpg", FileReason.NOT_AN_IMAGE,
                "shopping list: soy sauce, sugar, salt\n".getBytes(StandardCharsets.UTF_8));

        Path person = root.resolve("smiling").resolve(people.get(2));
        Files.createSymbolicLink(person.resolve("loop-a.jpg"), Path.of("loop-b.jpg"));
        Files.createSymbolicLink(person.resolve("loop-b.jpg"), Path.of("loop-a.jpg"));
        cases.add(new Case(relative(person.resolve("loop-a.jpg")), "symbolic link in a loop (a to b)", FileReason.UNREADABLE));
        cases.add(new Case(relative(person.resolve("loop-b.jpg")), "symbolic link in a loop (b to a)", FileReason.UNREADABLE));
        Files.createSymbolicLink(person.resolve("back-to-type"), Path.of(".."));
        cases.add(new Case(relative(person.resolve("back-to-type")) + "/", "folder link back to its own type folder",
                FileReason.SYMLINK_LOOP));
        Path fifo = root.resolve("smiling").resolve(people.get(3)).resolve("pipe.jpg");
        mkfifo(fifo);
        cases.add(new Case(relative(fifo), "named pipe (FIFO) named .jpg", FileReason.UNREADABLE));
        Path failingRead = root.resolve("smiling").resolve(people.get(4)).resolve("read-error.jpg");
        Files.createSymbolicLink(failingRead, Path.of("/proc/self/mem"));
        cases.add(new Case(relative(failingRead), "file whose read fails (I/O error)", FileReason.UNREADABLE));
    }

    private void addRealPhotosWithoutOrWithManyFaces() throws IOException {
        add("smiling/" + people.get(5) + "/digits.png", "real photo without a face (handwritten digits)",
                FileReason.NO_FACE, Files.readAllBytes(SharedData.require("data/opencv-doc-samples/digits.png")));
        BufferedImage portrait = portrait("neutral", 5);
        BufferedImage shoulder = portrait.getSubimage(0, 176, 80, 80);
        add("neutral/" + people.get(5) + "/shoulder.jpg", "real photo without a face (a corner of a portrait)",
                FileReason.NO_FACE, jpeg(EncodedImages.rgbCopy(shoulder)));
        add("smiling/" + people.get(6) + "/group.jpg", "real photo with many faces (dlib's bald_guys.jpg)",
                FileReason.OK, Files.readAllBytes(SharedData.require("data/dlib-faces/bald_guys.jpg")));
    }

    private void add(String path, String what, FileReason expected, byte[] bytes) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        cases.add(new Case(path, what, expected));
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static void mkfifo(Path fifo) throws IOException {
        try {
            Process process = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
            if (process.waitFor() != 0) {
                throw new IOException("mkfifo " + fifo + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making " + fifo, e);
        }
    }

    // ---------------------------------------------------------------- pictures (the files come from EncodedImages)

    private static BufferedImage gray(BufferedImage rgb) {
        BufferedImage out = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) {
                out.getRaster().setSample(x, y, 0, luma(rgb.getRGB(x, y)));
            }
        }
        return out;
    }

    private static int luma(int rgb) {
        return (299 * (rgb >> 16 & 0xFF) + 587 * (rgb >> 8 & 0xFF) + 114 * (rgb & 0xFF) + 500) / 1000;
    }

    /** 255 gray levels and one fully transparent entry (PLTE + tRNS), used for a 12-pixel border. */
    private static BufferedImage grayPaletteWithTransparentBorder(BufferedImage rgb) {
        byte[] levels = new byte[256];
        byte[] alpha = new byte[256];
        for (int i = 0; i < 255; i++) {
            levels[i] = (byte) (i * 255 / 254);
            alpha[i] = (byte) 255;
        }
        IndexColorModel palette = new IndexColorModel(8, 256, levels, levels, levels, alpha);
        BufferedImage out = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_INDEXED, palette);
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean border = x < 12 || y < 12 || x >= w - 12 || y >= h - 12;
                out.getRaster().setSample(x, y, 0, border ? 255 : luma(rgb.getRGB(x, y)) * 254 / 255);
            }
        }
        return out;
    }

    private static byte[] jpeg(BufferedImage image) {
        return EncodedImages.jpeg(image, 0.92f, false);
    }

    /** As Photoshop writes CMYK: four inverted channels (255 is no ink) and an APP14 "Adobe" segment. */
    private static byte[] cmykJpeg(BufferedImage rgb) {
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, rgb.getWidth(), rgb.getHeight(), 4, null);
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) {
                int p = rgb.getRGB(x, y);
                double r = (p >> 16 & 0xFF) / 255.0;
                double g = (p >> 8 & 0xFF) / 255.0;
                double b = (p & 0xFF) / 255.0;
                double k = 1 - Math.max(r, Math.max(g, b));
                double scale = k < 1 ? 1 - k : 1;
                int c = (int) Math.round((1 - r - k) / scale * 255);
                int m = (int) Math.round((1 - g - k) / scale * 255);
                int yy = (int) Math.round((1 - b - k) / scale * 255);
                cmyk.setPixel(x, y, new int[] {255 - c, 255 - m, 255 - yy, 255 - (int) Math.round(k * 255)});
            }
        }
        return EncodedImages.cmykJpeg(cmyk, 0.92f);
    }

    /**
     * The pixels a camera would store for an upright picture under EXIF orientation {@code orientation}: the
     * inverse of the turn a viewer applies (6 and 8 are each other's inverse; the other turns undo themselves).
     */
    private static BufferedImage stored(BufferedImage upright, int orientation) {
        int inverse = orientation == 6 ? 8 : orientation == 8 ? 6 : orientation;
        int w = upright.getWidth();
        int h = upright.getHeight();
        boolean swap = inverse >= 5;
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        int outW = out.getWidth();
        int outH = out.getHeight();
        for (int sy = 0; sy < h; sy++) {
            for (int sx = 0; sx < w; sx++) {
                int ux;
                int uy;
                switch (inverse) {
                    case 1 -> { ux = sx; uy = sy; }
                    case 2 -> { ux = w - 1 - sx; uy = sy; }
                    case 3 -> { ux = w - 1 - sx; uy = h - 1 - sy; }
                    case 4 -> { ux = sx; uy = h - 1 - sy; }
                    case 5 -> { ux = sy; uy = sx; }
                    case 6 -> { ux = outW - 1 - sy; uy = sx; }
                    case 7 -> { ux = outW - 1 - sy; uy = outH - 1 - sx; }
                    default -> { ux = sy; uy = outH - 1 - sx; }
                }
                out.setRGB(ux, uy, upright.getRGB(sx, sy));
            }
        }
        return out;
    }

    /**
     * The face as frame 1, its mirror image as frame 2, each quantised to its own palette by the JDK's GIF writer
     * (handed an indexed image with a palette of its own, the writer stored the colours wrongly).
     */
    private static byte[] animatedGif(BufferedImage rgb) {
        BufferedImage second = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) {
                second.setRGB(x, y, rgb.getRGB(rgb.getWidth() - 1 - x, y));
            }
        }
        return EncodedImages.animatedGif(List.of(EncodedImages.rgbCopy(rgb), second));
    }
}
