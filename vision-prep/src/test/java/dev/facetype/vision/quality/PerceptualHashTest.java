package dev.facetype.vision.quality;

import dev.facetype.testing.EncodedImages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.SharedSets;
import dev.facetype.vision.TestImages;
import dev.facetype.vision.augment.ImageAdjustments;
import dev.facetype.vision.io.ImageLoader;
import dev.facetype.vision.ops.Resize;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PerceptualHashTest {

    private final ImageLoader loader = new ImageLoader();
    private final int limit = QualitySettings.defaults().maxHashDistance();

    @Test
    void copiesOfAPhotoAreWithinTheDefaultDistance() throws Exception {
        RasterImage photo = loader.load(SharedSets.londonPhoto("005"));
        PerceptualHash hash = PerceptualHash.of(photo);
        assertEquals(0, hash.distance(PerceptualHash.of(photo)));
        RasterImage reencoded = loader.load(EncodedImages.jpeg(photo.toBufferedImage(), 0.5f, false), "copy.jpg");
        assertTrue(hash.distance(PerceptualHash.of(reencoded)) <= limit, "JPEG quality 50 copy");
        assertTrue(hash.distance(PerceptualHash.of(Resize.to(photo, 200, 200))) <= limit, "downsized copy");
        assertTrue(hash.distance(PerceptualHash.of(photo.toGray())) <= limit, "gray copy");
        assertTrue(hash.distance(PerceptualHash.of(ImageAdjustments.shiftBrightness(photo, 15))) <= limit, "brighter copy");
    }

    /** A copy cut by a few percent is not caught: the hash follows the layout of the whole frame. */
    @Test
    void croppedCopyIsNotCaught() throws Exception {
        RasterImage photo = loader.load(SharedSets.londonPhoto("005"));
        RasterImage cropped = Resize.region(photo, 15, 15, 482, 482, 512, 512);
        assertTrue(PerceptualHash.of(photo).distance(PerceptualHash.of(cropped)) > limit);
    }

    @Test
    void differentPeopleAreFartherApart() throws Exception {
        PerceptualHash first = PerceptualHash.of(loader.load(SharedSets.londonPhoto("001")));
        for (String other : new String[] {"002", "003", "010", "020"}) {
            PerceptualHash hash = PerceptualHash.of(loader.load(SharedSets.londonPhoto(other)));
            assertTrue(first.distance(hash) > limit, "001 vs " + other + ": " + first.distance(hash));
        }
    }

    /**
     * Yale ships some photos twice under two names ("normal" and "noglasses" of subject 02): caught. Another
     * expression of the same person in the same session is a different photo.
     */
    @Test
    void findsTheYaleDuplicates() throws Exception {
        var dir = dev.facetype.testing.SharedData.require("data/yalefaces");
        PerceptualHash normal = PerceptualHash.of(loader.load(dir.resolve("subject02.normal")));
        PerceptualHash noGlasses = PerceptualHash.of(loader.load(dir.resolve("subject02.noglasses")));
        PerceptualHash happy = PerceptualHash.of(loader.load(dir.resolve("subject02.happy")));
        QualityFilter filter = new QualityFilter(QualitySettings.defaults());
        assertTrue(filter.isNearDuplicate(normal, noGlasses));
        assertTrue(!filter.isNearDuplicate(normal, happy), "another expression is another photo: " + normal.distance(happy));
    }

    @Test
    void hexRoundTripAndDistance() {
        String zeros = "0".repeat(64);
        PerceptualHash a = PerceptualHash.parse("ff" + zeros.substring(2, 62) + "ff");
        PerceptualHash b = PerceptualHash.parse("0f" + zeros.substring(2, 62) + "f0");
        assertEquals("ff" + zeros.substring(2, 62) + "ff", a.toString());
        assertEquals(8, a.distance(b));
        assertEquals(8, PerceptualHash.distance(b, a));
        assertEquals(a, PerceptualHash.parse(a.toString()));
        assertEquals(256, PerceptualHash.parse(zeros).distance(PerceptualHash.parse("f".repeat(64))));
    }

    @Test
    void hashOfARealPhotoRoundTripsThroughText() throws Exception {
        PerceptualHash hash = PerceptualHash.of(loader.load(SharedSets.londonPhoto("007")));
        assertEquals(64, hash.toString().length());
        assertEquals(hash, PerceptualHash.parse(hash.toString()));
        assertEquals(hash.hashCode(), PerceptualHash.parse(hash.toString()).hashCode());
    }

    @Test
    void indexReportsTheEarlierPhoto() {
        NearDuplicateIndex index = new NearDuplicateIndex(4);
        String zeros = "0".repeat(64);
        PerceptualHash a = PerceptualHash.parse(zeros);
        PerceptualHash nearA = PerceptualHash.parse(zeros.substring(0, 63) + "7");
        PerceptualHash far = PerceptualHash.parse("f".repeat(64));
        assertEquals(Optional.empty(), index.findOrAdd("a.jpg", a));
        assertEquals(Optional.empty(), index.findOrAdd("far.jpg", far));
        NearDuplicateIndex.Match match = index.findOrAdd("a-copy.jpg", nearA).orElseThrow();
        assertEquals("a.jpg", match.photo());
        assertEquals(3, match.distance());
        assertEquals(2, index.size(), "duplicates are not recorded");
    }
}
