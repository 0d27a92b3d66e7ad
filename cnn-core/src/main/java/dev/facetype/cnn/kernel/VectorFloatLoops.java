package dev.facetype.cnn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatLoops} on the Vector API, in the preferred vector width. Only loaded when the
 * {@code jdk.incubator.vector} module is present.
 */
final class VectorFloatLoops implements FloatLoops.Loops {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    @Override
    public void addInto(float[] dst, int dstOffset, float[] src, int srcOffset, int count) {
        int lanes = SPECIES.length();
        int i = 0;
        for (; i + lanes <= count; i += lanes) {
            FloatVector.fromArray(SPECIES, dst, dstOffset + i)
                    .add(FloatVector.fromArray(SPECIES, src, srcOffset + i))
                    .intoArray(dst, dstOffset + i);
        }
        for (; i < count; i++) {
            dst[dstOffset + i] += src[srcOffset + i];
        }
    }
}
