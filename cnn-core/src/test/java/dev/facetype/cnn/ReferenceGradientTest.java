package dev.facetype.cnn;

import static dev.facetype.cnn.GradientCheck.check;
import static dev.facetype.cnn.GradientCheck.dot;
import static dev.facetype.cnn.GradientCheck.gaussian;

import dev.facetype.cnn.layer.Padding;
import dev.facetype.cnn.reference.ReferenceActivations;
import dev.facetype.cnn.reference.ReferenceBatchNorm;
import dev.facetype.cnn.reference.ReferenceConv2D;
import dev.facetype.cnn.reference.ReferenceDense;
import dev.facetype.cnn.reference.ReferenceMaxPool2D;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference checks, in double precision, of every layer's backward pass as written in the
 * reference implementations. The fast float layers are then held to these references
 * ({@link LayerMatchesReferenceTest}).
 */
class ReferenceGradientTest {

    static Stream<Arguments> convolutions() {
        return Stream.of(
                // batch, channels, height, width, filters, kernel, stride, padding
                Arguments.of(2, 3, 7, 5, 4, 3, 1, Padding.SAME),
                Arguments.of(1, 2, 8, 8, 3, 5, 2, Padding.SAME),
                Arguments.of(2, 3, 9, 7, 2, 3, 2, Padding.VALID),
                Arguments.of(3, 1, 6, 6, 2, 1, 1, Padding.VALID),
                Arguments.of(2, 2, 6, 5, 3, 4, 1, Padding.SAME),
                Arguments.of(1, 2, 5, 6, 2, 2, 3, Padding.SAME));
    }

    @ParameterizedTest(name = "conv n={0} c={1} {2}x{3} f={4} k={5} s={6} {7}")
    @MethodSource("convolutions")
    void convolutionGradients(int batch, int channels, int height, int width, int filters, int kernel, int stride,
                              Padding padding) {
        ReferenceConv2D conv = new ReferenceConv2D(batch, channels, height, width, filters, kernel, stride, padding);
        SplittableRandom random = new SplittableRandom(1);
        double[] x = gaussian(random, batch * channels * height * width);
        double[] w = gaussian(random, filters * channels * kernel * kernel);
        double[] b = gaussian(random, filters);
        double[] r = gaussian(random, batch * filters * conv.outHeight * conv.outWidth);
        ReferenceConv2D.Gradients g = conv.backward(x, w, r);
        check("conv dInput", p -> dot(conv.forward(p, w, b), r), x, g.input());
        check("conv dWeights", p -> dot(conv.forward(x, p, b), r), w, g.weights());
        check("conv dBias", p -> dot(conv.forward(x, w, p), r), b, g.bias());
    }

    @ParameterizedTest(name = "maxpool planes={0} {1}x{2} size={3} stride={4} {5}")
    @MethodSource("pools")
    void maxPoolGradient(int planes, int height, int width, int size, int stride, Padding padding) {
        ReferenceMaxPool2D pool = new ReferenceMaxPool2D(planes, height, width, size, stride, padding);
        SplittableRandom random = new SplittableRandom(2);
        double[] x = gaussian(random, planes * height * width);
        double[] r = gaussian(random, planes * pool.outHeight * pool.outWidth);
        check("maxpool dInput", p -> dot(pool.forward(p), r), x, pool.backward(x, r));
    }

    static Stream<Arguments> pools() {
        return Stream.of(
                Arguments.of(6, 7, 7, 2, 2, Padding.SAME),
                Arguments.of(4, 8, 6, 2, 2, Padding.VALID),
                Arguments.of(3, 9, 9, 3, 2, Padding.VALID),
                Arguments.of(2, 5, 5, 2, 1, Padding.SAME));
    }

    @Test
    void denseGradients() {
        ReferenceDense dense = new ReferenceDense(3, 7, 5);
        SplittableRandom random = new SplittableRandom(3);
        double[] x = gaussian(random, 3 * 7);
        double[] w = gaussian(random, 5 * 7);
        double[] b = gaussian(random, 5);
        double[] r = gaussian(random, 3 * 5);
        ReferenceConv2D.Gradients g = dense.backward(x, w, r);
        check("dense dInput", p -> dot(dense.forward(p, w, b), r), x, g.input());
        check("dense dWeights", p -> dot(dense.forward(x, p, b), r), w, g.weights());
        check("dense dBias", p -> dot(dense.forward(x, w, p), r), b, g.bias());
    }

    @Test
    void batchNormGradients() {
        for (int[] shape : new int[][] {{3, 2, 5}, {4, 3, 1}, {1, 2, 7}}) {
            ReferenceBatchNorm bn = new ReferenceBatchNorm(shape[0], shape[1], shape[2], 1e-5);
            SplittableRandom random = new SplittableRandom(7);
            double[] x = gaussian(random, shape[0] * shape[1] * shape[2]);
            double[] gamma = gaussian(random, shape[1]);
            double[] beta = gaussian(random, shape[1]);
            double[] r = gaussian(random, x.length);
            ReferenceConv2D.Gradients g = bn.backward(x, gamma, r);
            check("batchnorm dInput", p -> dot(bn.forward(p, gamma, beta), r), x, g.input());
            check("batchnorm dGamma", p -> dot(bn.forward(x, p, beta), r), gamma, g.weights());
            check("batchnorm dBeta", p -> dot(bn.forward(x, gamma, p), r), beta, g.bias());
        }
    }

    @Test
    void reluGradient() {
        SplittableRandom random = new SplittableRandom(4);
        double[] x = gaussian(random, 50);
        double[] r = gaussian(random, 50);
        check("relu dInput", p -> dot(ReferenceActivations.relu(p), r), x, ReferenceActivations.reluBackward(x, r));
    }

    @Test
    void dropoutGradient() {
        SplittableRandom random = new SplittableRandom(5);
        double[] x = gaussian(random, 40);
        double[] r = gaussian(random, 40);
        double[] mask = new double[40];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextBoolean() ? 0 : 2;
        }
        check("dropout dInput", p -> dot(ReferenceActivations.dropout(p, mask), r), x,
                ReferenceActivations.dropout(r, mask));
    }

    @Test
    void softmaxCrossEntropyGradient() {
        SplittableRandom random = new SplittableRandom(6);
        int classes = 5;
        int[] labels = {0, 4, 2, 2};
        double[] logits = gaussian(random, labels.length * classes);
        for (int i = 0; i < logits.length; i++) {
            logits[i] *= 3;
        }
        check("softmax cross-entropy dLogits", p -> ReferenceActivations.softmaxCrossEntropy(p, labels, classes),
                logits, ReferenceActivations.softmaxCrossEntropyBackward(logits, labels, classes));
    }
}
