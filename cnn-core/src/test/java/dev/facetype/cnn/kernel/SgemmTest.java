package dev.facetype.cnn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both kernel families against {@link ReferenceSgemm}, selected explicitly so both run in every build. */
class SgemmTest {

    private static final int[] EDGE_SIZES = {1, 3, 5, 7, 15, 17, 33, 65};

    /**
     * Every vector kernel runs on every machine, whichever one {@link Sgemm} would pick by itself: the 512-bit
     * 8 x 32 tile (slow but correct without AVX-512) and both 256-bit tiles.
     */
    private static final List<String> KERNELS = List.of("vector-8x32", "vector-8x16", "vector-4x16", "scalar");

    static Stream<String> kernels() {
        return KERNELS.stream();
    }

    private static GemmKernel kernel(String name) {
        switch (name) {
            case "vector-8x32":
                return new VectorGemm512();
            case "vector-8x16":
                return new VectorGemm(8);
            case "vector-4x16":
                return new VectorGemm(4);
            default:
                return Sgemm.kernel(name);
        }
    }

    /** Every kernel x transpose combination x accumulate flag. */
    static Stream<Arguments> variants() {
        List<Arguments> variants = new ArrayList<>();
        for (String kernel : KERNELS) {
            for (int t = 0; t < 4; t++) {
                for (boolean accumulate : new boolean[] {false, true}) {
                    variants.add(Arguments.of(kernel, (t & 1) != 0, (t & 2) != 0, accumulate));
                }
            }
        }
        return variants.stream();
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void handComputedProductIsExact(String implementation) {
        // [1 2 3; 4 5 6] * [7 8; 9 10; 11 12] = [58 64; 139 154]
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {7, 8, 9, 10, 11, 12};
        float[] c = {100, 200, 300, 400};
        GemmKernel kernel = kernel(implementation);
        GemmWorkspace workspace = new GemmWorkspace();
        kernel.multiply(false, false, 2, 2, 3, a, 0, 3, b, 0, 2, false, c, 0, 2, workspace);
        assertArrayEquals(new float[] {58, 64, 139, 154}, c);

        // The same product from transposed storage, accumulated onto the previous result.
        float[] aT = {1, 4, 2, 5, 3, 6};
        float[] bT = {7, 9, 11, 8, 10, 12};
        kernel.multiply(true, true, 2, 2, 3, aT, 0, 2, bT, 0, 3, true, c, 0, 2, workspace);
        assertArrayEquals(new float[] {116, 128, 278, 308}, c);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void edgeSizesMatchReference(String implementation, boolean transA, boolean transB, boolean accumulate) {
        GemmKernel kernel = kernel(implementation);
        GemmWorkspace workspace = new GemmWorkspace();
        long seed = 1;
        for (int m : EDGE_SIZES) {
            for (int n : EDGE_SIZES) {
                int k = EDGE_SIZES[(m + n) % EDGE_SIZES.length];
                GemmCase.dense(transA, transB, m, n, k, accumulate, seed++).check(kernel, workspace);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void offsetsAndWideStridesMatchReference(String implementation, boolean transA, boolean transB,
                                             boolean accumulate) {
        GemmKernel kernel = kernel(implementation);
        GemmWorkspace workspace = new GemmWorkspace();
        int[][] shapes = {{1, 1, 1}, {4, 16, 8}, {5, 17, 9}, {33, 65, 15}, {65, 7, 33}, {7, 130, 3}};
        long seed = 100;
        for (int[] shape : shapes) {
            for (int padding : new int[] {1, 9}) {
                GemmCase.padded(transA, transB, shape[0], shape[1], shape[2], accumulate, padding, seed++)
                        .check(kernel, workspace);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void blockBoundariesMatchReference(String implementation, boolean transA, boolean transB,
                                       boolean accumulate) {
        // Large k crosses several k slices; m past one row block, n past one column block, ragged edges.
        GemmKernel kernel = kernel(implementation);
        GemmWorkspace workspace = new GemmWorkspace();
        GemmCase.dense(transA, transB, 5, 19, 1031, accumulate, 7).check(kernel, workspace);
        GemmCase.padded(transA, transB, 67, 1029, 259, accumulate, 3, 8).check(kernel, workspace);
        // One k slice with a C larger than L2: the 512-bit family's row and column blocks for such products.
        GemmCase.padded(transA, transB, 37, 8200, 33, accumulate, 2, 9).check(kernel, workspace);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void narrowProductsMatchReference(String implementation, boolean transA, boolean transB,
                                      boolean accumulate) {
        // n at most one B panel wide: a plain A is then read in place by the vector kernels. Full and ragged
        // row panels, full and narrow B panels, k across several in-place slices, padded strides.
        GemmKernel kernel = kernel(implementation);
        GemmWorkspace workspace = new GemmWorkspace();
        int[][] shapes = {{8, 32, 1200}, {67, 32, 1031}, {17, 5, 600}, {9, 1, 513}, {64, 16, 77}, {3, 32, 5},
            {16, 31, 512}, {40, 32, 1}};
        long seed = 500;
        for (int[] shape : shapes) {
            GemmCase.dense(transA, transB, shape[0], shape[1], shape[2], accumulate, seed++)
                    .check(kernel, workspace);
            GemmCase.padded(transA, transB, shape[0], shape[1], shape[2], accumulate, 5, seed++)
                    .check(kernel, workspace);
        }
    }

    static Stream<Arguments> layerShapes() {
        int[][] shapes = {
            // transA, transB, m, n, k
            {0, 0, 32, 4096, 75},    // conv1 forward: weights 32x75 times im2col 75x4096
            {0, 0, 64, 1024, 800},   // conv2 forward
            {0, 1, 32, 75, 4096},    // conv1 backward-weights: dOut 32x4096 times col^T
            {0, 1, 64, 800, 1024},   // conv2 backward-weights
            {1, 0, 75, 4096, 32},    // conv1 backward-data: W^T times dOut
            {1, 0, 800, 1024, 64},   // conv2 backward-data
            {0, 1, 32, 1024, 4096},  // dense forward, batch 32, weights stored out x in
            {0, 1, 1024, 32, 4096},  // the same as out^T = W * input^T (A read in place)
            {0, 0, 32, 784, 25},     // MNIST conv1 forward
            {0, 0, 64, 196, 800},    // MNIST conv2 forward
        };
        return Stream.of(shapes).map(s -> Arguments.of(s[0] == 1, s[1] == 1, s[2], s[3], s[4]));
    }

    @ParameterizedTest(name = "transA={0} transB={1} {2}x{3}x{4}")
    @MethodSource("layerShapes")
    void layerShapesMatchReference(boolean transA, boolean transB, int m, int n, int k) {
        // One (slow) reference product per shape, shared by all kernels.
        GemmCase problem = GemmCase.dense(transA, transB, m, n, k, true, m * 31L + n * 7L + k);
        for (String implementation : KERNELS) {
            problem.check(kernel(implementation), new GemmWorkspace());
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void oneWorkspaceServesShapesOfAnySizeInAnyOrder(String implementation) {
        GemmKernel kernel = kernel(implementation);
        GemmWorkspace workspace = new GemmWorkspace();
        GemmCase.dense(false, true, 70, 300, 500, false, 11).check(kernel, workspace);
        GemmCase.dense(true, false, 3, 5, 7, true, 12).check(kernel, workspace);
        GemmCase.dense(false, false, 17, 33, 300, false, 13).check(kernel, workspace);
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void workspaceStopsGrowingOnceAShapeHasBeenSeen(String implementation) {
        GemmKernel kernel = kernel(implementation);
        GemmWorkspace workspace = new GemmWorkspace();
        GemmCase problem = GemmCase.dense(false, false, 64, 1024, 800, false, 21);
        problem.check(kernel, workspace);
        long capacity = workspace.capacity();
        problem.check(kernel, workspace);
        GemmCase.dense(true, true, 20, 300, 100, true, 22).check(kernel, workspace);
        assertEquals(capacity, workspace.capacity());
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void emptyInnerDimensionClearsOrKeepsC(String implementation) {
        GemmKernel kernel = kernel(implementation);
        float[] c = {1, 2, 3, 4};
        kernel.multiply(false, false, 2, 2, 0, new float[0], 0, 1, new float[0], 0, 2,
                true, c, 0, 2, new GemmWorkspace());
        assertArrayEquals(new float[] {1, 2, 3, 4}, c);
        kernel.multiply(false, false, 2, 2, 0, new float[0], 0, 1, new float[0], 0, 2,
                false, c, 0, 2, new GemmWorkspace());
        assertArrayEquals(new float[4], c);
    }

    @Test
    void rejectsStridesShorterThanARowAndMatricesPastTheirArrays() {
        GemmWorkspace workspace = new GemmWorkspace();
        float[] four = new float[4];
        assertThrows(IllegalArgumentException.class, () -> Sgemm.multiply(false, false, 2, 2, 2,
                four, 0, 1, four, 0, 2, false, four.clone(), 0, 2, workspace));
        assertThrows(IndexOutOfBoundsException.class, () -> Sgemm.multiply(false, false, 2, 2, 2,
                four, 1, 2, four, 0, 2, false, four.clone(), 0, 2, workspace));
        assertThrows(IndexOutOfBoundsException.class, () -> ReferenceSgemm.multiply(false, true, 2, 2, 2,
                four, 0, 2, four, 0, 2, false, new float[3], 0, 2));
        assertThrows(IllegalArgumentException.class, () -> Sgemm.multiply(false, false, -1, 2, 2,
                four, 0, 2, four, 0, 2, false, four.clone(), 0, 2, workspace));
    }

    @Test
    void selectsTheVectorKernelsWhenTheModuleIsPresent() {
        String forced = System.getProperty(Sgemm.KERNELS_PROPERTY);
        // A forced width ("vector-512") is still the vector family.
        String expected = forced != null ? forced.replaceAll("-\\d+$", "")
                : Sgemm.vectorAvailable() ? "vector" : "scalar";
        assertEquals(expected, Sgemm.implementation());
        assertEquals("vector", Sgemm.kernel("vector").name());
        assertEquals("scalar", Sgemm.kernel("scalar").name());
        assertThrows(IllegalArgumentException.class, () -> Sgemm.kernel("gpu"));
    }

    @Test
    void theVectorWidthFollowsThePreferredSpeciesUnlessNamed() {
        GemmKernel wide = Sgemm.kernel("vector-512");
        GemmKernel narrow = Sgemm.kernel("vector-256");
        assertEquals("vector", wide.name());
        assertEquals("vector", narrow.name());
        assertEquals("8x32", wide.tile());
        boolean avx512 = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
        assertEquals(avx512 ? "8x16" : "4x16", narrow.tile());
        assertEquals(avx512 ? "8x32" : narrow.tile(), Sgemm.kernel("vector").tile());
        if (System.getProperty(Sgemm.KERNELS_PROPERTY) == null) {
            assertEquals(Sgemm.kernel("vector").tile(), Sgemm.tile());
        }
        // Named widths give the reference's result whatever the CPU.
        for (GemmKernel kernel : List.of(wide, narrow)) {
            GemmCase.dense(false, true, 37, 70, 45, true, 5).check(kernel, new GemmWorkspace());
        }
    }
}
