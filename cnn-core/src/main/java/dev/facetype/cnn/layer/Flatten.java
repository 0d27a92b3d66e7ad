package dev.facetype.cnn.layer;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.Tensor;

/** (N, C, H, W) to (N, C*H*W): a view of the same data, no copy. */
public final class Flatten extends AbstractLayer {

    private int batch;

    public Flatten(String name, Shape inputShape) {
        super(name, inputShape, Shape.of(inputShape.size()));
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
        return new Flatten(name(), inputShape());
    }
}
