package dev.facetype.cnn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vector loops give the plain loops' results bit for bit, at every length and offset; both leave the rest. */
class FloatLoopsTest {

    @Test
    void addIntoMatchesThePlainLoop() {
        SplittableRandom random = new SplittableRandom(9);
        String[] families = Sgemm.vectorAvailable() ? new String[] {"scalar", "vector"} : new String[] {"scalar"};
        for (String family : families) {
            FloatLoops.Loops loops = FloatLoops.named(family);
            for (int count = 0; count <= 70; count++) {
                int dstOffset = random.nextInt(5);
                int srcOffset = random.nextInt(5);
                float[] dst = new float[dstOffset + count + 3];
                float[] src = new float[srcOffset + count + 3];
                for (int i = 0; i < dst.length; i++) {
                    dst[i] = (float) random.nextGaussian();
                }
                for (int i = 0; i < src.length; i++) {
                    src[i] = (float) random.nextGaussian();
                }
                float[] expected = dst.clone();
                for (int i = 0; i < count; i++) {
                    expected[dstOffset + i] += src[srcOffset + i];
                }
                loops.addInto(dst, dstOffset, src, srcOffset, count);
                assertArrayEquals(expected, dst, family + " count " + count);
            }
        }
        float[] same = {1f, 2f, 3f, 4f};
        FloatLoops.addInto(same, 1, same, 0, 0);
        assertArrayEquals(new float[] {1f, 2f, 3f, 4f}, same);
    }
}
