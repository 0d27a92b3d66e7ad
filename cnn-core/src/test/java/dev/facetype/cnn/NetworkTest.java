package dev.facetype.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.cnn.io.Json;
import dev.facetype.cnn.layer.Initializer;
import dev.facetype.cnn.layer.Padding;
import dev.facetype.cnn.optim.Adam;
import dev.facetype.cnn.parallel.ComputePool;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NetworkTest {

    /** A small version of the study's network: conv, pool, conv, pool, dense, dropout, dense. */
    static NetworkSpec smallStudyNet() {
        return NetworkSpec.builder(3, 16, 16)
                .conv(8, 5).relu().maxPool(2)
                .conv(16, 5).relu().maxPool(2)
                .flatten().dense(32).relu().dropout(0.5)
                .dense(4, Initializer.GLOROT)
                .build();
    }

    static Tensor randomBatch(long seed, int batch, Shape sample) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] data = new float[batch * sample.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        return new Tensor(sample.withBatch(batch), data);
    }

    static int[] randomLabels(long seed, int batch, int classes) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = random.nextInt(classes);
        }
        return labels;
    }

    private static float[] train(NetworkSpec spec, int threads, int steps) {
        try (ComputePool pool = ComputePool.create(threads)) {
            Network network = Network.create(spec, 42, pool);
            Trainer trainer = new Trainer(network, Adam.withRate(1e-3));
            for (int step = 0; step < steps; step++) {
                trainer.step(randomBatch(step, 6, spec.inputShape()), randomLabels(step, 6, 4));
            }
            return network.parameters().values().clone();
        }
    }

    @Test
    void sameSeedAndThreadCountGiveBitIdenticalWeights() {
        NetworkSpec spec = smallStudyNet();
        float[] first = train(spec, 2, 5);
        float[] second = train(spec, 2, 5);
        assertArrayEquals(first, second, "two runs, same seed, 2 threads");
        float[] untrained = Network.create(spec, 42, ComputePool.create(1)).parameters().values();
        assertFalse(java.util.Arrays.equals(first, untrained), "training changed the weights");
    }

    @Test
    void zeroedGradientsOfDenseLayersAreOverwrittenNotAccumulated() {
        // Dense layers clear their own weight gradients by overwriting them after zeroGradients (the parameters
        // only mark those blocks): the gradients must read as if they had been cleared.
        NetworkSpec spec = NetworkSpec.builder(3, 8, 8).conv(4, 3).relu().flatten().dense(16).relu().dense(4)
                .build();
        try (ComputePool pool = ComputePool.create(2)) {
            Network network = Network.create(spec, 7, pool);
            Parameters parameters = network.parameters();
            Tensor x = randomBatch(3, 5, spec.inputShape());
            dev.facetype.cnn.loss.SoftmaxCrossEntropy loss = new dev.facetype.cnn.loss.SoftmaxCrossEntropy();
            int[] labels = randomLabels(3, 5, 4);

            parameters.zeroGradients();
            loss.forward(network.forward(x, true), labels);
            network.backward(loss.backward());
            float[] once = parameters.gradients().clone();
            assertTrue(java.util.Arrays.stream(toDoubles(once)).anyMatch(g -> g != 0), "some gradient is not zero");

            // A second backward pass without zeroing adds to every block, the dense weights included.
            loss.forward(network.forward(x, true), labels);
            network.backward(loss.backward());
            float[] twice = parameters.gradients().clone();
            for (int i = 0; i < once.length; i++) {
                assertEquals(2 * once[i], twice[i], 1e-6f * Math.max(1f, Math.abs(2 * once[i])), "index " + i);
            }

            // Zeroed, then read before any backward pass: all zero.
            parameters.zeroGradients();
            assertArrayEquals(new float[once.length], parameters.gradients());

            // Zeroed, then one backward pass: the first pass's gradients again, exactly.
            parameters.zeroGradients();
            loss.forward(network.forward(x, true), labels);
            network.backward(loss.backward());
            assertArrayEquals(once, parameters.gradients());
        }
    }

    private static double[] toDoubles(float[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }

    @Test
    void multithreadedTrainingMatchesSingleThreaded() {
        NetworkSpec spec = smallStudyNet();
        float[] single = train(spec, 1, 3);
        float[] multi = train(spec, 2, 3);
        float[] three = train(spec, 3, 3);
        double worst = 0;
        for (int i = 0; i < single.length; i++) {
            worst = Math.max(worst, Math.abs(single[i] - multi[i]));
            worst = Math.max(worst, Math.abs(single[i] - three[i]));
        }
        assertTrue(worst < 1e-4, "weights after 3 steps differ by " + worst + " between thread counts");
    }

    @Test
    void sameSeedSameInitialWeightsAndDifferentSeedDifferent() {
        NetworkSpec spec = smallStudyNet();
        float[] a = Network.create(spec, 7, ComputePool.create(1)).parameters().values();
        float[] b = Network.create(spec, 7, ComputePool.create(1)).parameters().values();
        float[] c = Network.create(spec, 8, ComputePool.create(1)).parameters().values();
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void heInitialisationHasTheRightSpread() {
        NetworkSpec spec = NetworkSpec.builder(50).dense(400).build();
        Network network = Network.create(spec, 3, ComputePool.create(1));
        Parameters.Block weights = network.parameters().blocks().get(0);
        double sumSquares = 0;
        for (int i = 0; i < weights.length(); i++) {
            double w = network.parameters().values()[weights.offset() + i];
            sumSquares += w * w;
        }
        double std = Math.sqrt(sumSquares / weights.length());
        assertEquals(Math.sqrt(2.0 / 50), std, 0.01, "He: std = sqrt(2 / fanIn)");
        Parameters.Block bias = network.parameters().blocks().get(1);
        for (int i = 0; i < bias.length(); i++) {
            assertEquals(0f, network.parameters().values()[bias.offset() + i]);
        }
    }

    @Test
    void lossFallsOnALearnableProblem() {
        NetworkSpec spec = NetworkSpec.builder(1, 8, 8).conv(4, 3).relu().maxPool(2).flatten().dense(2, Initializer.GLOROT).build();
        Network network = Network.create(spec, 1, ComputePool.create(2));
        Trainer trainer = new Trainer(network, Adam.withRate(0.01));
        // class 1: bright top half; class 0: bright bottom half
        float first = 0;
        float last = 0;
        for (int step = 0; step < 60; step++) {
            Tensor x = Tensor.zeros(8, 1, 8, 8);
            int[] labels = new int[8];
            for (int n = 0; n < 8; n++) {
                labels[n] = (n + step) % 2;
                for (int y = 0; y < 4; y++) {
                    for (int xx = 0; xx < 8; xx++) {
                        x.data()[n * 64 + (labels[n] == 1 ? y : y + 4) * 8 + xx] = 1f;
                    }
                }
            }
            Trainer.StepResult result = trainer.step(x, labels);
            if (step == 0) {
                first = result.loss();
            }
            last = result.loss();
        }
        assertTrue(last < first / 10, "loss went from " + first + " to " + last);
    }

    @Test
    void shapeErrorsNameTheLayerAndBothShapes() {
        Network network = Network.create(smallStudyNet(), 1, ComputePool.create(1));
        ShapeMismatchException error = assertThrows(ShapeMismatchException.class,
                () -> network.forward(Tensor.zeros(2, 16, 16, 3), false));
        assertTrue(error.getMessage().contains("conv2d_1"), error.getMessage());
        assertTrue(error.getMessage().contains("[N, 3, 16, 16]"), error.getMessage());
        assertTrue(error.getMessage().contains("[2, 16, 16, 3]"), error.getMessage());
        IllegalArgumentException noFlatten = assertThrows(IllegalArgumentException.class,
                () -> Network.create(NetworkSpec.builder(3, 8, 8).dense(4).build(), 1, ComputePool.create(1)));
        assertTrue(noFlatten.getMessage().contains("dense_1") && noFlatten.getMessage().contains("flatten"),
                noFlatten.getMessage());
    }

    @Test
    void specSurvivesJson() {
        NetworkSpec spec = NetworkSpec.builder(3, 64, 64)
                .conv(32, 5).relu().maxPool(2)
                .conv(64, 3, 2, Padding.VALID).relu().maxPool(3, 2, Padding.VALID)
                .flatten().dense(1024).relu().dropout(0.5).dense(4, Initializer.GLOROT).build();
        NetworkSpec back = NetworkSpec.fromMap(Json.parseObject(Json.write(spec.toMap())));
        assertEquals(spec, back);
        assertEquals(Network.parameterCount(spec), Network.parameterCount(back));
    }

    @Test
    void inferenceCopyPredictsTheSameAndSharesWeights() {
        Network network = Network.create(smallStudyNet(), 5, ComputePool.create(2));
        Network copy = network.inferenceCopy();
        Tensor x = randomBatch(9, 3, network.spec().inputShape());
        assertArrayEquals(network.predictProbabilities(x).data(), copy.predictProbabilities(x).data());
        network.parameters().values()[0] += 1f;
        assertArrayEquals(network.predictProbabilities(x).data(), copy.predictProbabilities(x).data(),
                "the copy reads the same weights");
        float[] p = network.predictProbabilities(x).data();
        for (int n = 0; n < 3; n++) {
            float sum = 0;
            for (int c = 0; c < 4; c++) {
                sum += p[n * 4 + c];
            }
            assertEquals(1f, sum, 1e-5);
        }
    }
}
