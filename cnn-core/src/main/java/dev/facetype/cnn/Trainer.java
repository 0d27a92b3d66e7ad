package dev.facetype.cnn;

import dev.facetype.cnn.loss.SoftmaxCrossEntropy;
import dev.facetype.cnn.optim.Optimizer;

/**
 * One training session of a network: forward, softmax cross-entropy, backward, optimiser step. Owns the
 * optimiser state; not thread-safe.
 */
public final class Trainer {

    /** What one step measured on its batch (before the update). */
    public record StepResult(float loss, int correct, int batchSize) {
        public double accuracy() {
            return (double) correct / batchSize;
        }
    }

    private final Network network;
    private final Optimizer optimizer;
    private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();

    public Trainer(Network network, Optimizer optimizer) {
        this.network = network;
        this.optimizer = optimizer;
    }

    /**
     * Trains on one batch. Fails with {@link TrainingDivergedException} if the loss is not finite, before
     * the weights are touched.
     */
    public StepResult step(Tensor inputs, int[] labels) {
        Parameters parameters = network.parameters();
        parameters.zeroGradients();
        Tensor logits = network.forward(inputs, true);
        float value = loss.forward(logits, labels);
        if (!Float.isFinite(value)) {
            throw new TrainingDivergedException(optimizer.steps(), value, optimizer.currentRate());
        }
        network.backward(loss.backward());
        optimizer.step(parameters, network.pool());
        return new StepResult(value, loss.correct(), inputs.batchSize());
    }

    public Network network() {
        return network;
    }

    public Optimizer optimizer() {
        return optimizer;
    }
}
