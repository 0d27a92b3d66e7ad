package dev.facetype.vision.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.SharedSets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decodes every photo of the shared face sets, each in its own format. */
class ImageLoaderSharedDataTest {

    private final ImageLoader rgb = new ImageLoader();
    private final ImageLoader gray = new ImageLoader(LoadOptions.defaults().withColorMode(ColorMode.GRAY));

    @Test
    void readsLondonJpegsAsRgbAndAsLuma() throws Exception {
        RasterImage color = rgb.load(SharedSets.londonPhoto("001"));
        RasterImage luma = gray.load(SharedSets.londonPhoto("001"));
        assertEquals(512, color.width());
        assertEquals(512, color.height());
        assertEquals(3, color.channels());
        assertEquals(1, luma.channels());
        assertEquals(color.toGray(), luma, "gray mode must give the BT.601 luma of the colour pixels");
        assertTrue(channelSpread(color) > 10, "a colour photo must not come out gray");
    }

    /** PGM P5 with a fixed header: the loaded pixels must be the file's bytes after it, exactly. */
    @Test
    void readsEveryAttPgmWithExactPixels() throws Exception {
        List<Path> files = SharedSets.files("data/att_faces", ".pgm");
        assertEquals(400, files.size());
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            String header = "P5\n92 112\n255\n";
            assertEquals(header, new String(bytes, 0, header.length(), StandardCharsets.US_ASCII), file + " header");
            RasterImage image = gray.load(file);
            assertEquals(92, image.width(), file.toString());
            assertEquals(112, image.height(), file.toString());
            assertArrayEquals(Arrays.copyOfRange(bytes, header.length(), bytes.length), image.toByteArray(), file.toString());
        }
    }

    /** Yale's files are GIFs without an extension: recognised by content. */
    @Test
    void readsEveryYaleGifWithoutExtension() throws Exception {
        List<Path> files = SharedSets.files("data/yalefaces", "");
        files = files.stream().filter(p -> p.getFileName().toString().startsWith("subject")).toList();
        assertEquals(164, files.size());
        for (Path file : files) {
            assertTrue(!file.getFileName().toString().endsWith(".gif"));
            RasterImage image = rgb.load(file);
            assertEquals(320, image.width(), file.toString());
            assertEquals(243, image.height(), file.toString());
            assertEquals(0, channelSpread(image), file + " is a gray image: r = g = b");
            double mean = mean(image);
            assertTrue(mean > 20 && mean < 235, file + " mean " + mean);
        }
    }

    /** JAFFE: 256x256 TIFF, 190 gray and 23 palette files; both kinds must give the same kind of picture. */
    @Test
    void readsEveryJaffeTiff() throws Exception {
        List<Path> files = SharedSets.files("data/jaffe/images", ".tiff");
        assertEquals(213, files.size());
        for (Path file : files) {
            RasterImage image = gray.load(file);
            assertEquals(256, image.width(), file.toString());
            assertEquals(256, image.height(), file.toString());
            double mean = mean(image);
            assertTrue(mean > 40 && mean < 220, file + " mean " + mean);
            assertEquals(image, rgb.load(file).toGray(), file + ": gray and colour modes agree");
        }
    }

    private static double mean(RasterImage image) {
        long sum = 0;
        for (byte b : image.toByteArray()) {
            sum += b & 0xFF;
        }
        return (double) sum / (image.pixelCount() * image.channels());
    }

    /** The largest difference between the channels of any pixel. */
    private static int channelSpread(RasterImage image) {
        int spread = 0;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int r = image.sample(x, y, 0);
                int g = image.sample(x, y, 1);
                int b = image.sample(x, y, 2);
                spread = Math.max(spread, Math.max(Math.abs(r - g), Math.max(Math.abs(g - b), Math.abs(r - b))));
            }
        }
        return spread;
    }
}
