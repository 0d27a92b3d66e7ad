package dev.facetype.vision.io;

import dev.facetype.testing.EncodedImages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.SharedSets;
import dev.facetype.vision.TestImages;
import dev.facetype.vision.io.ImageLoadException.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a file can fail gives its own reason and a message naming the file and the problem. */
class ImageLoaderErrorsTest {

    @TempDir
    Path dir;

    private final ImageLoader loader = new ImageLoader();

    @Test
    void emptyFile() throws Exception {
        Path file = Files.write(dir.resolve("empty.jpg"), new byte[0]);
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> loader.load(file));
        assertEquals(Reason.EMPTY, e.reason());
        assertMessage(e, file.toString(), "empty");
    }

    @Test
    void textFileNamedLikeAPhoto() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.jpg"), "shopping list: soy sauce, sugar, salt");
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> loader.load(file));
        assertEquals(Reason.NOT_AN_IMAGE, e.reason());
        assertMessage(e, file.toString(), "not an image");
    }

    @Test
    void webpAndHeicAreNamedAsUnsupported() {
        byte[] webp = ascii("RIFF\0\0\0\0WEBPVP8 ");
        byte[] heic = ascii("\0\0\0\u0018ftypheic\0\0\0\0");
        ImageLoadException e1 = assertThrows(ImageLoadException.class, () -> loader.load(webp, "phone.webp"));
        assertEquals(Reason.UNSUPPORTED_FORMAT, e1.reason());
        assertMessage(e1, "phone.webp", "WebP");
        ImageLoadException e2 = assertThrows(ImageLoadException.class, () -> loader.load(heic, "IMG_0001.HEIC"));
        assertEquals(Reason.UNSUPPORTED_FORMAT, e2.reason());
        assertMessage(e2, "IMG_0001.HEIC", "HEIC");
    }

    /** A cut-off JPEG decodes to a half-gray picture with only a warning: it must be refused. */
    @Test
    void truncatedJpeg() throws Exception {
        byte[] whole = Files.readAllBytes(SharedSets.londonPhoto("001"));
        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> loader.load(half, "cut.jpg"));
        assertEquals(Reason.TRUNCATED_OR_CORRUPT, e.reason());
        assertMessage(e, "cut.jpg", "cut short");
    }

    @Test
    void truncatedPngGifTiffAndPgm() throws Exception {
        byte[] png = EncodedImages.encode(TestImages.random(64, 64, 3, 0, 255, 1).toBufferedImage(), "png");
        Path tiff = SharedSets.files("data/jaffe/images", ".tiff").get(0);
        Path pgm = SharedSets.files("data/att_faces", ".pgm").get(0);
        Path gif = SharedSets.files("data/yalefaces", ".happy").get(0);
        for (byte[] whole : new byte[][] {png, Files.readAllBytes(tiff), Files.readAllBytes(pgm), Files.readAllBytes(gif)}) {
            byte[] cut = Arrays.copyOf(whole, whole.length * 2 / 3);
            ImageLoadException e = assertThrows(ImageLoadException.class, () -> loader.load(cut, "cut-file"));
            assertEquals(Reason.TRUNCATED_OR_CORRUPT, e.reason(), e.getMessage());
            assertMessage(e, "cut-file", "damaged");
        }
    }

    /** A 100,000 x 100,000 PNG header (a decompression bomb) is refused from the header alone, at once. */
    @Test
    void decompressionBombIsRefusedFromTheHeader() {
        byte[] bomb = pngWithDeclaredSize(100_000, 100_000);
        ImageLoadException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(ImageLoadException.class, () -> loader.load(bomb, "bomb.png")));
        assertEquals(Reason.TOO_LARGE, e.reason());
        assertMessage(e, "bomb.png", "100000x100000");
        assertMessage(e, "bomb.png", "10000.0 megapixels");
    }

    @Test
    void pixelCapIsConfigurable() throws Exception {
        ImageLoader small = new ImageLoader(LoadOptions.defaults().withMaxPixels(512 * 512 - 1));
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> small.load(SharedSets.londonPhoto("001")));
        assertEquals(Reason.TOO_LARGE, e.reason());
        RasterImage fits = new ImageLoader(LoadOptions.defaults().withMaxPixels(512 * 512)).load(SharedSets.londonPhoto("001"));
        assertEquals(512, fits.width());
    }

    @Test
    void streamLongerThanTheByteLimit() {
        ImageLoader limited = new ImageLoader(LoadOptions.defaults().withMaxFileBytes(1000));
        ImageLoadException e = assertThrows(ImageLoadException.class,
                () -> limited.load(new ByteArrayInputStream(new byte[5000]), "upload"));
        assertEquals(Reason.TOO_LARGE, e.reason());
        assertMessage(e, "upload", "1000 bytes");
    }

    @Test
    void missingFileAndDirectory() {
        Path missing = dir.resolve("nowhere.jpg");
        ImageLoadException e1 = assertThrows(ImageLoadException.class, () -> loader.load(missing));
        assertEquals(Reason.UNREADABLE, e1.reason());
        assertMessage(e1, missing.toString(), "no such file");
        ImageLoadException e2 = assertThrows(ImageLoadException.class, () -> loader.load(dir));
        assertEquals(Reason.UNREADABLE, e2.reason());
        assertMessage(e2, dir.toString(), "directory");
    }

    /** Folder names like しょうゆ顔 must work: paths stay java.nio paths, never bytes in a default charset. */
    @Test
    void readsFromANonAsciiPathAndFromAStream() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("しょうゆ顔"));
        Path file = Files.copy(SharedSets.londonPhoto("002"), folder.resolve("写真 1.jpg"));
        RasterImage fromPath = loader.load(file);
        RasterImage fromStream = loader.load(Files.newInputStream(file), "upload");
        assertEquals(fromPath, fromStream);
        assertEquals(512, fromPath.width());
    }

    private static void assertMessage(ImageLoadException e, String source, String problem) {
        assertTrue(e.getMessage().startsWith(source + ": "), "message should start with the source: " + e.getMessage());
        assertTrue(e.getMessage().contains(problem), "message should mention '" + problem + "': " + e.getMessage());
        assertEquals(source, e.sourceName());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A valid 1x1 PNG whose IHDR is rewritten (with a correct CRC) to declare another size. */
    private static byte[] pngWithDeclaredSize(int width, int height) {
        byte[] png = EncodedImages.encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png");
        ByteBuffer buffer = ByteBuffer.wrap(png);
        // Signature (8), IHDR length (4), "IHDR" (4), then width and height.
        buffer.putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 4 + 13);
        buffer.putInt(29, (int) crc.getValue());
        return png;
    }
}
