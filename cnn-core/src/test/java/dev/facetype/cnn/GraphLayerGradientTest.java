package dev.facetype.cnn;

import static dev.facetype.cnn.GradientCheck.check;
import static dev.facetype.cnn.GradientCheck.dot;
import static dev.facetype.cnn.GradientCheck.gaussian;

import dev.facetype.cnn.reference.ReferenceConv2D;
import dev.facetype.cnn.reference.ReferenceElementwise;
import dev.facetype.cnn.reference.ReferenceGroupedConv2D;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference checks, in double precision, of the references behind the layers a detector graph needs:
 * grouped and depthwise convolution with explicit padding, upsampling, sigmoid, channels-last and the sum. The
 * fast layers are held to these references in {@link GraphLayerMatchesReferenceTest}.
 */
class GraphLayerGradientTest {

    static Stream<Arguments> groupedConvolutions() {
        return Stream.of(
                // batch, channels, height, width, filters, kernel, stride, top, left, bottom, right, groups
                Arguments.of(2, 3, 6, 6, 4, 3, 2, 1, 1, 1, 1, 1),     // ordinary conv, ONNX-style stride-2 padding
                Arguments.of(2, 4, 5, 6, 6, 3, 1, 1, 1, 1, 1, 2),     // two groups
                Arguments.of(1, 4, 7, 5, 4, 3, 1, 1, 1, 1, 1, 4),     // depthwise 3x3
                Arguments.of(2, 3, 6, 7, 3, 3, 2, 1, 0, 2, 1, 3),     // depthwise, stride 2, uneven padding
                Arguments.of(1, 6, 4, 4, 3, 1, 1, 0, 0, 0, 0, 3));    // 1x1, two channels per group
    }

    @ParameterizedTest(name = "grouped conv n={0} c={1} {2}x{3} f={4} k={5} s={6} pads {7},{8},{9},{10} groups={11}")
    @MethodSource("groupedConvolutions")
    void groupedConvolutionGradients(int batch, int channels, int height, int width, int filters, int kernel,
                                     int stride, int top, int left, int bottom, int right, int groups) {
        ReferenceGroupedConv2D conv = new ReferenceGroupedConv2D(batch, channels, height, width, filters, kernel,
                stride, top, left, bottom, right, groups);
        SplittableRandom random = new SplittableRandom(31);
        double[] x = gaussian(random, batch * channels * height * width);
        double[] w = gaussian(random, filters * (channels / groups) * kernel * kernel);
        double[] b = gaussian(random, filters);
        double[] r = gaussian(random, batch * filters * conv.outHeight * conv.outWidth);
        ReferenceConv2D.Gradients g = conv.backward(x, w, r);
        check("grouped conv dInput", p -> dot(conv.forward(p, w, b), r), x, g.input());
        check("grouped conv dWeights", p -> dot(conv.forward(x, p, b), r), w, g.weights());
        check("grouped conv dBias", p -> dot(conv.forward(x, w, p), r), b, g.bias());
    }

    @Test
    void upsampleGradient() {
        SplittableRandom random = new SplittableRandom(32);
        for (int factor : new int[] {1, 2, 3}) {
            double[] x = gaussian(random, 3 * 4 * 5);
            double[] r = gaussian(random, 3 * 4 * 5 * factor * factor);
            check("upsample dInput", p -> dot(ReferenceElementwise.upsample(p, 3, 4, 5, factor), r), x,
                    ReferenceElementwise.upsampleBackward(r, 3, 4, 5, factor));
        }
    }

    @Test
    void sigmoidGradient() {
        SplittableRandom random = new SplittableRandom(33);
        double[] x = gaussian(random, 60);
        for (int i = 0; i < x.length; i++) {
            x[i] *= 4;
        }
        double[] r = gaussian(random, 60);
        check("sigmoid dInput", p -> dot(ReferenceElementwise.sigmoid(p), r), x,
                ReferenceElementwise.sigmoidBackward(x, r));
    }

    @Test
    void channelsLastGradient() {
        SplittableRandom random = new SplittableRandom(34);
        double[] x = gaussian(random, 2 * 3 * 4 * 5);
        double[] r = gaussian(random, x.length);
        check("channels-last dInput", p -> dot(ReferenceElementwise.channelsLast(p, 2, 3, 4, 5), r), x,
                ReferenceElementwise.channelsLastBackward(r, 2, 3, 4, 5));
    }

    @Test
    void sumGradientReachesBothInputsUnchanged() {
        SplittableRandom random = new SplittableRandom(35);
        double[] a = gaussian(random, 30);
        double[] b = gaussian(random, 30);
        double[] r = gaussian(random, 30);
        check("sum dFirst", p -> dot(ReferenceElementwise.add(p, b), r), a, r);
        check("sum dSecond", p -> dot(ReferenceElementwise.add(a, p), r), b, r);
    }
}
