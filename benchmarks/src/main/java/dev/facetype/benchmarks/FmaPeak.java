package dev.facetype.benchmarks;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 ceiling of one core: nothing but independent fused multiply-adds on 256-bit vectors (AVX2 FMA),
 * no memory traffic. Twelve accumulator chains cover FMA latency times the number of FMA pipes on current x86
 * cores (4 x 2 on Intel, 5 x 2 on AMD Zen), so the loop is bound by FMA throughput alone.
 */
public final class FmaPeak {

    /** Independent accumulator vectors per loop step. */
    public static final int ACCUMULATORS = 12;

    private static final VectorSpecies<Float> F256 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Float> F512 = FloatVector.SPECIES_512;

    private FmaPeak() {
    }

    /** Floating-point operations of {@code steps} loop steps. */
    public static double flops(int steps) {
        return 2.0 * ACCUMULATORS * F256.length() * steps;
    }

    /** Floating-point operations of {@code steps} loop steps of {@link #run512}. */
    public static double flops512(int steps) {
        return 2.0 * ACCUMULATORS * F512.length() * steps;
    }

    /**
     * The same loop on 512-bit vectors (AVX-512; without it the JIT does not compile them to vector
     * instructions and this runs far slower).
     */
    public static float run512(int steps, float seed) {
        FloatVector x = FloatVector.broadcast(F512, 0.999_999f);
        FloatVector y = FloatVector.broadcast(F512, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(F512, seed);
        FloatVector a1 = a0.add(1f);
        FloatVector a2 = a0.add(2f);
        FloatVector a3 = a0.add(3f);
        FloatVector a4 = a0.add(4f);
        FloatVector a5 = a0.add(5f);
        FloatVector a6 = a0.add(6f);
        FloatVector a7 = a0.add(7f);
        FloatVector a8 = a0.add(8f);
        FloatVector a9 = a0.add(9f);
        FloatVector a10 = a0.add(10f);
        FloatVector a11 = a0.add(11f);
        for (int i = 0; i < steps; i++) {
            a0 = x.fma(y, a0);
            a1 = x.fma(y, a1);
            a2 = x.fma(y, a2);
            a3 = x.fma(y, a3);
            a4 = x.fma(y, a4);
            a5 = x.fma(y, a5);
            a6 = x.fma(y, a6);
            a7 = x.fma(y, a7);
            a8 = x.fma(y, a8);
            a9 = x.fma(y, a9);
            a10 = x.fma(y, a10);
            a11 = x.fma(y, a11);
        }
        FloatVector sum = a0.add(a1).add(a2).add(a3).add(a4).add(a5)
                .add(a6).add(a7).add(a8).add(a9).add(a10).add(a11);
        return sum.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    /** Runs {@code steps} loop steps and returns a value that depends on all of them. */
    public static float run(int steps, float seed) {
        FloatVector x = FloatVector.broadcast(F256, 0.999_999f);
        FloatVector y = FloatVector.broadcast(F256, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(F256, seed);
        FloatVector a1 = a0.add(1f);
        FloatVector a2 = a0.add(2f);
        FloatVector a3 = a0.add(3f);
        FloatVector a4 = a0.add(4f);
        FloatVector a5 = a0.add(5f);
        FloatVector a6 = a0.add(6f);
        FloatVector a7 = a0.add(7f);
        FloatVector a8 = a0.add(8f);
        FloatVector a9 = a0.add(9f);
        FloatVector a10 = a0.add(10f);
        FloatVector a11 = a0.add(11f);
        for (int i = 0; i < steps; i++) {
            a0 = x.fma(y, a0);
            a1 = x.fma(y, a1);
            a2 = x.fma(y, a2);
            a3 = x.fma(y, a3);
            a4 = x.fma(y, a4);
            a5 = x.fma(y, a5);
            a6 = x.fma(y, a6);
            a7 = x.fma(y, a7);
            a8 = x.fma(y, a8);
            a9 = x.fma(y, a9);
            a10 = x.fma(y, a10);
            a11 = x.fma(y, a11);
        }
        FloatVector sum = a0.add(a1).add(a2).add(a3).add(a4).add(a5)
                .add(a6).add(a7).add(a8).add(a9).add(a10).add(a11);
        return sum.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
