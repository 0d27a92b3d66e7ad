package dev.facetype.cnn.layer;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.Tensor;

/** Another shape of the same size for each sample: a view of the same data, no copy. */
public final class Reshape extends AbstractLayer {

    private int batch;

    public Reshape(String name, Shape inputShape, Shape outputShape) {
        super(name, inputShape, checked(name, inputShape, outputShape));
    }

    private static Shape checked(String name, Shape input, Shape output) {
        if (input.size() != output.size()) {
            throw new IllegalArgumentException(name + ": cannot reshape " + input + " (" + input.size()
                    + " values) to " + output + " (" + output.size() + ")");
        }
        return output;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        checkInput(x);
        batch = x.batchSize();
        return x.reshape(outputShape().withBatch(batch));
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean needInputGradient) {
        checkGradient(gradOutput, batch);
        return needInputGradient ? gradOutput.reshape(inputShape().withBatch(batch)) : null;
    }

    @Override
    public Layer inferenceCopy() {
        return new Reshape(name(), inputShape(), outputShape());
    }
}
