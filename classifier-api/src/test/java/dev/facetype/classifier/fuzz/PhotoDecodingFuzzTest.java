package dev.facetype.classifier.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.facetype.vision.RasterImage;
import dev.facetype.vision.io.ColorMode;
import dev.facetype.vision.io.ImageLoadException;
import dev.facetype.vision.io.ImageLoader;
import dev.facetype.vision.io.LoadOptions;

/**
 * Any bytes given as a photo either decode into a sound image or fail with an {@link ImageLoadException}
 * whose message names the source: no other exception or error may escape {@link ImageLoader}, the entry of
 * every photo (command line, web upload, dataset preparation).
 *
 * <p>In the normal build this runs the committed inputs in {@code PhotoDecodingFuzzTestInputs/} (seeds made by
 * {@link FuzzSeedWriter}, and every input a fuzzing run ever found). To fuzz, see the README's "Reliability"
 * section: {@code JAZZER_FUZZ=1 ./mvnw -pl classifier-api test -Dtest=PhotoDecodingFuzzTest}.
 */
class PhotoDecodingFuzzTest {

    /** Smaller than the default 50 MP so that a fuzzer's valid giant headers decode in milliseconds. */
    private static final long MAX_PIXELS = 4_000_000;
    private static final ImageLoader RGB = new ImageLoader(LoadOptions.defaults().withMaxPixels(MAX_PIXELS));
    private static final ImageLoader GRAY = new ImageLoader(LoadOptions.defaults().withMaxPixels(MAX_PIXELS)
            .withColorMode(ColorMode.GRAY));

    @FuzzTest(maxDuration = "2m")
    void anyBytesDecodeOrFailWithAReason(byte[] data) {
        // The length's parity picks the colour mode, so both conversions are fuzzed from one corpus.
        ImageLoader loader = data.length % 2 == 0 ? RGB : GRAY;
        try {
            RasterImage image = loader.load(data, "upload.jpg");
            check(image.width() > 0 && image.height() > 0, "an empty image was returned");
            check((long) image.width() * image.height() <= MAX_PIXELS, "more pixels than the limit were decoded");
            check(image.channels() == loader.options().colorMode().channels(), "wrong channel count "
                    + image.channels());
            check(image.toByteArray().length == image.width() * image.height() * image.channels(),
                    "pixel buffer does not match the size");
        } catch (ImageLoadException e) {
            check(e.getMessage().startsWith("upload.jpg: "), "message does not name the source: " + e.getMessage());
            check(e.reason() != null, "no reason");
        }
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new AssertionError(problem);
        }
    }
}
