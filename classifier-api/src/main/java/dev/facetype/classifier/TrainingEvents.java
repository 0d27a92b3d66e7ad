package dev.facetype.classifier;

import java.util.Optional;

/** The events a {@link TrainingListener} receives. */
public final class TrainingEvents {

    private TrainingEvents() {
    }

    /**
     * @param firstEpoch 0 for a fresh run, later when resuming from a checkpoint
     */
    public record Started(int epochs, int firstEpoch, int batchesPerEpoch, int trainSamples, int validationSamples,
                          int testSamples, int parameterCount, int threads, String architecture) {
    }

    /**
     * @param epoch           0-based
     * @param batch           0-based within the epoch
     * @param loss            this batch's loss
     * @param meanLoss        mean loss of the epoch so far
     * @param accuracy        training accuracy of the epoch so far
     * @param imagesPerSecond training throughput of the epoch so far
     * @param etaSeconds      estimated time until the last epoch ends
     */
    public record BatchEnded(int epoch, int epochs, int batch, int batchesPerEpoch, double loss, double meanLoss,
                             double accuracy, double imagesPerSecond, double elapsedSeconds, double etaSeconds,
                             double learningRate) {
    }

    /**
     * @param epoch 0-based
     */
    public record EpochEnded(int epoch, int epochs, double trainLoss, double trainAccuracy,
                             Optional<Double> validationLoss, Optional<Evaluation> validation, double seconds,
                             double imagesPerSecond) {
    }
}
